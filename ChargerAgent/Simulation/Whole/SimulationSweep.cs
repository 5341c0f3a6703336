using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;

namespace ChargerAgent.Simulation.Whole;

/// <summary>One run of a sweep: its seed, its meter and its report.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="PulseMeter">True for the S0 meter.</param>
/// <param name="Report">What the run ended with.</param>
public sealed record SweepRun(int Seed, bool PulseMeter, SimulationReport Report);

/// <summary>
/// Many seeded runs, each seed with both meters, spread over the machine's cores: what CI runs
/// on every change and what the long sweeps of docs/SIMULATOR.md are made of. Every run is the same whole
/// simulation as a single <c>simulate</c>, with all of its checks.
/// </summary>
public static class SimulationSweep
{
    /// <summary>Runs seeds <paramref name="firstSeed"/>..<paramref name="lastSeed"/> with both meters; <paramref name="done"/> hears of each finished run.</summary>
    /// <param name="firstSeed">First seed.</param>
    /// <param name="lastSeed">Last seed.</param>
    /// <param name="days">Days with faults of each run.</param>
    /// <param name="faults">Fault level.</param>
    /// <param name="parallelism">Runs at once.</param>
    /// <param name="ringKilobytes">The ring's size, KB; 0 for each seed's choice.</param>
    /// <param name="knownDefectsCounted">True to count the violations of open defects as known (see <see cref="SimulationSettings.KnownDefectsCounted"/>).</param>
    /// <param name="done">Hears of each finished run (one at a time), or null.</param>
    public static List<SweepRun> Run(int firstSeed, int lastSeed, int days, FaultLevel faults, int parallelism, int ringKilobytes = 0, bool knownDefectsCounted = true, Action<SweepRun> done = null)
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
            var settings = new SimulationSettings(days, faults, jobs[i].Seed, jobs[i].Pulse, RingKilobytes: ringKilobytes, KnownDefectsCounted: knownDefectsCounted);
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
        string verdict = (r.Violations.Count == 0 ? "ok" : r.Violations.Count + " violation(s): " + string.Join("; ", r.Violations.Take(3)))
            + (r.KnownViolations > 0 ? $" ({r.KnownViolations} known)" : string.Empty);
        long estimated = r.EstimatedWhByCause.Values.Sum();
        return $"seed {run.Seed,5} {r.Meter,-6} ring {r.RingKilobytes,2} KB records {r.Records,6} delivered {r.DeliveredWh,9} Wh of {r.RecordedWh,9} estimated {estimated,8} Wh backlog max {r.LargestBacklog,5} coalescings {r.Coalescings,4} cuts {r.PowerCuts,4} stamping {r.LargestStampingErrorS,2} s  {verdict}";
    }

    /// <summary>The totals of a sweep, for the end of its output.</summary>
    public static string Summary(IReadOnlyList<SweepRun> runs, TimeSpan elapsed)
    {
        int failed = runs.Count(r => r.Report.Violations.Count > 0);
        long records = runs.Sum(r => r.Report.Records);
        long wh = runs.Sum(r => r.Report.RecordedWh);
        long cuts = runs.Sum(r => r.Report.PowerCuts);
        long backlog = runs.Max(r => r.Report.LargestBacklog);
        long known = runs.Sum(r => r.Report.KnownViolations);
        long estimated = runs.Sum(r => r.Report.EstimatedWhByCause.Values.Sum());
        long coalescings = runs.Sum(r => r.Report.Coalescings);
        long stamping = runs.Max(r => r.Report.LargestStampingErrorS);
        var causes = new SortedDictionary<string, long>();
        foreach (var run in runs)
            foreach (var pair in run.Report.EstimatedWhByCause) causes[pair.Key] = causes.GetValueOrDefault(pair.Key) + pair.Value;
        string shares = string.Join(", ", causes.Select(p => $"{p.Key} {100.0 * p.Value / Math.Max(1, estimated):0.#} %"));
        return $"sweep: {runs.Count} runs, {failed} with violations, {known} known{(known > 0 ? " (open defects: " + string.Join(", ", KnownTotals(runs)) + ")" : string.Empty)}; {records} records, {wh} Wh, {estimated} Wh estimated"
            + $" ({100.0 * estimated / Math.Max(1, wh):0.##} %: {shares}), {cuts} power cuts, {coalescings} coalescings, largest backlog {backlog}, largest stamping error {stamping} s;"
            + $" {elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} core(s)";
    }

    private static IEnumerable<string> KnownTotals(IReadOnlyList<SweepRun> runs)
    {
        var totals = new SortedDictionary<string, long>();
        foreach (var run in runs)
            foreach (var pair in run.Report.KnownViolationsByDefect) totals[pair.Key] = totals.GetValueOrDefault(pair.Key) + pair.Value;
        return totals.Select(p => p.Value + " " + p.Key.Split(' ')[0]);
    }

    /// <summary>Parses <c>A..B</c> (or one seed) into <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static bool TryParseRange(string text, out int first, out int last)
    {
        first = last = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) return int.TryParse(text, out first) && (last = first) == first && first >= 0;
        return int.TryParse(text.AsSpan(0, dots), out first) && int.TryParse(text.AsSpan(dots + 2), out last) && first >= 0 && last >= first && last - first < 100000;
    }
}
