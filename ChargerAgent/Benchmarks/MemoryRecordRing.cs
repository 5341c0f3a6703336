using System.Collections.Generic;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Benchmarks;

/// <summary>An unbounded record ring in memory: the agent's tick benchmarked without the ring's own costs.</summary>
public sealed class MemoryRecordRing : IRecordRing
{
    private readonly List<Record> records = new();

    /// <summary>Creates an empty ring of generation <paramref name="generation"/>.</summary>
    public MemoryRecordRing(uint generation) => Generation = generation;

    /// <summary>When positive, appends beyond this many records are refused.</summary>
    public int Limit { get; set; }

    /// <inheritdoc />
    public uint Generation { get; }

    /// <inheritdoc />
    public uint NextSeq { get; private set; } = 1;

    /// <inheritdoc />
    public int Count => records.Count;

    /// <inheritdoc />
    public int Capacity => Limit > 0 ? Limit : int.MaxValue;

    /// <inheritdoc />
    public bool IsFull { get; private set; }

    /// <inheritdoc />
    public AppendResult Append(ref Record record, uint attemptedUpTo)
    {
        if (Limit > 0 && records.Count >= Limit)
        {
            IsFull = true;
            return AppendResult.RefusedFull;
        }

        record.Seq = NextSeq++;
        record.SeqCount = 1;
        records.Add(record);
        IsFull = false;
        return AppendResult.Appended;
    }

    /// <inheritdoc />
    public int Read(uint fromSeq, Record[] into, int offset, int count)
    {
        int n = 0;
        foreach (Record r in records)
        {
            if (n == count) break;
            if (r.LastSeq >= fromSeq) into[offset + n++] = r;
        }

        return n;
    }

    /// <inheritdoc />
    public void Release(uint sentUpTo)
    {
    }

    /// <inheritdoc />
    public void ProtectAttempted(uint attemptedUpTo)
    {
    }

    /// <inheritdoc />
    public void AdvanceNextSeq(uint seq)
    {
        if (seq > NextSeq) NextSeq = seq;
    }
}
