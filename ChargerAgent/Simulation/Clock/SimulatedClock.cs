using ChargerAgent.Core.Time;

namespace ChargerAgent.Simulation.Clock;

/// <summary>
/// A settable clock for the simulated world. True time runs only when the world advances it; the
/// monotonic clock restarts at every reboot; the wall clock is offered once SNTP "answered"
/// (<see cref="Sync"/>) and can be made to jump either way.
/// </summary>
public sealed class SimulatedClock : IClock
{
    private long bootAtMs;

    /// <summary>Creates a clock whose true time starts at <paramref name="trueUnixSeconds"/>.</summary>
    public SimulatedClock(long trueUnixSeconds) => TrueMs = trueUnixSeconds * 1000;

    /// <summary>The true time in Unix milliseconds (what the world knows).</summary>
    public long TrueMs { get; private set; }

    /// <summary>Wall clock minus true time, ms (nonzero after a jump).</summary>
    public long WallOffsetMs { get; private set; }

    /// <summary>True when the wall clock is trusted (synced this boot).</summary>
    public bool Synced { get; private set; }

    /// <inheritdoc />
    public long MonotonicMilliseconds => TrueMs - bootAtMs;

    /// <inheritdoc />
    public bool TryGetUtc(out long unixSeconds)
    {
        unixSeconds = Synced ? FloorDiv(TrueMs + WallOffsetMs, 1000) : 0;
        return Synced;
    }

    /// <summary>Lets true time pass.</summary>
    public void Advance(long milliseconds) => TrueMs += milliseconds;

    /// <summary>SNTP answers with the true time (a previous jump is corrected).</summary>
    public void Sync()
    {
        Synced = true;
        WallOffsetMs = 0;
    }

    /// <summary>The wall clock jumps by <paramref name="milliseconds"/> (either sign), as a bad SNTP answer or an RTC set would.</summary>
    public void Jump(long milliseconds) => WallOffsetMs += milliseconds;

    /// <summary>The board reboots: the monotonic clock restarts and the wall clock is unknown again.</summary>
    public void Reboot()
    {
        bootAtMs = TrueMs;
        Synced = false;
        WallOffsetMs = 0;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
