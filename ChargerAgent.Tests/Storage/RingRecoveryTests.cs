using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class RingRecoveryTests
    {
        private static FakeFileStore StoreWith(int records)
        {
            FakeFileStore store = new FakeFileStore();
            RecordRing ring = RingTestKit.Open(store);
            RingTestKit.Fill(ring, 0, records, 1, 0);
            return store;
        }

        private static RecordRing Reopen(FakeFileStore store)
        {
            return RecordRing.Open(store, RingTestKit.SmallOptions(), new FakeRandomSource(77));
        }

        [TestMethod]
        public void A_read_error_while_the_ring_opens_fails_the_open_and_writes_nothing_over_the_files_it_could_not_read()
        {
            FakeFileStore store = StoreWith(10);
            uint generation = Reopen(store).Generation;
            string[] before = store.List();
            int bytesBefore = 0;
            for (int i = 0; i < before.Length; i++) bytesBefore += store.Content(before[i]).Length;
            store.ReadsFailing = true;
            bool threw = false;
            try
            {
                Reopen(store);
            }
            catch (System.IO.IOException)
            {
                threw = true;
            }

            store.ReadsFailing = false;
            Assert.IsTrue(threw, "a ring whose segments could not be read was opened as if it were empty");
            string[] after = store.List();
            int bytesAfter = 0;
            for (int i = 0; i < after.Length; i++) bytesAfter += store.Content(after[i]).Length;
            Assert.AreEqual(before.Length, after.Length);
            Assert.AreEqual(bytesBefore, bytesAfter);
            RecordRing ring = Reopen(store);
            Assert.IsFalse(ring.Recovery.HasProblems, ring.Recovery.ToString());
            Assert.AreEqual(generation, ring.Generation);
            Assert.AreEqual(10, ring.Count);
            Assert.AreEqual((uint)11, ring.NextSeq);
        }

        [TestMethod]
        public void A_file_of_zeros_is_reported_and_kept_while_every_other_record_is_recovered()
        {
            FakeFileStore store = StoreWith(10);
            store.Plant("r00000100.seg", new byte[RingTestKit.SegmentBytes]);
            RecordRing ring = Reopen(store);
            Assert.AreEqual(1, ring.Recovery.UnreadableFiles);
            Assert.AreEqual(10, ring.Count);
            Assert.IsTrue(store.Exists("r00000100.seg"));
            Assert.IsTrue(ring.NextSeq > 0x100);
        }

        [TestMethod]
        public void A_file_of_random_bytes_is_reported_and_never_throws()
        {
            FakeFileStore store = StoreWith(10);
            byte[] noise = new byte[RingTestKit.SegmentBytes];
            new System.Random(12345).NextBytes(noise);
            store.Plant("r00000003.seg", noise);
            store.Plant("r00000004.sec", new byte[3]);
            RecordRing ring = Reopen(store);
            Assert.AreEqual(2, ring.Recovery.UnreadableFiles);
            Assert.AreEqual(10, ring.Count);
            Assert.AreEqual(10, RingTestKit.ReadAll(ring, 1).Length);
        }

        [TestMethod]
        public void A_truncated_tail_loses_only_the_partial_slot_and_appends_continue_in_a_new_segment()
        {
            FakeFileStore store = StoreWith(10);
            byte[] tail = store.Content("r00000007.seg");
            byte[] cut = new byte[tail.Length - 7];
            System.Array.Copy(tail, cut, cut.Length);
            store.Plant("r00000007.seg", cut);
            RecordRing ring = Reopen(store);
            Assert.AreEqual(1, ring.Recovery.TornTails);
            Assert.AreEqual(9, ring.Count);
            Assert.AreEqual((uint)10, ring.NextSeq);
            Record r = RingTestKit.Make(9, 1, 1);
            ring.Append(ref r, 0);
            Assert.AreEqual((uint)10, r.Seq);
            Assert.IsTrue(store.Exists("r0000000a.seg"));
            Assert.AreEqual(10, RingTestKit.ReadAll(Reopen(store), 1).Length);
        }

        [TestMethod]
        public void A_flipped_bit_costs_one_record_and_later_records_keep_their_seq()
        {
            FakeFileStore store = StoreWith(10);
            store.Content("r00000001.seg")[SegmentFormat.HeaderSize + 2 * RecordCodec.Size + 5] ^= 0x10;
            RecordRing ring = Reopen(store);
            Assert.AreEqual(1, ring.Recovery.BadRecords);
            Record[] all = RingTestKit.ReadAll(ring, 1);
            Assert.AreEqual(9, all.Length);
            Assert.AreEqual((uint)2, all[1].Seq);
            Assert.AreEqual((uint)4, all[2].Seq);
            Assert.AreEqual((uint)13, all[2].Wh);
        }

        [TestMethod]
        public void A_segment_of_a_future_format_version_is_kept_and_never_written_into()
        {
            FakeFileStore store = StoreWith(8);
            byte[] content = store.Content("r00000007.seg");
            content[4] = SegmentFormat.Version + 1;
            byte[] copy = (byte[])content.Clone();
            RecordRing ring = Reopen(store);
            Assert.AreEqual(1, ring.Recovery.FutureVersionFiles);
            Assert.AreEqual(6, ring.Count);
            Record r = RingTestKit.Make(8, 1, 1);
            ring.Append(ref r, 0);
            Assert.IsTrue(r.Seq > 8);
            CollectionAssert.AreEqual(copy, store.Content("r00000007.seg"));
        }

        [TestMethod]
        public void A_missing_segment_is_reported_as_missing_seqs()
        {
            FakeFileStore store = StoreWith(16);
            store.Delete("r00000007.seg");
            RecordRing ring = Reopen(store);
            Assert.AreEqual(6L, ring.Recovery.MissingSeqs);
            Assert.AreEqual(10, ring.Count);
            Assert.AreEqual((uint)17, ring.NextSeq);
        }

        [TestMethod]
        public void A_bad_header_keeps_the_file_unread_and_nothing_else_is_lost()
        {
            FakeFileStore store = StoreWith(16);
            store.Content("r00000007.seg")[9] ^= 0x01;
            RecordRing ring = Reopen(store);
            Assert.AreEqual(1, ring.Recovery.UnreadableFiles);
            Assert.AreEqual(10, ring.Count);
            Assert.IsTrue(store.Exists("r00000007.seg"));
        }

        [TestMethod]
        public void A_complete_coalesced_segment_wins_over_originals_a_cut_left_behind()
        {
            FakeFileStore store = StoreWith(20);
            byte[] first = (byte[])store.Content("r00000001.seg").Clone();
            byte[] second = (byte[])store.Content("r00000007.seg").Clone();
            RecordRing ring = Reopen(store);
            long total = RingTestKit.SumWh(RingTestKit.ReadAll(ring, 1));
            RingTestKit.Fill(ring, 20, 3, 1, 0);
            total += 10 + 11 + 12;
            Assert.IsTrue(ring.Coalescings > 0);
            Assert.IsTrue(store.Exists("r00000001.sec"));
            store.Plant("r00000001.seg", first);
            store.Plant("r00000007.seg", second);
            RecordRing again = Reopen(store);
            Assert.AreEqual(2, again.Recovery.ReplacedSegmentsDeleted);
            Assert.IsFalse(store.Exists("r00000001.seg"));
            Record[] all = RingTestKit.ReadAll(again, 1);
            Assert.AreEqual(total, RingTestKit.SumWh(all));
        }

        [TestMethod]
        public void An_unfinished_coalesced_segment_is_undone_when_its_originals_remain()
        {
            FakeFileStore store = StoreWith(20);
            RecordRing before = Reopen(store);
            long total = RingTestKit.SumWh(RingTestKit.ReadAll(before, 1));
            byte[] first = (byte[])store.Content("r00000001.seg").Clone();
            byte[] second = (byte[])store.Content("r00000007.seg").Clone();
            RingTestKit.Fill(before, 20, 3, 1, 0);
            byte[] merged = store.Content("r00000001.sec");
            byte[] torn = new byte[merged.Length - RecordCodec.Size - 3];
            System.Array.Copy(merged, torn, torn.Length);
            store.Plant("r00000001.sec", torn);
            store.Plant("r00000001.seg", first);
            store.Plant("r00000007.seg", second);
            RecordRing again = Reopen(store);
            Assert.AreEqual(1, again.Recovery.UnfinishedCoalescingUndone);
            Assert.IsFalse(store.Exists("r00000001.sec"));
            Record[] all = RingTestKit.ReadAll(again, 1);
            Assert.AreEqual(total + 10 + 11 + 12, RingTestKit.SumWh(all));
            for (int i = 0; i < 12; i++) Assert.AreEqual((ushort)1, all[i].SeqCount);
        }
    }
}
