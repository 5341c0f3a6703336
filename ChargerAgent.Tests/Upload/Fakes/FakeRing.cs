using System.Collections;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Upload.Fakes
{
    /// <summary>
    /// A ring in memory (its content survives power cuts, as flash does). Release deletes every
    /// record at or below the watermark at once, stricter than whole segments, so a record released
    /// too early is gone for good and a test notices.
    /// </summary>
    public class FakeRing : IRecordRing
    {
        private readonly ArrayList records = new ArrayList();

        public FakeRing(uint generation)
        {
            Generation = generation;
            NextSeq = 1;
        }

        public uint Generation { get; private set; }

        public uint NextSeq { get; private set; }

        public int Count
        {
            get { return records.Count; }
        }

        public int Capacity
        {
            get { return 100000; }
        }

        public bool IsFull
        {
            get { return false; }
        }

        public uint ReleasedUpTo;

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

        public AppendResult Append(ref Record record, uint attemptedUpTo)
        {
            record.Seq = NextSeq++;
            record.SeqCount = 1;
            records.Add(record);
            return AppendResult.Appended;
        }

        public int Read(uint fromSeq, Record[] into, int offset, int count)
        {
            int n = 0;
            for (int i = 0; i < records.Count && n < count; i++)
            {
                Record r = (Record)records[i];
                if (r.LastSeq >= fromSeq) into[offset + n++] = r;
            }

            return n;
        }

        /// <summary>The highest Seq the delivery said may have reached the server.</summary>
        public uint ProtectedUpTo;

        public void ProtectAttempted(uint attemptedUpTo)
        {
            if (attemptedUpTo > ProtectedUpTo) ProtectedUpTo = attemptedUpTo;
        }

        public void AdvanceNextSeq(uint seq)
        {
            if (seq > NextSeq) NextSeq = seq;
        }

        public void Release(uint sentUpTo)
        {
            if (sentUpTo > ReleasedUpTo) ReleasedUpTo = sentUpTo;
            for (int i = records.Count - 1; i >= 0; i--)
            {
                if (((Record)records[i]).LastSeq <= sentUpTo) records.RemoveAt(i);
            }
        }
    }
}
