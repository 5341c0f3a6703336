using System;
using System.Collections.Generic;
using System.Linq;

namespace ChargerAgent.Simulation.Faults;

/// <summary>
/// A seeded schedule of faults over a run. The same seed, days and level give the same plan, so a
/// failing run can be replayed exactly. The last <see cref="QuietSeconds"/> of the run are kept free
/// of faults so that the backlog drains before the final checks.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>Fault-free time at the end of every run, in seconds.</summary>
    public const long QuietSeconds = 2 * 86400;

    private FaultPlan(IReadOnlyList<Fault> faults) => Faults = faults;

    /// <summary>The faults, ordered by start time.</summary>
    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>The longest offline period of a long run: long enough to fill the default ring (4,669 records, about 93 days).</summary>
    public const long LongOfflineSeconds = 120 * 86400L;

    /// <summary>Makes the plan for a run of <paramref name="days"/> days (plus the quiet period); <paramref name="only"/> keeps one kind of fault; <paramref name="smallRing"/> adds an offline period that fills a small ring.</summary>
    public static FaultPlan Create(int seed, int days, FaultLevel level, FaultKind? only = null, bool smallRing = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var random = new Random(SimulationSeed.Derive(seed, 1));
        var faults = new List<Fault>();
        long end = days * 86400L;
        if (level == FaultLevel.None) return new FaultPlan(faults);

        bool harsh = level == FaultLevel.Harsh;
        void Add(FaultKind kind, double perDay, long minDuration, long maxDuration, long jump = 0)
        {
            int count = Poisson(random, perDay * days);
            for (int i = 0; i < count; i++)
            {
                long at = (long)(random.NextDouble() * end);
                long duration = minDuration + (long)(random.NextDouble() * (maxDuration - minDuration));
                long clockJump = jump == 0 ? 0 : (long)((random.NextDouble() * 2 - 1) * jump);
                faults.Add(new Fault(kind, at, duration, clockJump == 0 && jump != 0 ? 1 : clockJump));
            }
        }

        Add(FaultKind.NetworkOutage, harsh ? 1.0 : 0.3, 120, harsh ? 2 * 86400 : 3600);
        Add(FaultKind.CleanReboot, harsh ? 0.5 : 0.1, 0, 0);
        Add(FaultKind.PowerCut, harsh ? 0.7 : 0.1, 5, harsh ? 6 * 3600 : 600);
        // A clock step lasts until SNTP corrects it: the duration is the wait for that correction.
        Add(FaultKind.ClockJump, harsh ? 0.3 : 0.05, 60, 3600, harsh ? 3 * 86400 : 120);
        Add(FaultKind.MeterGlitch, harsh ? 0.5 : 0.1, 0, 0);
        if (harsh)
        {
            Add(FaultKind.ServerErrorStorm, 0.4, 60, 4 * 3600);
            Add(FaultKind.RateLimitStorm, 0.3, 60, 3600);
            Add(FaultKind.ExpiredTokenStorm, 0.2, 60, 1800);
            Add(FaultKind.ForbiddenStorm, 0.1, 60, 1800);
            Add(FaultKind.LostResponses, 0.3, 300, 3600);
            faults.Add(new Fault(FaultKind.MeterReplacement, (long)(random.NextDouble() * end), 0));
            Add(FaultKind.NoPriceDataStorm, 0.2, 60, 3600);
            Add(FaultKind.DeadlineStorm, 0.3, 60, 3600);
            Add(FaultKind.RefusedStorm, 0.3, 60, 3600);
            Add(FaultKind.MeterReadFailure, 0.3, 5, 3600);
            Add(FaultKind.FlashFull, 0.1, 600, 6 * 3600);
            Add(FaultKind.FlashReadErrors, 0.2, 5, 120);
            Add(FaultKind.CutUntilCarLeaves, 0.15, 0, 0);
            long offline = days >= 150 ? LongOfflineSeconds : smallRing && days >= 25 ? (15 + random.Next(0, 8)) * 86400L : 0;
            if (offline > 0)
            {
                long at = (long)(random.NextDouble() * (end - offline));
                faults.Add(new Fault(FaultKind.LongOffline, at, offline));
            }
        }

        return new FaultPlan(faults.Where(f => only == null || f.Kind == only).OrderBy(f => f.AtSeconds).ThenBy(f => f.Kind).ToList());
    }

    /// <summary>True when a fault of <paramref name="kind"/> is in force at <paramref name="seconds"/>.</summary>
    public bool IsActive(FaultKind kind, long seconds)
    {
        foreach (Fault fault in Faults)
        {
            if (fault.AtSeconds > seconds) break;
            if (fault.Kind == kind && fault.IsActiveAt(seconds)) return true;
        }

        return false;
    }

    /// <summary>The instant faults (reboots, cuts, jumps, meter faults) starting in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<Fault> StartingBetween(long from, long to) => Faults.Where(f => f.AtSeconds >= from && f.AtSeconds < to);

    private static int Poisson(Random random, double mean)
    {
        // Knuth's method: fine for the small means used here.
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
