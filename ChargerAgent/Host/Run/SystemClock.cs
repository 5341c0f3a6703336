using System;
using System.Diagnostics;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Host.Run;

/// <summary>The desktop's clock: a monotonic stopwatch, and the operating system's UTC (kept by NTP).</summary>
internal sealed class SystemClock : IClock
{
    // Before this the OS clock is surely not set (a controller that booted without NTP shows 1970).
    private static readonly long EarliestTrustedUnixSeconds = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();

    public long MonotonicMilliseconds => stopwatch.ElapsedMilliseconds;

    public bool TryGetUtc(out long unixSeconds)
    {
        unixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return unixSeconds >= EarliestTrustedUnixSeconds;
    }
}
