using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Benchmarks;

/// <summary>RFC 3339 formatting into a reused buffer: goal 0 B allocated.</summary>
[MemoryDiagnoser]
public class TimeBenchmarks
{
    private readonly byte[] buffer = new byte[Rfc3339.Length];
    private long instant = 1643711400;

    [Benchmark]
    public int WriteRfc3339() => Rfc3339.Write(instant += 1800, buffer, 0);
}
