using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>A ring that fills: the smallest ring coalesces, and a flash that refuses a write is a refusal, never an exception.</summary>
    [TestClass]
    public class RingFullTests
    {
        private static RingOptions ThreeSegments()
        {
            RingOptions options = RingTestKit.SmallOptions();
            options.TotalBytes = 3 * RingTestKit.SegmentBytes;
            return options;
        }

        [TestMethod]
        public void The_smallest_ring_full_of_pending_records_of_one_session_coalesces_instead_of_refusing()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RecordRing.Open(store, ThreeSegments(), new FakeRandomSource(0x5EED0003));
            long total = 0;
            for (int i = 0; i < 4 * ring.Capacity; i++)
            {
                Record r = RingTestKit.Make(i, 1, (uint)(3 + i));
                AppendResult result = ring.Append(ref r, 0);
                Assert.IsFalse(result == AppendResult.RefusedFull, "refused record " + i.ToString() + " of a ring full of mergeable records");
                total += r.Wh;
            }

            Assert.IsTrue(ring.Coalescings > 0);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(total, RingTestKit.SumWh(all));
            uint expected = 1;
            for (int i = 0; i < all.Length; i++)
            {
                Assert.AreEqual(expected, all[i].Seq);
                Assert.AreEqual(RingTestKit.FirstStart + (long)(expected - 1) * 1800, all[i].Start, "a merged record spans its originals");
                if (all[i].SeqCount > 1) Assert.IsTrue((all[i].Flags & RecordFlags.Coalesced) != 0);
                expected = all[i].LastSeq + 1;
            }

            Assert.AreEqual(ring.NextSeq, expected);
            RecordRing again = RecordRing.Open(store, ThreeSegments(), new FakeRandomSource(9));
            Assert.AreEqual(total, RingTestKit.SumWh(RingTestKit.ReadAll(again, 1)));
            Assert.AreEqual(ring.NextSeq, again.NextSeq);
            Assert.IsFalse(again.Recovery.HasProblems);
        }

        [TestMethod]
        public void A_ring_whose_records_were_all_sent_takes_records_even_when_a_kept_unreadable_file_takes_its_spare_segment()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing.Open(store, ThreeSegments(), new FakeRandomSource(0x5EED0004));
            store.Plant("r00000001.sec", new byte[RingTestKit.SegmentBytes]);
            RecordRing ring = RecordRing.Open(store, ThreeSegments(), new FakeRandomSource(0x5EED0004));
            Assert.AreEqual(1, ring.Recovery.UnreadableFiles);
            long total = 0;
            uint seq = 0;
            for (int i = 0; i < 3 * RingTestKit.Slots; i++)
            {
                // Half-hours with gaps between them: nothing merges, every record must go out to make room.
                Record r = RingTestKit.Make(2 * i, 1, (uint)(5 + i));
                AppendResult result = ring.Append(ref r, seq);
                Assert.IsFalse(result == AppendResult.RefusedFull, "a ring whose every record was sent refused record " + i.ToString());
                Assert.IsTrue(r.Seq > seq, "a Seq was reused");
                seq = r.Seq;
                total += r.Wh;
                ring.Release(seq);
                Assert.IsTrue(ring.SegmentCount <= 3, "the ring took more files than its budget");
            }

            Assert.IsTrue(store.Exists("r00000001.sec"), "the unreadable file was wiped");
            RecordRing again = RecordRing.Open(store, ThreeSegments(), new FakeRandomSource(9));
            Assert.AreEqual(ring.NextSeq, again.NextSeq);
            Record[] kept = RingTestKit.ReadAll(again, seq);
            Assert.AreEqual(1, kept.Length);
            Assert.AreEqual(seq, kept[0].Seq);
        }

        [TestMethod]
        public void A_write_the_flash_refuses_is_a_refusal_that_stores_nothing_and_reuses_no_seq()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            RingTestKit.Fill(ring, 0, 3, 1, 0);
            store.Failing = true;
            Record refused = RingTestKit.Make(3, 1, 50);
            AppendResult result = AppendResult.Appended;
            bool threw = false;
            try
            {
                result = ring.Append(ref refused, 0);
            }
            catch (IOException)
            {
                threw = true;
            }

            Assert.IsFalse(threw, "a full flash threw out of Append");
            Assert.AreEqual((byte)AppendResult.RefusedWriteFailed, (byte)result);
            Assert.IsTrue(ring.IsFull);
            store.Failing = false;
            Record later = RingTestKit.Make(3, 1, 50);
            Assert.AreEqual((byte)AppendResult.Appended, (byte)ring.Append(ref later, 0));
            Assert.IsFalse(ring.IsFull);
            Assert.IsTrue(later.Seq > 3);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(4, all.Length);
            Assert.AreEqual(10L + 11 + 12 + 50, RingTestKit.SumWh(all));
            RecordRing again = RingTestKit.Open(store);
            Assert.AreEqual(10L + 11 + 12 + 50, RingTestKit.SumWh(RingTestKit.ReadAll(again, 1)));
            Assert.AreEqual(ring.NextSeq, again.NextSeq);
        }

        [TestMethod]
        public void A_coalescing_the_flash_refuses_leaves_the_records_as_they_were_and_a_later_one_succeeds()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            long total = RingTestKit.Fill(ring, 0, ring.Capacity - 2, 1, 0);
            Assert.AreEqual(2, ring.FreeSlots);
            store.Failing = true;
            Record r = RingTestKit.Make(ring.Capacity - 2, 1, 7);
            Assert.AreEqual((byte)AppendResult.RefusedWriteFailed, (byte)ring.Append(ref r, 0));
            store.Failing = false;
            Assert.AreEqual(total, RingTestKit.SumWh(RingTestKit.ReadAll(ring, 1)));
            r = RingTestKit.Make(ring.Capacity - 2, 1, 7);
            Assert.AreEqual((byte)AppendResult.AppendedAfterCoalescing, (byte)ring.Append(ref r, 0));
            Assert.AreEqual(total + 7, RingTestKit.SumWh(RingTestKit.ReadAll(ring, 1)));
            RecordRing again = RingTestKit.Open(store);
            Assert.AreEqual(total + 7, RingTestKit.SumWh(RingTestKit.ReadAll(again, 1)));
            Assert.IsFalse(again.Recovery.HasProblems);
        }
    }
}
