using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Benchmarks;

/// <summary>RFC 3339 formatting into a reused buffer: goal 0 B allocated.</summary>
[MemoryDiagnoser]
public class TimeBenchmarks
{
    /// <summary>2022-02-01T10:30:00Z: the first instant formatted.</summary>
    private const long First = 1643711400;

    /// <summary>The instants cycle through a century of half-hours, so however many calls a run makes they stay before the year 9999 that RFC 3339 ends at.</summary>
    private const long Span = 100L * 365 * 86400;

    private readonly byte[] buffer = new byte[Rfc3339.Length];
    private long instant = First;

    [Benchmark]
    public int WriteRfc3339()
    {
        instant += 1800;
        if (instant >= First + Span || instant < First) instant = First;
        return Rfc3339.Write(instant, buffer, 0);
    }
}
