using System;
using System.CommandLine;
using ChargerAgent.Core.Console;
using ChargerAgent.Host.Run;
using ChargerAgent.Host.Service;

namespace ChargerAgent.Host.Commands;

/// <summary><c>run</c>: the agent on real time; with no options, the demo against the local endpoint.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Configuration file (the firmware's key = value format); without it, the demo runs" };
        var state = new Option<string>("--state-dir") { Description = "Directory for the ring, checkpoint and side files (default: a temporary directory, deleted at the end)" };
        var serial = new Option<string>("--serial") { Description = "Serial device of the Modbus meter, e.g. /dev/ttyUSB0 (with --config)" };
        var apiUrl = new Option<string>("--api-url") { Description = "Another Flatpeak-compatible endpoint; credentials from FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY, FLATPEAK_LOCATION_ID" };
        var caFile = new Option<string>("--ca-file") { Description = "Extra root certificates (PEM) to trust for that endpoint" };
        var speed = new Option<int>("--speed") { Description = "Demo: simulated seconds per real second (60: a half-hour every 30 s)", DefaultValueFactory = _ => 60 };
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds (default: run until stopped)" };
        var plain = new Option<bool>("--plain") { Description = "Plain log lines instead of the live status view" };
        var logLevel = new Option<string>("--log-level") { Description = "error, warn, info or debug", DefaultValueFactory = _ => "info" };
        var socket = new Option<string>("--console-socket") { Description = "Serve the console on this Unix socket (chargeragent console, status, session)" };
        var summary = new Option<int>("--summary-interval") { Description = "Seconds between two summary lines (backlog, last upload, energy today); 0: none", DefaultValueFactory = _ => 900 };
        var command = new Command("run", "Run the agent. With no options: a simulated charger uploading to the local endpoint over HTTPS (demo, accelerated time).");
        foreach (Option option in new Option[] { config, state, serial, apiUrl, caFile, speed, duration, plain, logLevel, socket, summary }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string problem = Check(parse.GetValue(speed), parse.GetValue(duration), parse.GetValue(logLevel), parse.GetValue(summary));
            if (problem != null)
            {
                Console.Error.WriteLine("run: " + problem);
                return ExitCodes.Usage;
            }

            var settings = new RunSettings(parse.GetValue(config), parse.GetValue(state), parse.GetValue(serial), parse.GetValue(apiUrl),
                parse.GetValue(caFile), parse.GetValue(config) == null ? parse.GetValue(speed) : 1, parse.GetValue(duration),
                parse.GetValue(plain) || Console.IsOutputRedirected, parse.GetValue(logLevel), parse.GetValue(socket), parse.GetValue(summary));
            using var signals = new ServiceSignals();
            return new DesktopAgent(settings, signals).Run();
        });
        return command;
    }

    private static string Check(int speed, int duration, string logLevel, int summary)
    {
        if (speed < 1 || speed > 3600) return "--speed must be between 1 and 3600";
        if (duration < 0) return "--duration must be 0 (run until stopped) or a number of seconds, not " + duration;
        if (ConsoleLog.Parse(logLevel) < 0) return "--log-level must be error, warn, info or debug";
        if (summary < 0) return "--summary-interval must be 0 (none) or a number of seconds";
        return null;
    }
}
