using System;
using System.Diagnostics;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Host.Serial;

/// <summary>A monotonic clock from <see cref="Stopwatch"/>, for tools that time serial waits (read-meter).</summary>
public sealed class StopwatchClock : IClock
{
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long MonotonicMilliseconds => stopwatch.ElapsedMilliseconds;

    /// <inheritdoc />
    public bool TryGetUtc(out long unixSeconds)
    {
        unixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return true;
    }
}
