using System;
using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Endpoint;
using ChargerAgent.Simulation.Report;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The checks of the records the endpoint stored against what really happened: each record not
/// flagged estimated holds energy that flowed within <see cref="StampToleranceSeconds"/> of its
/// period; each flagged one has a cause the world can check; each record's session is the one
/// the driver made.
/// </summary>
public sealed class RecordChecks
{
    /// <summary>How far from its period a record's energy may have flowed, s.</summary>
    public const long StampToleranceSeconds = 60;

    /// <summary>Watt-hours a record may differ from the true energy by rounding (a read splits at the period's edges).</summary>
    public const long RoundingWh = 2;

    /// <summary>The estimated causes, in the order a flagged record is attributed to them.</summary>
    public const string CauseDowntime = "downtime_spread", CauseUnknownTime = "boot_without_time", CauseClockStep = "clock_step", CauseReadGap = "meter_read_gap",
        CauseRefused = "storage_refused";

    // An open defect is named by a Known… constant here (with the command that reproduces it) and passed to
    // Fail: its violations are then counted in SimulationReport.KnownViolations instead of failing the run,
    // while knownDefectsCounted is set. None is open now; remove an entry when its fix is merged.

    private const long NotFoundSeconds = 400L * 86400;

    private readonly TrueHistory truth;
    private readonly long startUnix;
    private readonly bool registerMeter;
    private readonly bool knownDefectsCounted;

    /// <summary>Checks records against <paramref name="truth"/>; <paramref name="startUnix"/> is second 0 of the run.</summary>
    /// <param name="truth">What happened.</param>
    /// <param name="startUnix">Unix seconds of the run's second 0.</param>
    /// <param name="registerMeter">True for a register meter (it sees every watt-hour, so a record may hold no less than flowed).</param>
    /// <param name="knownDefectsCounted">True to count the violations of the open defects (the Known… constants) instead of failing.</param>
    public RecordChecks(TrueHistory truth, long startUnix, bool registerMeter, bool knownDefectsCounted)
    {
        this.truth = truth;
        this.startUnix = startUnix;
        this.registerMeter = registerMeter;
        this.knownDefectsCounted = knownDefectsCounted;
    }

    /// <summary>Runs every check on <paramref name="stored"/> and the driver's <paramref name="sessions"/>, writing into <paramref name="report"/>.</summary>
    public void Check(IReadOnlyList<StoredRecord> stored, IReadOnlyList<DriverSession> sessions, SimulationReport report)
    {
        var effective = sessions.Select((session, i) => Effective(session, i)).Where(s => s.Span.To > s.Span.From).ToList();
        var recordsOfSession = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var sessionsOfDriver = new Dictionary<int, HashSet<string>>();
        foreach (StoredRecord r in stored)
        {
            long s = r.Start.ToUnixTimeSeconds() - startUnix, e = r.End.ToUnixTimeSeconds() - startUnix;
            void Fail(string what, string known = null)
            {
                if (known != null && knownDefectsCounted) report.CountKnown(known);
                else report.Violations.Add(r.RecordReferenceId + " (" + r.StartText + ".." + r.EndText + ", " + r.EnergyWh + " Wh): " + what);
            }

            if (r.Confidence < 1)
            {
                string cause = CauseOf(s, e, SeqOf(r.RecordReferenceId));
                if (cause == null)
                {
                    Fail($"flagged estimated (confidence {r.Confidence}) with no cause the simulator can check");
                    continue;
                }

                report.EstimatedWhByCause[cause] = report.EstimatedWhByCause.GetValueOrDefault(cause) + r.EnergyWh;
                continue;
            }

            long error = StampingError(s, e, r.EnergyWh);
            if (error > StampToleranceSeconds)
            {
                Fail(error >= NotFoundSeconds ? "its energy never flowed near its period" : $"its energy flowed up to {error} s from its period");
            }
            else report.LargestStampingErrorS = Math.Max(report.LargestStampingErrorS, error);

            int k = MostOverlapping(effective, s, e);
            if (r.SessionReferenceId == null)
            {
                if (k >= 0 && effective[k].Span.Overlaps(s + StampToleranceSeconds, e - StampToleranceSeconds))
                    Fail($"has no session while the car of driver session {effective[k].Index} charged ({effective[k].Span.From}..{effective[k].Span.To} s)");
                continue;
            }

            if (k < 0 || s < effective[k].Span.From - StampToleranceSeconds || e > effective[k].Span.To + StampToleranceSeconds)
            {
                Fail("session " + r.SessionReferenceId + " outside the driver's sessions" + (k < 0 ? string.Empty : $" (nearest {effective[k].Span.From}..{effective[k].Span.To} s)"));
                continue;
            }

            // A record without energy (a session's end marker, one second long when the stop is
            // learnt just as a period opens, at boot) bills nothing to the car it touches.
            if (r.EnergyWh == 0) continue;
            if (!recordsOfSession.TryGetValue(r.SessionReferenceId, out var drivers)) recordsOfSession[r.SessionReferenceId] = drivers = new HashSet<int>();
            drivers.Add(effective[k].Index);
            if (!sessionsOfDriver.TryGetValue(effective[k].Index, out var ids)) sessionsOfDriver[effective[k].Index] = ids = new HashSet<string>(StringComparer.Ordinal);
            ids.Add(r.SessionReferenceId);
        }

        foreach (var pair in recordsOfSession.Where(p => p.Value.Count > 1))
        {
            // A car that stopped and one that started within the same downtime look, at boot, like
            // one car still charging: no agent can tell them apart, so that merge is counted, not failed.
            var merged = pair.Value.OrderBy(i => i).ToList();
            bool indistinguishable = true;
            for (int i = 1; i < merged.Count; i++) indistinguishable &= SameAbsence(sessions[merged[i - 1]].End, sessions[merged[i]].Start);

            if (indistinguishable) report.SessionsMergedInDowntime += merged.Count - 1;
            else report.Violations.Add($"session {pair.Key} merges {pair.Value.Count} driver sessions ({string.Join(", ", merged.Take(4))})");
        }
        foreach (var pair in sessionsOfDriver.Where(p => p.Value.Count > 1))
        {
            report.Violations.Add($"driver session {pair.Key} is split into {pair.Value.Count} sessions ({string.Join(", ", pair.Value.Take(4))})");
        }
    }

