using System.Collections;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>An in-memory ring for table tests: keeps every record; can be limited to refuse appends.</summary>
    public sealed class TestRing : IRecordRing
    {
        private readonly ArrayList records = new ArrayList();
        private uint nextSeq = 1;

        /// <summary>When positive, appends beyond this many records are refused.</summary>
        public int Limit;

        /// <inheritdoc />
        public uint Generation
        {
            get { return 0x1234abcd; }
        }

        /// <inheritdoc />
        public uint NextSeq
        {
            get { return nextSeq; }
        }

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

        /// <summary>Sum of the energy of all records, Wh.</summary>
        public long TotalWh()
        {
            long sum = 0;
            for (int i = 0; i < records.Count; i++) sum += At(i).Wh;
            return sum;
        }

        /// <inheritdoc />
        public AppendResult Append(ref Record record, uint attemptedUpTo)
        {
            if (IsFull) return AppendResult.RefusedFull;
            record.Seq = nextSeq++;
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
            if (seq > nextSeq) nextSeq = seq;
        }
    }
}
