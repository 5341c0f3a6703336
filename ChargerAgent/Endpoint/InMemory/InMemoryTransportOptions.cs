using System;

namespace ChargerAgent.Endpoint.InMemory;

/// <summary>Timing of an <see cref="InMemoryTransport"/>.</summary>
public sealed class InMemoryTransportOptions
{
    /// <summary>
    /// The caller's monotonic clock in milliseconds (e.g. the simulator's), or null for immediate mode:
    /// then a result is ready on the first poll after <see cref="PollsBeforeResult"/> polls.
    /// With a clock, a result is ready once the clock reaches the start plus <see cref="LatencyMilliseconds"/>
    /// (plus a delayed response's delay, or the request's deadline when that comes first).
    /// </summary>
    public Func<long> NowMilliseconds { get; init; }

    /// <summary>Simulated round-trip time in milliseconds (clock mode only; default 0).</summary>
    public int LatencyMilliseconds { get; init; }

    /// <summary>Number of polls that report "still in flight" before the result is ready (default 0).</summary>
    public int PollsBeforeResult { get; init; }
}
