using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;

namespace ChargerAgent.Host.Simulate;

/// <summary>One run of a sweep: its seed, its meter and its report.</summary>
internal sealed record SweepRun(int Seed, bool PulseMeter, SimulationReport Report);

/// <summary>
/// Many seeded runs, each seed with both meters, spread over the machine's cores: what CI runs
/// on every change and what the long sweeps of docs/SIMULATOR.md are made of. Every run is the same whole
/// simulation as a single <c>simulate</c>, with all of its checks.
/// </summary>
internal static class SimulationSweep
{
    /// <summary>Runs seeds <paramref name="firstSeed"/>..<paramref name="lastSeed"/> with both meters; <paramref name="done"/> hears of each finished run.</summary>
    public static List<SweepRun> Run(int firstSeed, int lastSeed, int days, FaultLevel faults, int parallelism, Action<SweepRun> done = null)
    {
        var jobs = new List<(int Seed, bool Pulse)>();
        for (int seed = firstSeed; seed <= lastSeed; seed++)
        {
            jobs.Add((seed, false));
            jobs.Add((seed, true));
        }

        var results = new SweepRun[jobs.Count];
        var gate = new object();
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var settings = new SimulationSettings(days, faults, jobs[i].Seed, jobs[i].Pulse);
            SimulationReport report = new WholeAgentSimulation(settings).Run();
            results[i] = new SweepRun(jobs[i].Seed, jobs[i].Pulse, report);
            if (done != null)
            {
                lock (gate)
                {
                    done(results[i]);
                }
            }
        });

        return results.ToList();
    }

    /// <summary>One line for a run of the sweep.</summary>
    public static string Line(SweepRun run)
    {
        SimulationReport r = run.Report;
        string verdict = r.Violations.Count == 0 ? "ok" : r.Violations.Count + " violation(s): " + string.Join("; ", r.Violations.Take(3));
        return $"seed {run.Seed,5} {r.Meter,-6} records {r.Records,6} delivered {r.DeliveredWh,9} Wh of {r.RecordedWh,9} backlog max {r.LargestBacklog,5} cuts {r.PowerCuts,4}  {verdict}";
    }

    /// <summary>The totals of a sweep, for the end of its output.</summary>
    public static string Summary(IReadOnlyList<SweepRun> runs, TimeSpan elapsed)
    {
        int failed = runs.Count(r => r.Report.Violations.Count > 0);
        long records = runs.Sum(r => r.Report.Records);
        long wh = runs.Sum(r => r.Report.RecordedWh);
        long cuts = runs.Sum(r => r.Report.PowerCuts);
        long backlog = runs.Max(r => r.Report.LargestBacklog);
        return $"sweep: {runs.Count} runs, {failed} with violations; {records} records, {wh} Wh, {cuts} power cuts, largest backlog {backlog}; {elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} core(s)";
    }

    /// <summary>Parses <c>A..B</c> (or one seed).</summary>
    public static bool TryParseRange(string text, out int first, out int last)
    {
        first = last = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) return int.TryParse(text, out first) && (last = first) == first && first >= 0;
        return int.TryParse(text.AsSpan(0, dots), out first) && int.TryParse(text.AsSpan(dots + 2), out last) && first >= 0 && last >= first && last - first < 100000;
    }
}
