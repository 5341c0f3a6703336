using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>Small rings (six slots a segment, five segments) so every case is reached with few records.</summary>
    internal static class RingTestKit
    {
        public const int Slots = 6;
        public const int SegmentBytes = SegmentFormat.HeaderSize + Slots * RecordCodec.Size;
        public const long FirstStart = 1643711400;

        public static RingOptions SmallOptions()
        {
            RingOptions options = new RingOptions();
            options.SegmentBytes = SegmentBytes;
            options.TotalBytes = 5 * SegmentBytes;
            options.EdgeReserve = 2;
            return options;
        }

        public static RecordRing Open(FakeFileStore store)
        {
            return RecordRing.Open(store, SmallOptions(), new FakeRandomSource(0x5EED0001));
        }

        public static Record Make(int index, uint session, uint wh)
        {
            Record r = new Record();
            r.Start = FirstStart + index * 1800L;
            r.DurationSeconds = 1800;
            r.Wh = wh;
            r.Session = session;
            r.ConfidencePercent = 100;
            r.Flags = RecordFlags.None;
            return r;
        }

        /// <summary>Appends <paramref name="n"/> contiguous records of one session; returns their Wh total.</summary>
        public static long Fill(RecordRing ring, int firstIndex, int n, uint session, uint attemptedUpTo)
        {
            long total = 0;
            for (int i = 0; i < n; i++)
            {
                Record r = Make(firstIndex + i, session, (uint)(10 + i));
                AppendResult result = ring.Append(ref r, attemptedUpTo);
                if (result == AppendResult.RefusedFull) return -1;
                total += r.Wh;
            }

            return total;
        }

        public static Record[] ReadAll(RecordRing ring, uint fromSeq)
        {
            Record[] buffer = new Record[ring.Capacity + 8];
            int n = ring.Read(fromSeq, buffer, 0, buffer.Length);
            Record[] result = new Record[n];
            for (int i = 0; i < n; i++) result[i] = buffer[i];
            return result;
        }

        public static long SumWh(Record[] records)
        {
            long sum = 0;
            for (int i = 0; i < records.Length; i++) sum += records[i].Wh;
            return sum;
        }
    }
}
