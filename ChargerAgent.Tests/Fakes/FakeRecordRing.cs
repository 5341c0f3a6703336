using System.Collections;
using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// A ring in memory (its content survives power cuts, as flash does). Release deletes every
    /// record at or below the watermark at once, stricter than whole segments, so a record released
    /// too early is gone for good and a test notices. <see cref="Limit"/> makes it refuse appends.
    /// </summary>
    public sealed class FakeRecordRing : IRecordRing
    {
        /// <summary>The generation of a ring made without one.</summary>
        public const uint DefaultGeneration = 0x1234abcd;

        private readonly ArrayList records = new ArrayList();

        /// <summary>A ring of generation <see cref="DefaultGeneration"/>.</summary>
        public FakeRecordRing() : this(DefaultGeneration)
        {
        }

        /// <summary>A ring of the given generation.</summary>
        public FakeRecordRing(uint generation)
        {
            Generation = generation;
            NextSeq = 1;
        }

        /// <summary>When positive, appends beyond this many records are refused.</summary>
        public int Limit;

        /// <summary>Makes every append fail as a write the flash refuses (<see cref="AppendResult.RefusedWriteFailed"/>).</summary>
        public bool WriteFails;

        /// <summary>Appends tried while <see cref="WriteFails"/> was set.</summary>
        public int FailedWrites;

        /// <summary>After this many more appends every append throws <see cref="System.IO.IOException"/>, as a full flash does; -1 never.</summary>
        public int FailAfterAppends = -1;

        /// <summary>The highest watermark released so far.</summary>
        public uint ReleasedUpTo;

        /// <inheritdoc />
        public uint Generation { get; private set; }

        /// <inheritdoc />
        public uint NextSeq { get; private set; }

        /// <inheritdoc />
        public int Count
        {
            get { return records.Count; }
        }

        /// <inheritdoc />
        public int Capacity
        {
            get { return Limit > 0 ? Limit : 100000; }
        }

        /// <inheritdoc />
        public bool IsFull
        {
            get { return Limit > 0 && records.Count >= Limit; }
        }

        /// <summary>The record at <paramref name="index"/> (oldest first).</summary>
        public Record At(int index)
        {
            return (Record)records[index];
        }

        /// <summary>Sum of the energy of all records held, Wh.</summary>
        public long TotalWh()
        {
            long sum = 0;
            for (int i = 0; i < records.Count; i++) sum += At(i).Wh;
            return sum;
        }

        /// <summary>Appends a half-hour record of <paramref name="wh"/> Wh starting at <paramref name="start"/>.</summary>
        public uint Add(long start, uint wh, uint session, RecordFlags flags)
        {
            Record r = new Record
            {
                Start = start,
                DurationSeconds = 1800,
                Wh = wh,
                Session = session,
                ConfidencePercent = 100,
                Flags = flags,
            };
            Append(ref r, 0);
            return r.Seq;
        }

        /// <inheritdoc />
        public AppendResult Append(ref Record record, uint attemptedUpTo)
        {
            if (WriteFails)
            {
                FailedWrites++;
                NextSeq++;
                return AppendResult.RefusedWriteFailed;
            }

            if (FailAfterAppends == 0) throw new System.IO.IOException("flash full (test)");
            if (FailAfterAppends > 0) FailAfterAppends--;
            if (IsFull) return AppendResult.RefusedFull;
            record.Seq = NextSeq++;
            record.SeqCount = 1;
            records.Add(record);
            return AppendResult.Appended;
        }

        /// <inheritdoc />
        public int Read(uint fromSeq, Record[] into, int offset, int count)
        {
            int n = 0;
            for (int i = 0; i < records.Count && n < count; i++)
            {
                Record r = At(i);
                if (r.LastSeq >= fromSeq) into[offset + n++] = r;
            }

            return n;
        }

        /// <summary>The highest Seq the delivery said may have reached the server.</summary>
        public uint ProtectedUpTo;

        /// <inheritdoc />
        public void ProtectAttempted(uint attemptedUpTo)
        {
            if (attemptedUpTo > ProtectedUpTo) ProtectedUpTo = attemptedUpTo;
        }

        /// <inheritdoc />
        public void AdvanceNextSeq(uint seq)
        {
            if (seq > NextSeq) NextSeq = seq;
        }

        /// <inheritdoc />
        public void Release(uint sentUpTo)
        {
            if (sentUpTo > ReleasedUpTo) ReleasedUpTo = sentUpTo;
            for (int i = records.Count - 1; i >= 0; i--)
            {
                if (At(i).LastSeq <= sentUpTo) records.RemoveAt(i);
            }
        }
    }
}
