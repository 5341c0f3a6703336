using System;
using System.CommandLine;
using ChargerAgent.Simulation.Whole;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;

namespace ChargerAgent.Host.Commands;

/// <summary><c>simulate</c>: the whole agent on simulated time, with a seeded fault plan, ending in a report.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Simulated days with faults (a 2-day fault-free drain period follows)", DefaultValueFactory = _ => 7 };
        var faults = new Option<string>("--faults") { Description = "Fault level: none, mild or harsh", DefaultValueFactory = _ => "mild" };
        faults.AcceptOnlyFromAmong("none", "mild", "harsh");
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same report, byte for byte", DefaultValueFactory = _ => 1 };
        var meter = new Option<string>("--meter") { Description = "Meter: sdm630 (Modbus register) or s0 (pulses)", DefaultValueFactory = _ => "sdm630" };
        meter.AcceptOnlyFromAmong("sdm630", "s0");
        var only = new Option<string>("--only") { Description = "Inject only this kind of fault (e.g. PowerCut, NetworkOutage)" };
        var apiUrl = new Option<string>("--api-url") { Description = "Talk real HTTPS to another Flatpeak-compatible endpoint (credentials from FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY, FLATPEAK_LOCATION_ID; records sent non_persistent; sk_live_ keys refused)" };
        var caFile = new Option<string>("--ca-file") { Description = "Extra root certificates (PEM) for --api-url" };
        var flashTrace = new Option<string>("--flash-trace") { Description = "Write the agent's flash traffic to this file, as a trace any littlefs build can replay (docs/FLASH-TRACE.md)" };
        var flashTraceData = new Option<bool>("--flash-trace-data") { Description = "Also write the bytes of every write into the flash trace" };
        var ringKb = new Option<int>("--ring-kb") { Description = "The ring's size, KB (12 to 96; default: 96, or 12 for every fourth seed of a harsh run, so the ring fills)" };
        var clockSteps = new Option<string>("--known-defects") { Description = "counted: violations of the open defects the report names are counted, not failed; strict: they fail the run", DefaultValueFactory = _ => "counted" };
        clockSteps.AcceptOnlyFromAmong("counted", "strict");
        var kwhPerDay = new Option<int>("--kwh-per-day") { Description = "Charging energy to aim for, kWh a day (10 to 250; default: the usual timetable, about 30)" };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object on stdout" };
        var seeds = new Option<string>("--seeds") { Description = "Sweep: run seeds A..B, each with both meters, over all cores; one line per run, then the totals (exit 1 if any run has a violation)" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once in a sweep (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("simulate", "Run the whole agent on simulated time against the in-process endpoint, with faults, and report.");
        command.Options.Add(days);
        command.Options.Add(faults);
        command.Options.Add(seed);
        command.Options.Add(meter);
        command.Options.Add(only);
        command.Options.Add(apiUrl);
        command.Options.Add(caFile);
        command.Options.Add(flashTrace);
        command.Options.Add(flashTraceData);
        command.Options.Add(kwhPerDay);
        command.Options.Add(ringKb);
        command.Options.Add(clockSteps);
        command.Options.Add(json);
        command.Options.Add(seeds);
        command.Options.Add(parallel);
        command.SetAction(parse =>
        {
            int dayCount = parse.GetValue(days);
            if (dayCount < 1 || dayCount > 3650)
            {
                Console.Error.WriteLine("--days must be between 1 and 3650");
                return 2;
            }

            int kwh = parse.GetValue(kwhPerDay);
            if (kwh != 0 && (kwh < 10 || kwh > 250))
            {
                Console.Error.WriteLine("--kwh-per-day must be between 10 and 250");
                return 2;
            }

            int ring = parse.GetValue(ringKb);
            if (ring != 0 && (ring < 12 || ring > 96))
            {
                Console.Error.WriteLine("--ring-kb must be between 12 and 96");
                return 2;
            }

            FaultKind? onlyKind = null;
            string onlyText = parse.GetValue(only);
            if (onlyText != null)
            {
                if (!Enum.TryParse(onlyText, ignoreCase: true, out FaultKind parsed))
                {
                    Console.Error.WriteLine("--only: one of " + string.Join(", ", Enum.GetNames<FaultKind>()));
                    return 2;
                }

                onlyKind = parsed;
            }

            string seedRange = parse.GetValue(seeds);
            if (seedRange != null)
            {
                if (!SimulationSweep.TryParseRange(seedRange, out int first, out int last))
                {
                    Console.Error.WriteLine("--seeds must be A..B with 0 <= A <= B, e.g. --seeds 1..40");
                    return 2;
                }

                if (onlyKind != null || parse.GetValue(apiUrl) != null)
                {
                    Console.Error.WriteLine("--seeds runs every fault against the in-process endpoint: leave out --only and --api-url");
                    return 2;
                }

                var watch = System.Diagnostics.Stopwatch.StartNew();
                var runs = SimulationSweep.Run(first, last, dayCount, ParseLevel(parse.GetValue(faults)), parse.GetValue(parallel), ring, parse.GetValue(clockSteps) == "counted",
                    run => Console.Out.WriteLine(parse.GetValue(json) ? run.Report.ToJson() : SimulationSweep.Line(run)));
                Console.Out.WriteLine(SimulationSweep.Summary(runs, watch.Elapsed));
                return runs.Exists(r => r.Report.Violations.Count > 0) ? 1 : 0;
            }

            bool showProgress = !Console.IsErrorRedirected;
            WholeAgentSimulation simulation;
            try
            {
                string url = parse.GetValue(apiUrl);
                IExternalApi external = url == null ? null : SimulationApi.FromEnvironment(url, parse.GetValue(caFile));
                var settings = new SimulationSettings(dayCount, ParseLevel(parse.GetValue(faults)), parse.GetValue(seed), parse.GetValue(meter) == "s0", onlyKind,
                    external, parse.GetValue(flashTrace), parse.GetValue(flashTraceData), kwh, ring, parse.GetValue(clockSteps) == "counted");
                simulation = new WholeAgentSimulation(settings);
            }
            catch (Exception e) when (e is ChargerAgent.Host.Run.UsageException || e is ArgumentException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            SimulationReport report = simulation.Run(showProgress
                ? fraction => Console.Error.Write($"\rsimulating: {fraction * 100,5:0.0} %")
                : null);
            if (showProgress) Console.Error.WriteLine();
            Console.Out.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return report.Violations.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static FaultLevel ParseLevel(string text) => text switch
    {
        "none" => FaultLevel.None,
        "harsh" => FaultLevel.Harsh,
        _ => FaultLevel.Mild,
    };
}
