using System;
using System.Collections.Generic;

namespace ChargerAgent.Simulation.Whole;

/// <summary>A span of simulated seconds, [<see cref="From"/>, <see cref="To"/>).</summary>
/// <param name="From">First second.</param>
/// <param name="To">Second after the last.</param>
public readonly record struct Span(long From, long To)
{
    /// <summary>True when the span and [<paramref name="from"/>, <paramref name="to"/>) share a second.</summary>
    public bool Overlaps(long from, long to) => From < to && from < To;
}

/// <summary>
/// What really happened in a simulated run, second by second, as only the world knows it: the
/// energy through the meter, when the board was down, which boots never learnt the time, when the
/// wall clock was wrong and when the meter could not be read. The checks of a run compare the
/// records the endpoint stored against it. Seconds count from the start of the run.
/// </summary>
public sealed class TrueHistory
{
    private int[] cumulativeWh = new int[1 << 16];
    private long seconds;

    /// <summary>Downtimes of the board (power cuts, reboots).</summary>
    public List<Span> Downtimes { get; } = new();

    /// <summary>
    /// What the agent missed of the charger's signal: from a downtime's start (the second of a cut
    /// tick) to the end of the first tick after it that the agent completed recovered. A board that
    /// is cut again before such a tick (during its boot's writes, or before its meter answered)
    /// learnt nothing in between, so back-to-back downtimes make one span.
    /// </summary>
    public List<Span> Absences { get; } = new();

    /// <summary>Stretches with no known time: from the end of the last boot that learnt the time to the start of the next one, for each boot that never learnt it.</summary>
    public List<Span> UnknownTime { get; } = new();

    /// <summary>Wrong wall clock: from a clock step to its correction, with the step's size.</summary>
    public List<(Span Span, long StepSeconds)> ClockSteps { get; } = new();

    /// <summary>The Seqs each boot wrote, [First, Next), and whether that boot ever learnt the time.</summary>
    public List<(uint First, uint Next, bool LearntTime)> BootSeqs { get; } = new();

    /// <summary>True when Seq <paramref name="seq"/> was written by a boot that never learnt the time, or by the boot after one (which closes its open period).</summary>
    public bool WrittenWithoutTime(uint seq)
    {
        for (int i = 0; i < BootSeqs.Count; i++)
        {
            if (seq < BootSeqs[i].First || seq >= BootSeqs[i].Next) continue;
            return !BootSeqs[i].LearntTime || (i > 0 && !BootSeqs[i - 1].LearntTime);
        }

        return false;
    }

    /// <summary>Times the agent could not write a record: the flash was full, or the ring was (sampled a minute at a time).</summary>
    public List<Span> Refusals { get; } = new();

    /// <summary>
    /// What a cut lost while the flash was full: from the later of when it filled and the agent's last
    /// checkpoint save to the end of the absence of the cut. A session edge the agent learnt in
    /// between, kept only in memory, is learnt again at the end of the absence, as one that fell in it.
    /// </summary>
    public List<Span> Unsaved { get; } = new();

    /// <summary>Meter read failures (the meter did not answer).</summary>
    public List<Span> ReadGaps { get; } = new();

    /// <summary>Simulated seconds recorded so far.</summary>
    public long Seconds => seconds;

    /// <summary>Notes the true energy since the start of the run at the end of second <see cref="Seconds"/>, Wh.</summary>
    public void Add(long wh)
    {
        if (seconds == cumulativeWh.Length) Array.Resize(ref cumulativeWh, cumulativeWh.Length * 2);
        cumulativeWh[seconds++] = (int)wh;
    }

    /// <summary>True energy from the start of the run up to second <paramref name="second"/> (clamped to the run), Wh.</summary>
    public long At(long second)
    {
        if (seconds == 0 || second < 0) return 0;
        return cumulativeWh[Math.Min(second, seconds - 1)];
    }

    /// <summary>True energy that flowed in [<paramref name="from"/>, <paramref name="to"/>), Wh.</summary>
    public long Between(long from, long to) => to <= from ? 0 : At(to - 1) - At(from - 1);

    /// <summary>The sum of the true energy over <paramref name="spans"/>, Wh.</summary>
    public long Over(IEnumerable<Span> spans)
    {
        long wh = 0;
        foreach (Span s in spans) wh += Between(s.From, s.To);
        return wh;
    }
}
