using System;
using System.Globalization;
using System.IO;
using System.Threading;
using ChargerAgent.Core;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Serial;
using ChargerAgent.Host.Simulate;
using ChargerAgent.Host.Storage;
using ChargerAgent.Host.Upload;
using ChargerAgent.Simulation.Meters;
using Spectre.Console;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The agent on the desktop or a Linux controller: the same <see cref="AgentRuntime"/> as the board,
/// with a state directory for flash, the desktop HTTPS transport, and either a real Modbus meter
/// from a configuration file or the demo (a simulated charger on accelerated time, uploading to
/// the local endpoint started in this process over HTTPS).
/// </summary>
internal sealed class DesktopAgent
{
    private const int LoopMs = 50;
    private const int DrainMs = 10000;
    private readonly RunSettings settings;

    public DesktopAgent(RunSettings settings) => this.settings = settings;

    /// <summary>Runs until Ctrl-C (or the duration); returns the exit code.</summary>
    public int Run(CancellationToken stop)
    {
        bool demo = settings.ConfigFile == null;
        string stateDirectory = settings.StateDirectory
            ?? Path.Combine(Path.GetTempPath(), "chargeragent-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var files = new DirectoryFileStore(stateDirectory);
        var lines = new ConsoleLines(keepForView: !settings.Plain);
        var log = new ConsoleLog(lines);
        var status = new AgentStatus();

        EndpointServer server = null;
        HttpClientTransport transport = null;
        string caFile = settings.CaFile;
        try
        {
            IClock clock;
            IEnergySource meter;
            DemoCharger charger = null;
            AgentOptions agentOptions;
            UploadOptions uploadOptions;
            ConfigValues values = new ConfigValues();
            string banner;
            if (demo)
            {
                var accelerated = new AcceleratedClock(settings.Speed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                clock = accelerated;
                charger = new DemoCharger(accelerated);
                meter = new PlausibilityFilter(charger.Register, new PlausibilityOptions(new PowerLimit(230, 32, 3)));
                agentOptions = new AgentOptions { DeviceId = "demo-charger" };
                uploadOptions = Credentials.FromEnvironment(settings.ApiUrl, "demo-charger");
                if (settings.ApiUrl == null)
                {
                    var endpoint = new FlatpeakEndpoint(new EndpointOptions
                    {
                        UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(accelerated.TrueUnixMilliseconds),
                    });
                    server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
                    caFile = Path.Combine(stateDirectory, "local-endpoint-ca.pem");
                    File.WriteAllText(caFile, server.AuthorityPem);
                    uploadOptions = Credentials.LocalEndpoint(server.BaseUrl, "demo-charger");
                }

                // The demo shows the price at the charger, read from the endpoint's tariff (or the account's).
                uploadOptions.ReadPrices = true;

                banner = string.Format(CultureInfo.InvariantCulture,
                    "ChargerAgent demo: simulated charger, time runs {0}x (a half-hour every {1} s), uploading to {2}",
                    settings.Speed, 1800 / settings.Speed, uploadOptions.BaseUrl);
            }
            else
            {
                AgentConfig config = LoadConfig(settings.ConfigFile, values);
                clock = new SystemClock();
                if (!config.MeterIsModbus) throw new UsageException("meter.kind = s0 needs the board's pulse counter; on the desktop use a Modbus meter");
                if (settings.SerialPort == null) throw new UsageException("--serial PATH is needed for the Modbus meter");
                SerialPortLine line;
                try
                {
                    line = new SerialPortLine(settings.SerialPort, config.ModbusBaud, ParityOf(config.ModbusParity), config.ModbusStopBits == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
                {
                    throw new UsageException("cannot open the meter's serial port " + settings.SerialPort + ": " + (e.InnerException ?? e).Message);
                }

                meter = RuntimeSettings.ModbusMeter(config, line, clock);
                agentOptions = RuntimeSettings.Agent(config);
                uploadOptions = RuntimeSettings.Upload(config);
                if (settings.ApiUrl != null) uploadOptions.BaseUrl = settings.ApiUrl;
                Credentials.OverrideFromEnvironment(uploadOptions);
                banner = "ChargerAgent: " + config.DeviceId + " uploading to " + uploadOptions.BaseUrl;
            }

            try
            {
                uploadOptions.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException("upload settings: " + e.Message + " (credentials come from the configuration file or "
                    + Credentials.AccountVariable + ", " + Credentials.KeyVariable + ", " + Credentials.LocationVariable + ")");
            }

            transport = new HttpClientTransport(caFile);
            var runtime = new AgentRuntime(agentOptions, uploadOptions, new RingOptions(), clock, meter, files, transport,
                new SystemRandomSource(Environment.TickCount ^ Environment.ProcessId), status);
            runtime.SetNetworkUp(true);
            log.Write(ConsoleLog.Info, "state in " + stateDirectory + "; ring holds " + runtime.Ring.Count + " record(s)");
            var shell = new ConsoleShell(lines, new ConsoleCommands(lines, status, runtime.Agent, values, new ConfigStore(files), log, false));
            shell.Start(null);
            var input = new StdinConsole();
            if (!Console.IsInputRedirected || settings.Plain) input.Start();

            using var stopAfter = settings.DurationSeconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(settings.DurationSeconds)) : new CancellationTokenSource();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, stopAfter.Token);
            var loop = new Loop(runtime, charger, input, shell, status, settings.Plain);
            if (settings.Plain)
            {
                Console.WriteLine(banner);
                loop.Run(both.Token, null);
            }
            else
            {
                AnsiConsole.Live(StatusView.Render(status, banner)).Start(ctx =>
                    loop.Run(both.Token, () => ctx.UpdateTarget(new Rows(StatusView.Render(status, banner), StatusView.RenderLines(lines.Lines)))));
            }

            if (charger != null) Drain(runtime, charger, status);
            runtime.Agent.SaveState();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "stopped: {0} record(s) written this run, {1} waiting; state saved in {2}",
                runtime.Agent.RecordsAppended, status.Backlog, stateDirectory));
            if (server != null)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "local endpoint stored {0} record(s), {1} Wh",
                    server.Endpoint.Ledger.Count, server.Endpoint.Ledger.TotalWh));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "metered {0} Wh, stored {1} Wh at the local endpoint",
                    charger.MeteredWh, server.Endpoint.Ledger.TotalWh));
            }

            return 0;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        finally
        {
            transport?.Dispose();
            server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // The demo's end: the session stops (its record is cut) and the backlog is sent, within a few real seconds.
    private static void Drain(AgentRuntime runtime, DemoCharger charger, AgentStatus status)
    {
        charger.Stop(runtime.Agent);
        long deadline = Environment.TickCount64 + DrainMs;
        do
        {
            runtime.Tick();
            if (status.Backlog == 0 && runtime.Agent.State.OpenSession == 0) break;
            Thread.Sleep(LoopMs);
        }
        while (Environment.TickCount64 < deadline);
    }

    private static System.IO.Ports.Parity ParityOf(string name) => name switch
    {
        "even" => System.IO.Ports.Parity.Even,
        "odd" => System.IO.Ports.Parity.Odd,
        _ => System.IO.Ports.Parity.None,
    };

    private static AgentConfig LoadConfig(string path, ConfigValues values)
    {
        if (!File.Exists(path)) throw new UsageException("configuration file not found: " + path);
        if (!ConfigText.TryParse(File.ReadAllText(path), values, out string problem)) throw new UsageException(path + ": " + problem);
        Credentials.FillFromEnvironment(values);
        var config = new AgentConfig();
        if (!ConfigValidator.Validate(values, false, config, out string[] problems))
        {
            throw new UsageException(path + ": " + string.Join("; ", problems));
        }

        return config;
    }

    /// <summary>The loop: console input, meter simulation (demo), one agent tick, the view; every 50 ms.</summary>
    private sealed class Loop(AgentRuntime runtime, DemoCharger charger, StdinConsole input, ConsoleShell shell, AgentStatus status, bool plain)
    {
        private uint lastShownSeq;

        public void Run(CancellationToken stop, Action refresh)
        {
            long nextRefresh = 0;
            while (!stop.IsCancellationRequested)
            {
                while (input.TryTake(out byte[] chunk)) shell.Feed(chunk, 0, chunk.Length);
                charger?.Advance(runtime.Agent);
                runtime.Tick();
                if (plain && status.LastUploadedSeq != lastShownSeq)
                {
                    lastShownSeq = status.LastUploadedSeq;
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "uploaded record {0}: cost {1:0.00} {2}; backlog {3}",
                        status.LastUploadedSeq, status.LastUploadCostMinor / 100.0, status.Currency, status.Backlog));
                }

                long now = Environment.TickCount64;
                if (refresh != null && now >= nextRefresh)
                {
                    refresh();
                    nextRefresh = now + 250;
                }

                if (runtime.Agent.RebootRequested) break;
                stop.WaitHandle.WaitOne(LoopMs);
            }
        }
    }
}

/// <summary>A usage or configuration error: printed, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
