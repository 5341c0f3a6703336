using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class RecordRingTests
    {
        [TestMethod]
        public void The_default_ring_holds_at_least_4320_records_in_96_KB()
        {
            RecordRing ring = RecordRing.Open(new FakeFileStore(), new RingOptions(), new FakeRandomSource(7));
            Assert.AreEqual(23 * 203, ring.Capacity);
            Assert.IsTrue(ring.Capacity >= 4320);
        }

        [TestMethod]
        public void A_new_ring_takes_its_generation_from_the_random_source_and_starts_at_seq_1()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            Assert.AreEqual((uint)0x5EED0001, ring.Generation);
            Assert.AreEqual((uint)1, ring.NextSeq);
            Assert.IsTrue(ring.Recovery.Created);
            Assert.IsTrue(store.Exists("r00000001.seg"));
        }

        [TestMethod]
        public void Appended_records_get_consecutive_seqs_and_read_back_oldest_first()
        {
            RecordRing ring = RingTestKit.Open(new FakeFileStore());
            RingTestKit.Fill(ring, 0, 10, 1, 0);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(10, all.Length);
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual((uint)(i + 1), all[i].Seq);
                Assert.AreEqual((uint)(10 + i), all[i].Wh);
            }

            Record[] some = new Record[3];
            Assert.AreEqual(3, ring.Read(5, some, 0, 3));
            Assert.AreEqual((uint)5, some[0].Seq);
            Assert.AreEqual((uint)7, some[2].Seq);
            Assert.AreEqual(10, ring.Count);
        }

        [TestMethod]
        public void Each_append_costs_one_flush()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            int before = store.Flushes;
            RingTestKit.Fill(ring, 0, 9, 1, 0);
            Assert.AreEqual(before + 9, store.Flushes);
        }

        [TestMethod]
        public void Reopening_recovers_every_record_the_generation_and_the_next_seq()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            RingTestKit.Fill(ring, 0, 14, 3, 0);
            RecordRing again = RecordRing.Open(store, RingTestKit.SmallOptions(), new FakeRandomSource(99));
            Assert.AreEqual(ring.Generation, again.Generation);
            Assert.AreEqual((uint)15, again.NextSeq);
            Assert.AreEqual(14, again.Count);
            Assert.IsFalse(again.Recovery.HasProblems);
            Record r = RingTestKit.Make(14, 3, 1);
            again.Append(ref r, 0);
            Assert.AreEqual((uint)15, r.Seq);
        }

        [TestMethod]
        public void Release_deletes_only_fully_sent_segments_and_keeps_the_newest()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            RingTestKit.Fill(ring, 0, 14, 1, 0);
            Assert.AreEqual(3, ring.SegmentCount);
            ring.Release(8);
            Assert.AreEqual(2, ring.SegmentCount);
            Assert.IsFalse(store.Exists("r00000001.seg"));
            Assert.IsTrue(store.Exists("r00000007.seg"));
            ring.Release(14);
            Assert.AreEqual(1, ring.SegmentCount);
            Assert.IsTrue(store.Exists("r0000000d.seg"));
            RecordRing again = RecordRing.Open(store, RingTestKit.SmallOptions(), new FakeRandomSource(99));
            Assert.AreEqual((uint)15, again.NextSeq);
            Assert.AreEqual(ring.Generation, again.Generation);
        }

        [TestMethod]
        public void A_full_ring_coalesces_the_oldest_pending_records_of_one_session_keeping_every_Wh()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            long total = 0;
            int coalescedAt = -1;
            for (int i = 0; i < 2 * ring.Capacity && coalescedAt < 0; i++)
            {
                Record r = RingTestKit.Make(i, 1, (uint)(5 + i));
                AppendResult result = ring.Append(ref r, 0);
                Assert.IsFalse(result == AppendResult.RefusedFull);
                total += r.Wh;
                if (result == AppendResult.AppendedAfterCoalescing) coalescedAt = i;
            }

            Assert.IsTrue(coalescedAt > 0 && coalescedAt <= ring.Capacity);
            total -= 5;
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(total + 5, RingTestKit.SumWh(all));
            uint expected = 1;
            bool sawCoalesced = false;
            for (int i = 0; i < all.Length; i++)
            {
                Assert.AreEqual(expected, all[i].Seq);
                expected = all[i].LastSeq + 1;
                if ((all[i].Flags & RecordFlags.Coalesced) != 0)
                {
                    sawCoalesced = true;
                    Assert.IsTrue(all[i].SeqCount >= 2);
                }
            }

            Assert.AreEqual(ring.NextSeq, expected);
            Assert.IsTrue(sawCoalesced);
            Assert.IsTrue(all[0].SeqCount >= 2);
            RecordRing again = RecordRing.Open(store, RingTestKit.SmallOptions(), new FakeRandomSource(9));
            Assert.AreEqual(total + 5, RingTestKit.SumWh(RingTestKit.ReadAll(again, 1)));
            Assert.IsFalse(again.Recovery.HasProblems);
        }

        [TestMethod]
        public void Attempted_records_are_never_coalesced_and_a_full_ring_refuses_without_writing()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            int capacity = ring.Capacity;
            RingTestKit.Fill(ring, 0, capacity - 2, 1, 0);
            uint attempted = (uint)(capacity - 2);
            Record r = RingTestKit.Make(capacity - 2, 1, 9);
            Assert.AreEqual((byte)AppendResult.RefusedFull, (byte)ring.Append(ref r, attempted));
            Assert.IsTrue(ring.IsFull);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(capacity - 2, all.Length);
            for (int i = 0; i < all.Length; i++) Assert.AreEqual((ushort)1, all[i].SeqCount);
            Assert.AreEqual((uint)(capacity - 1), ring.NextSeq);
        }

        [TestMethod]
        public void The_edge_reserve_still_takes_a_session_end_when_ordinary_records_are_refused()
        {
            RecordRing ring = RingTestKit.Open(new FakeFileStore());
            int capacity = ring.Capacity;
            RingTestKit.Fill(ring, 0, capacity - 2, 1, 0);
            uint attempted = (uint)capacity;
            Record ordinary = RingTestKit.Make(capacity - 2, 1, 9);
            Assert.AreEqual((byte)AppendResult.RefusedFull, (byte)ring.Append(ref ordinary, attempted));
            Record end = RingTestKit.Make(capacity - 2, 1, 9);
            end.Flags = RecordFlags.SessionEnd;
            Assert.AreEqual((byte)AppendResult.Appended, (byte)ring.Append(ref end, attempted));
            Assert.IsFalse(ring.IsFull);
            Record next = RingTestKit.Make(capacity - 1, 0, 1);
            Assert.AreEqual((byte)AppendResult.Appended, (byte)ring.Append(ref next, attempted));
            Record last = RingTestKit.Make(capacity, 0, 1);
            Assert.AreEqual((byte)AppendResult.RefusedFull, (byte)ring.Append(ref last, attempted));
        }

        [TestMethod]
        public void Records_of_different_sessions_are_never_merged()
        {
            RecordRing ring = RingTestKit.Open(new FakeFileStore());
            AppendResult result = AppendResult.Appended;
            int appended = 0;
            for (int i = 0; i < 100 && result != AppendResult.RefusedFull; i++)
            {
                Record r = RingTestKit.Make(i, (uint)(1 + i % 2), 1);
                result = ring.Append(ref r, 0);
                if (result != AppendResult.RefusedFull) appended++;
            }

            Assert.AreEqual(ring.Capacity, appended);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            for (int i = 0; i < all.Length; i++) Assert.AreEqual((ushort)1, all[i].SeqCount);
        }

        [TestMethod]
        public void Released_segments_make_room_without_coalescing()
        {
            RecordRing ring = RingTestKit.Open(new FakeFileStore());
            RingTestKit.Fill(ring, 0, ring.Capacity - 2, 1, 0);
            Assert.AreEqual(2, ring.FreeSlots);
            ring.Release(6);
            Assert.AreEqual(8, ring.FreeSlots);
            for (int i = 0; i < 8 - 2; i++)
            {
                Record r = RingTestKit.Make(ring.Capacity - 2 + i, 1, 1);
                Assert.AreEqual((byte)AppendResult.Appended, (byte)ring.Append(ref r, 0));
            }

            Assert.AreEqual(0L, ring.Coalescings);
        }

        [TestMethod]
        public void Boot_relative_records_are_kept_as_they_are_and_never_coalesced()
        {
            RecordRing ring = RingTestKit.Open(new FakeFileStore());
            int appended = 0;
            for (int i = 0; i < 2 * ring.Capacity; i++)
            {
                Record r = RingTestKit.Make(i, 1, 2);
                r.Start = 100 + i * 1800L;
                r.Flags = RecordFlags.BootRelativeTime;
                r.Boot = 3;
                if (ring.Append(ref r, 0) == AppendResult.RefusedFull) break;
                appended++;
            }

            Assert.AreEqual(ring.Capacity - 2, appended);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(appended, all.Length);
            Assert.AreEqual((ushort)3, all[0].Boot);
            Assert.IsTrue(all[0].IsBootRelative);
        }

        [TestMethod]
        public void Advancing_next_seq_starts_a_new_segment_and_never_reuses_a_seq()
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            RingTestKit.Fill(ring, 0, 3, 1, 0);
            ring.AdvanceNextSeq(2);
            Assert.AreEqual((uint)4, ring.NextSeq);
            ring.AdvanceNextSeq(40);
            Record r = RingTestKit.Make(3, 1, 1);
            ring.Append(ref r, 0);
            Assert.AreEqual((uint)40, r.Seq);
            Assert.IsTrue(store.Exists("r00000028.seg"));
            RecordRing again = RecordRing.Open(store, RingTestKit.SmallOptions(), new FakeRandomSource(1));
            Assert.AreEqual((uint)41, again.NextSeq);
            Assert.AreEqual(36L, again.Recovery.MissingSeqs);
            Assert.AreEqual(4, again.Count);
        }
    }
}
