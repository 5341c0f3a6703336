using System;
using System.Diagnostics;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The demo's clock: real time multiplied by <see cref="Speed"/>, starting at the real UTC now, so a
/// half-hour passes in seconds. Wall time counts as synced a few simulated seconds after start,
/// as SNTP would answer on a board.
/// </summary>
internal sealed class AcceleratedClock : IClock
{
    private const long SyncAfterMs = 5000;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly long startUnixMs;

    public AcceleratedClock(int speed, long startUnixMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        Speed = speed;
        this.startUnixMs = startUnixMs;
    }

    /// <summary>Simulated seconds per real second.</summary>
    public int Speed { get; }

    public long MonotonicMilliseconds => stopwatch.ElapsedMilliseconds * Speed;

    /// <summary>Simulated UTC now, in Unix milliseconds (known to the demo world even before the agent trusts it).</summary>
    public long TrueUnixMilliseconds => startUnixMs + MonotonicMilliseconds;

    public bool TryGetUtc(out long unixSeconds)
    {
        long now = TrueUnixMilliseconds;
        unixSeconds = now / 1000;
        return MonotonicMilliseconds >= SyncAfterMs;
    }
}
