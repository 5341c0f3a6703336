using ChargerAgent.Simulation.Whole;
using System;
using System.Globalization;
using System.IO;
using System.Threading;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Host.Logging;
using ChargerAgent.Host.Service;
using ChargerAgent.Host.Storage;
using Microsoft.Extensions.Logging;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The agent on the desktop or a Linux controller: the same <see cref="Core.Runtime.AgentRuntime"/> as the
/// board, with a state directory for flash, the desktop HTTPS transport, and either a real Modbus
/// meter from a configuration file or the demo (a simulated charger on accelerated time, uploading
/// to the local endpoint started in this process over HTTPS). Runs until a stop signal or the
/// duration, saving the state; a console <c>reboot</c> or SIGHUP rebuilds the agent from the
/// configuration file in the same process.
/// </summary>
internal sealed class DesktopAgent(RunSettings settings, ServiceSignals signals)
{
    private const int LoopMs = 50;
    private const int DrainMs = 10000;
    private const int DrainOnSignalMs = 2000;
    private readonly RunSettings settings = settings;
    private readonly ServiceSignals signals = signals;

    private enum RunEnd
    {
        Stop,
        Duration,
        Reboot,
        Reload,
    }

    /// <summary>Runs until stopped; returns the exit code.</summary>
    public int Run()
    {
        bool demo = settings.ConfigFile == null;
        bool temporaryState = settings.StateDirectory == null;
        string stateDirectory = settings.StateDirectory
            ?? Path.Combine(Path.GetTempPath(), "chargeragent-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var level = new ConsoleLog(new DiscardOutput());
        level.TrySetLevel(settings.LogLevel);
        var lines = new ConsoleLines();
        using ILoggerFactory loggers = AgentLogging.Create(level, settings.Plain ? null : lines);
        ILogger logger = loggers.CreateLogger(AgentLogging.Category);
        var notify = new SystemdNotify();
        DemoWorld world = null;
        ConsoleSocketServer socket = null;
        string stoppedLine;
        try
        {
            AgentInstance.CheckArguments(settings);
            var configFile = new ConfigFile(settings.ConfigFile);
            if (!demo) configFile.Load(new ConfigValues());
            DirectoryFileStore files = StateDirectory.Open(stateDirectory);
            if (demo) world = DemoWorld.Start(settings.Speed, settings.ApiUrl == null, files.Root);
            if (settings.ConsoleSocket != null) socket = ConsoleSocketServer.Listen(settings.ConsoleSocket);
            var events = new AgentEvents(logger, settings.SummarySeconds * 1000L);
            var status = new AgentStatus();
            // The live view reads keys itself (no terminal echo under it); plain mode reads lines from stdin.
            var keys = new KeyInput(lines);
            var stdin = new StdinConsole();
            ITypedInput input = settings.Plain ? stdin : keys;
            if (settings.Plain) stdin.Start();
            else if (!Console.IsInputRedirected) keys.Start();
            long deadline = settings.DurationSeconds > 0 ? Environment.TickCount64 + settings.DurationSeconds * 1000L : long.MaxValue;
            RunEnd end;
            bool first = true;
            AgentInstance instance;
            while (true)
            {
                instance = AgentInstance.Build(settings, files, configFile, world, status);
                using (instance)
                {
                    events.Attach(instance.Agent, instance.Runtime.Status, instance.Runtime.Uploader, files.Root, instance.Runtime.Ring.Count, Environment.TickCount64);
                    if (first)
                    {
                        logger.Line(LogLevel.Information, instance.Banner);
                        if (socket != null) logger.Line(LogLevel.Information, "console on " + socket.Path + " (chargeragent console --socket " + socket.Path + ")");
                    }
                    else
                    {
                        socket?.AgentReplaced();
                    }

                    notify.Ready(instance.Banner);
                    first = false;
                    var loop = new Loop(this, instance, world, input, socket, level, configFile, lines, events, notify, deadline, files.Root);
                    end = settings.Plain ? loop.Run(null) : LiveView.Show(status, lines, keys, () => instance.Banner, loop.Run);
                    if (end is RunEnd.Stop or RunEnd.Duration) notify.Stopping();
                    else notify.Reloading();
                    // A timed demo ends with its bill sent; a stop signal leaves it at most DrainOnSignalMs, within systemd's patience.
                    if (world != null && end is RunEnd.Stop or RunEnd.Duration) Drain(instance, world.Charger, status, end is RunEnd.Duration ? DrainMs : DrainOnSignalMs);
                    try
                    {
                        instance.SaveState(end is RunEnd.Reload ? RebootReason.Configuration : RebootReason.Stopped);
                    }
                    catch (Exception e) when (StorageErrors.IsStorage(e))
                    {
                        throw StorageErrors.StateDirectory(files.Root, e);
                    }

                    if (end is RunEnd.Stop or RunEnd.Duration)
                    {
                        stoppedLine = string.Format(CultureInfo.InvariantCulture,
                            "stopped{0}: {1} record(s) written this run, {2} waiting; state saved in {3}",
                            signals.StopSignal == null ? string.Empty : " (" + signals.StopSignal + ")",
                            instance.Agent.RecordsAppended, status.Delivery.Backlog, files.Root);
                        break;
                    }

                    logger.Line(LogLevel.Information, end == RunEnd.Reboot
                        ? "restarting (reboot asked on the console); state saved"
                        : "reloading " + configFile.Path + " (SIGHUP); state saved");
                }
            }

            if (world?.Server != null)
            {
                stoppedLine += string.Format(CultureInfo.InvariantCulture, "; the local endpoint stored {0} record(s), {1} Wh",
                    world.Server.Endpoint.Ledger.Count, world.Server.Endpoint.Ledger.TotalWh);
                // The demo's bill in one line: what the meter counted against what the endpoint holds.
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "metered {0} Wh, stored {1} Wh at the local endpoint",
                    world.Charger.MeteredWh, world.Server.Endpoint.Ledger.TotalWh));
            }
        }
        catch (RunFailure failure)
        {
            // One line: in the journal (with its error priority) under systemd, on stderr otherwise.
            if (AgentLogging.UnderSystemd) logger.Line(LogLevel.Error, failure.Message);
            loggers.Dispose();
            if (!AgentLogging.UnderSystemd) Console.Error.WriteLine("run: " + failure.Message);
            return failure.Code;
        }
        finally
        {
            socket?.Dispose();
            world?.Dispose();
            if (temporaryState) DeleteTemporary(stateDirectory);
        }

