#nullable enable
using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Benchmarks;

/// <summary>
/// The record ring's hot paths: append (one record, one sync), peek (read the oldest pending
/// records) and ack (release what was sent), goal 0 B allocated; and the recovery scan of a full
/// 96 KB ring. The store keeps files in preallocated buffers so only the ring's own cost shows.
/// </summary>
[MemoryDiagnoser]
public class RingBenchmarks
{
    private readonly Record[] peeked = new Record[4];
    private PreallocatedStore store = null!;
    private RecordRing ring = null!;
    private PreallocatedStore fullStore = null!;
    private long start = 1643711400;

    [GlobalSetup]
    public void Setup()
    {
        store = new PreallocatedStore();
        ring = RecordRing.Open(store, new RingOptions(), new SystemRandomSource(1));
        fullStore = new PreallocatedStore();
        RecordRing full = RecordRing.Open(fullStore, new RingOptions(), new SystemRandomSource(2));
        for (int i = 0; i < full.Capacity; i++) AppendOne(full, 0);
    }

    /// <summary>Append one record; every 4,000 records the sent ones are released so the ring never fills.</summary>
    [Benchmark]
    public AppendResult Append()
    {
        AppendResult result = AppendOne(ring, ring.NextSeq);
        if (ring.Count > 4000) ring.Release(ring.NextSeq - 1);
        return result;
    }

    /// <summary>Read the three oldest records (what the uploader does before each request).</summary>
    [Benchmark]
    public int Peek() => ring.Read(1, peeked, 0, 3);

    /// <summary>Append, peek the oldest and release it: one full record life.</summary>
    [Benchmark]
    public int AppendPeekAck()
    {
        AppendOne(ring, ring.NextSeq);
        int n = ring.Read(1, peeked, 0, 1);
        ring.Release(peeked[0].LastSeq);
        return n;
    }

    /// <summary>Scan and index a full 96 KB ring (23 segments, 4,669 records), as at boot.</summary>
    [Benchmark]
    public int RecoverFullRing() => RecordRing.Open(fullStore, new RingOptions(), new SystemRandomSource(3)).Count;

    private AppendResult AppendOne(RecordRing target, uint attempted)
    {
        start += 1800;
        if (start > 4_000_000_000L) start = 1643711400; // stay inside the slot's 32-bit start
        var record = new Record { Start = start, DurationSeconds = 1800, Wh = 321, Session = 1, ConfidencePercent = 100 };
        return target.Append(ref record, attempted);
    }
}
