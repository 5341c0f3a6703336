using System;
using System.CommandLine;
using System.Threading;
using ChargerAgent.Host.Run;

namespace ChargerAgent.Host.Commands;

/// <summary><c>run</c>: the agent on real time; with no options, the demo against the local endpoint.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Configuration file (the firmware's key = value format); without it, the demo runs" };
        var state = new Option<string>("--state-dir") { Description = "Directory for the ring, checkpoint and side files (default: a new temporary directory)" };
        var serial = new Option<string>("--serial") { Description = "Serial device of the Modbus meter, e.g. /dev/ttyUSB0 (with --config)" };
        var apiUrl = new Option<string>("--api-url") { Description = "Another Flatpeak-compatible endpoint; credentials from FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY, FLATPEAK_LOCATION_ID" };
        var caFile = new Option<string>("--ca-file") { Description = "Extra root certificates (PEM) to trust for that endpoint" };
        var speed = new Option<int>("--speed") { Description = "Demo: simulated seconds per real second (60: a half-hour every 30 s)", DefaultValueFactory = _ => 60 };
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl-C)" };
        var plain = new Option<bool>("--plain") { Description = "Plain output lines instead of the live status view" };

        var command = new Command("run", "Run the agent. With no options: a simulated charger uploading to the local endpoint over HTTPS (demo, accelerated time).");
        foreach (Option option in new Option[] { config, state, serial, apiUrl, caFile, speed, duration, plain }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int speedValue = parse.GetValue(speed);
            if (speedValue < 1 || speedValue > 3600)
            {
                Console.Error.WriteLine("--speed must be between 1 and 3600");
                return 2;
            }

            var settings = new RunSettings(parse.GetValue(config), parse.GetValue(state), parse.GetValue(serial), parse.GetValue(apiUrl),
                parse.GetValue(caFile), parse.GetValue(config) == null ? speedValue : 1, Math.Max(0, parse.GetValue(duration)),
                parse.GetValue(plain) || Console.IsOutputRedirected);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return new DesktopAgent(settings).Run(stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}