        if (temporaryState) stoppedLine += "; the demo's temporary state directory is deleted";
        logger.Line(LogLevel.Information, stoppedLine);
        loggers.Dispose();
        if (!settings.Plain) Console.WriteLine(stoppedLine);
        return ExitCodes.Ok;
    }

    private static void DeleteTemporary(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            Console.Error.WriteLine("run: could not delete the demo's state directory " + directory + ": " + StorageErrors.Condition(e));
        }
    }

    /// <summary>The loop: console input, meter simulation (demo), one agent tick, logs, watchdog, the view; every 50 ms.</summary>
    // The demo's end: the car unplugs (its session's record is cut) and the backlog is sent, within a few real seconds.
    private static void Drain(AgentInstance instance, DemoCharger charger, AgentStatus status, int forMs)
    {
        charger.Stop(instance.Agent);
        long deadline = Environment.TickCount64 + forMs;
        do
        {
            instance.Runtime.Tick();
            if (status.Delivery.Backlog == 0 && instance.Agent.State.OpenSession == 0) break;
            Thread.Sleep(LoopMs);
        }
        while (Environment.TickCount64 < deadline);
    }

    private sealed class Loop(DesktopAgent owner, AgentInstance instance, DemoWorld world, ITypedInput input, ConsoleSocketServer socket,
        ConsoleLog level, ConfigFile configFile, ConsoleLines lines, AgentEvents events, SystemdNotify notify, long deadline, string stateRoot)
    {
        public RunEnd Run(Action refresh)
        {
            ServiceSignals signals = owner.signals;
            var store = new ConfigStore(configFile);
            IConsoleOutput localOutput = owner.settings.Plain ? new PlainOutput() : lines;
            var shell = new ConsoleShell(localOutput, new ConsoleCommands(localOutput, instance.Runtime.Status, instance.Runtime.Control, instance.Values, store, level, false));
            long nextRefresh = 0;
            while (true)
            {
                if (signals.Stopping.IsCancellationRequested) return RunEnd.Stop;
                long now = Environment.TickCount64;
                if (now >= deadline) return RunEnd.Duration;
                while (input.TryTake(out byte[] chunk)) shell.Feed(chunk, 0, chunk.Length);
                socket?.Pump(output => new ConsoleCommands(output, instance.Runtime.Status, instance.Runtime.Control, instance.Values, store, level, false));
                world?.Charger.Advance(instance.Agent);
                try
                {
                    instance.Runtime.Tick();
                }
                catch (Exception e) when (StorageErrors.IsStorage(e))
                {
                    throw StorageErrors.StateDirectory(stateRoot, e);
                }

                events.Observe(now);
                notify.Alive(now);
                if (refresh != null && now >= nextRefresh)
                {
                    refresh();
                    nextRefresh = now + 100;
                }

                if (instance.Agent.RebootRequested) return RunEnd.Reboot;
                if (signals.TakeReload() && CanReload()) return RunEnd.Reload;
                signals.Stopping.WaitHandle.WaitOne(LoopMs);
            }
        }

        private bool CanReload()
        {
            if (configFile.Path == null)
            {
                events.Note(LogLevel.Warning, "SIGHUP: the demo has no configuration file to reload");
                return false;
            }

            try
            {
                configFile.Load(new ConfigValues());
                return true;
            }
            catch (RunFailure failure)
            {
                events.Note(LogLevel.Error, "SIGHUP: not reloading, the running configuration stays: " + failure.Message);
                return false;
            }
        }
    }

    /// <summary>Console answers in plain mode: lines to stdout; the prompt and echo are left to the terminal.</summary>
    private sealed class PlainOutput : IConsoleOutput
    {
        public void Write(string text)
        {
        }

        public void WriteLine(string line) => Console.WriteLine(line);
    }

    private sealed class DiscardOutput : IConsoleOutput
    {
        public void Write(string text)
        {
        }

        public void WriteLine(string line)
        {
        }
    }
}