    private bool SameAbsence(long stop, long start) => truth.Absences.Concat(truth.Unsaved).Any(d => stop >= d.From && stop < d.To && start >= d.From && start <= d.To);

    /// <summary>
    /// A driver's session as the agent can see it: a start or stop in an absence (a downtime up to the first tick the agent
    /// completed after it), or learnt while the flash could save nothing and lost with a cut (<see cref="TrueHistory.Unsaved"/>),
    /// moves to the end of it.
    /// </summary>
    private (int Index, Span Span) Effective(DriverSession session, int index)
    {
        long from = session.Start, to = session.End;
        foreach (Span down in truth.Absences.Concat(truth.Unsaved).OrderBy(d => d.From))
        {
            if (from >= down.From && from < down.To) from = down.To;
            if (to >= down.From && to < down.To) to = down.To;
        }

        return (index, new Span(from, to));
    }

    private static int MostOverlapping(List<(int Index, Span Span)> sessions, long s, long e)
    {
        int best = -1;
        long bestOverlap = 0;
        int lo = 0, hi = sessions.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sessions[mid].Span.To <= s - StampToleranceSeconds) lo = mid + 1;
            else hi = mid;
        }

        for (int i = Math.Max(0, lo - 1); i < sessions.Count && sessions[i].Span.From < e + StampToleranceSeconds; i++)
        {
            long overlap = Math.Min(e, sessions[i].Span.To) - Math.Max(s, sessions[i].Span.From);
            if (overlap > bestOverlap || (best < 0 && overlap > -StampToleranceSeconds))
            {
                bestOverlap = Math.Max(overlap, 0);
                best = i;
            }
        }

        return best;
    }

    /// <summary>How far beyond its period a record's energy must have flowed, s: 0 when the period holds it.</summary>
    private long StampingError(long s, long e, long wh)
    {
        long lo = 0, hi = NotFoundSeconds;
        if (Fits(s, e, wh, 0)) return 0;
        if (!Fits(s, e, wh, hi)) return hi;
        while (hi - lo > 1)
        {
            long mid = (lo + hi) / 2;
            if (Fits(s, e, wh, mid)) hi = mid;
            else lo = mid;
        }

        return hi;
    }

    /// <summary>
    /// True when the record's energy is what flowed in its period give or take <paramref name="slack"/>
    /// seconds at each end: no more than flowed in the widened period, and (register meter, which
    /// sees every watt-hour) no less than flowed in the narrowed one.
    /// </summary>
    private bool Fits(long s, long e, long wh, long slack)
    {
        if (wh > truth.Between(s - slack, e + slack) + RoundingWh) return false;
        if (!registerMeter || e - s <= 2 * slack) return true;
        return truth.Between(s + slack, e - slack) <= wh + RoundingWh;
    }

    /// <summary>The Seq in a record reference id (…-r&lt;seq&gt;), or 0.</summary>
    private static uint SeqOf(string recordReferenceId)
    {
        int at = recordReferenceId == null ? -1 : recordReferenceId.LastIndexOf("-r", StringComparison.Ordinal);
        return at >= 0 && uint.TryParse(recordReferenceId.AsSpan(at + 2), out uint seq) ? seq : 0;
    }

    private string CauseOf(long s, long e, uint seq)
    {
        long from = s - StampToleranceSeconds, to = e + StampToleranceSeconds;
        if (truth.Downtimes.Any(d => d.Overlaps(from, to))) return CauseDowntime;
        // Where the estimate puts such a record cannot be checked, only that its boot never learnt the time.
        if (truth.WrittenWithoutTime(seq)) return CauseUnknownTime;
        if (truth.ClockSteps.Any(c => c.Span.Overlaps(from - Math.Abs(c.StepSeconds), to + Math.Abs(c.StepSeconds)))) return CauseClockStep;
        // Either meter: an S0 counter that cannot be read still counts, and shows it all at the next read.
        if (truth.ReadGaps.Any(g => g.Overlaps(from, to))) return CauseReadGap;
        // Energy a full ring or flash refused waits in the open interval: its record spans the refusal.
        if (truth.Refusals.Any(x => x.Overlaps(from, to))) return CauseRefused;
        return null;
    }
}

/// <summary>One session as the driver made it: the car charged from <see cref="Start"/> to <see cref="End"/> (simulated seconds).</summary>
/// <param name="Start">First second of charging.</param>
/// <param name="End">Second the car stopped.</param>
/// <param name="PowerW">Nominal power, W.</param>
public readonly record struct DriverSession(long Start, long End, int PowerW);
