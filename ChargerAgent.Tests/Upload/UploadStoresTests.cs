using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class UploadStoresTests
    {
        [TestMethod]
        public void A_cost_is_kept_once_per_seq_and_survives_a_power_cut()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            Assert.IsTrue(costs.Add(1, 4, 1500000, true));
            Assert.IsTrue(costs.Add(2, 4, 500000, true));
            Assert.IsFalse(costs.Add(2, 4, 500000, true));
            Assert.IsTrue(costs.Add(3, 4, 0, false));
            files.PowerCut();
            CostStore again = new CostStore(files);
            Assert.AreEqual(0, again.Load());
            Assert.IsTrue(again.Contains(2));
            Assert.IsFalse(again.Add(1, 4, 1500000, true));
            long sum = again.SessionSum(4, out int records, out int unknown);
            Assert.AreEqual(2000000L, sum);
            Assert.AreEqual(3, records);
            Assert.AreEqual(1, unknown);
        }

        [TestMethod]
        public void A_cost_entry_the_flash_refused_is_written_with_the_next_write()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            Assert.IsTrue(costs.Add(1, 4, 1500000, true));
            files.Failing = true;
            Assert.ThrowsException(typeof(IOException), () => costs.Add(2, 4, 500000, true));
            files.Failing = false;
            Assert.IsTrue(costs.Add(3, 4, 250000, true));
            files.PowerCut();
            CostStore again = new CostStore(files);
            again.Load();
            Assert.IsTrue(again.Contains(2), "the refused entry was lost");
            Assert.AreEqual(2250000L, again.SessionSum(4, out int records, out int unknown));
            Assert.AreEqual(3, records);
        }

        [TestMethod]
        public void A_torn_last_cost_entry_is_ignored()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            costs.Add(1, 0, 7, true);
            files.Append(CostStore.FileName, new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            CostStore again = new CostStore(files);
            Assert.AreEqual(1, again.Load());
            Assert.IsTrue(again.Contains(1));
            Assert.AreEqual(0L, files.Length(CostStore.FileName) % CostStore.EntrySize, "the torn entry is gone");
            Assert.AreEqual(1, again.Count);
        }

        [TestMethod]
        public void Ended_sessions_wait_for_their_check_and_checked_ones_are_dropped()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            costs.Add(1, 7, 100, true);
            costs.EndSession(7);
            Assert.IsTrue(costs.TryGetUnchecked(out uint session));
            Assert.AreEqual(7u, session);
            CostStore again = new CostStore(files);
            again.Load();
            Assert.IsTrue(again.TryGetUnchecked(out session));
            again.MarkChecked(7, 1);
            again.Rewrite(1);
            Assert.IsFalse(again.TryGetUnchecked(out session));
            Assert.AreEqual(0, again.Count);
        }

        [TestMethod]
        public void The_cost_file_stays_bounded_over_a_year_of_records()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(2000);
            Assert.IsTrue(rig.Drain(3600 * 1000));
            long length = rig.Files.Length(CostStore.FileName);
            Assert.IsTrue(length <= CostStore.MaxFileBytes, "cost file is " + length + " bytes");
        }

        [TestMethod]
        public void Session_sums_survive_every_rewrite_without_counting_a_cost_twice()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            long expected = 0;
            for (uint seq = 1; seq <= 100; seq++)
            {
                Assert.IsTrue(costs.Add(seq, 3, seq * 1000, true));
                expected += seq * 1000;
                costs.MaybeCompact(seq - 1);
                Assert.IsTrue(files.Length(CostStore.FileName) <= CostStore.MaxFileBytes);
                CostStore again = new CostStore(files);
                again.Load();
                Assert.AreEqual(expected, again.SessionSum(3, out int records, out int unknown));
                Assert.AreEqual((int)seq, records);
                Assert.AreEqual(0, unknown);
                Assert.IsTrue(again.Contains(seq));
            }
        }

        [TestMethod]
        public void A_cost_file_of_format_version_1_is_read_with_its_sums_and_checks()
        {
            FakeFileStore files = new FakeFileStore(null);
            byte[] e = new byte[CostStore.EntrySize];
            for (uint seq = 1; seq <= 30; seq++) AppendV1(files, e, 1, seq, seq <= 20 ? 5u : 6u, 250, true);
            AppendV1(files, e, 2, 0, 5, 0, false);
            AppendV1(files, e, 3, 0, 5, 0, false);
            AppendV1(files, e, 2, 0, 6, 0, false);
            CostStore costs = new CostStore(files);
            Assert.AreEqual(0, costs.Load());
            Assert.AreEqual(10 * 250L, costs.SessionSum(6, out int records, out int unknown));
            Assert.AreEqual(10, records);
            Assert.AreEqual(0, unknown);
            Assert.IsTrue(costs.TryGetUnchecked(out uint session));
            Assert.AreEqual(6u, session);
            Assert.IsTrue(files.Length(CostStore.FileName) <= CostStore.MaxFileBytes, "a version 1 file longer than the bound is rewritten at load");
            CostStore again = new CostStore(files);
            again.Load();
            Assert.AreEqual(10 * 250L, again.SessionSum(6, out records, out unknown));
            Assert.AreEqual(10, records);
            Assert.IsTrue(again.TryGetUnchecked(out session));
            Assert.AreEqual(6u, session, "session 5 was checked: it is not waiting any more");
        }

        [TestMethod]
        public void The_cost_store_keeps_at_most_its_session_count_and_says_which_checks_it_gave_up()
        {
            FakeFileStore files = new FakeFileStore(null);
            CostStore costs = new CostStore(files);
            costs.Load();
            for (uint s = 1; s <= CostStore.MaxSessions + 3; s++)
            {
                costs.Add(s, s, 10, true);
                costs.EndSession(s);
                costs.MaybeCompact(s);
            }

            Assert.AreEqual(CostStore.MaxSessions, costs.SessionCount);
            Assert.AreEqual(3L, costs.ChecksGivenUp);
            Assert.IsTrue(costs.TryGetUnchecked(out uint oldest));
            Assert.AreEqual(4u, oldest);
        }

        private static void AppendV1(FakeFileStore files, byte[] e, byte op, uint seq, uint session, long cost, bool known)
        {
            for (int i = 0; i < e.Length; i++) e[i] = 0;
            e[0] = op;
            e[1] = (byte)(known ? 1 : 0);
            LittleEndian.WriteUInt32(e, 4, seq);
            LittleEndian.WriteUInt32(e, 8, session);
            LittleEndian.WriteInt64(e, 12, cost);
            Fnv1aChecksum.Put(e, CostStore.EntrySize);
            files.Append(CostStore.FileName, e, 0, e.Length);
            files.Flush(CostStore.FileName);
        }

        [TestMethod]
        public void The_side_file_stays_within_its_byte_budget_with_the_table_full()
        {
            FakeFileStore files = new FakeFileStore(null);
            SideRecords side = new SideRecords(files, SideRecords.MaxCapacity);
            side.Load(0);
            Record r = default(Record);
            r.SeqCount = 1;
            r.Start = 1764547200;
            r.DurationSeconds = 1800;
            r.ConfidencePercent = 100;
            for (uint seq = 1; seq <= 1000; seq++)
            {
                if (side.IsFull) side.Remove(seq - SideRecords.MaxCapacity);
                r.Seq = seq;
                side.Add(ref r, seq % 3 == 0 ? SideRecords.Quarantined : SideRecords.SetAside, 0);
                if (seq % 5 == 0) side.ReleaseQuarantine(0);
                Assert.IsTrue(files.Length(SideRecords.FileName) <= SideRecords.MaxFileBytes, "after Seq " + seq);
            }

            files.PowerCut();
            SideRecords again = new SideRecords(files, SideRecords.MaxCapacity);
            Assert.AreEqual(0, again.Load(0));
            Assert.AreEqual(SideRecords.MaxCapacity, again.Count);
            Assert.IsTrue(again.Contains(1000));
            Assert.IsTrue(again.Contains(1000 - SideRecords.MaxCapacity + 1));
        }

        [TestMethod]
        public void A_side_record_the_flash_refused_is_not_held()
        {
            FakeFileStore files = new FakeFileStore(null);
            SideRecords side = new SideRecords(files, 8);
            side.Load(0);
            Record a = new Record { Seq = 3, SeqCount = 1, Start = 100, DurationSeconds = 1800, Wh = 9, ConfidencePercent = 100 };
            Record b = new Record { Seq = 4, SeqCount = 1, Start = 1900, DurationSeconds = 1800, Wh = 8, ConfidencePercent = 100 };
            side.Add(ref a, SideRecords.SetAside, 900000);
            files.Failing = true;
            Assert.ThrowsException(typeof(IOException), () => side.Add(ref b, SideRecords.Quarantined, 0));
            Assert.ThrowsException(typeof(IOException), () => side.Add(ref a, SideRecords.Quarantined, 0));
            files.Failing = false;

            // What the uploader sees is what a restart would find.
            Assert.IsFalse(side.Contains(4));
            Assert.AreEqual(1, side.Count);
            Assert.AreEqual(0, side.QuarantinedCount);
            Assert.IsTrue(side.TryGetDue(900000, out Record due));
            Assert.AreEqual(3u, due.Seq);
            side.Add(ref b, SideRecords.SetAside, 0);
            SideRecords again = new SideRecords(files, 8);
            again.Load(0);
            Assert.AreEqual(2, again.Count);
            Assert.AreEqual(0, again.QuarantinedCount);
        }

        [TestMethod]
        public void Side_records_survive_a_restart_with_their_kind()
        {
            FakeFileStore files = new FakeFileStore(null);
            SideRecords side = new SideRecords(files, 8);
            side.Load(0);
            Record a = new Record { Seq = 3, SeqCount = 1, Start = 100, DurationSeconds = 1800, Wh = 9, Session = 2, ConfidencePercent = 90, Flags = RecordFlags.SessionEnd };
            Record b = new Record { Seq = 5, SeqCount = 1, Start = 200, DurationSeconds = 1800, Wh = 8, ConfidencePercent = 100 };
            Record c = new Record { Seq = 6, SeqCount = 2, Start = 300, DurationSeconds = 3600, Wh = 7, ConfidencePercent = 100 };
            side.Add(ref a, SideRecords.Quarantined, 0);
            side.Add(ref b, SideRecords.SetAside, 900000);
            side.Add(ref c, SideRecords.SetAside, 900000);
            side.Remove(5);
            files.PowerCut();
            SideRecords again = new SideRecords(files, 8);
            Assert.AreEqual(0, again.Load(50));
            Assert.AreEqual(2, again.Count);
            Assert.AreEqual(1, again.QuarantinedCount);
            Assert.IsFalse(again.Contains(5));
            Assert.IsTrue(again.TryGetDue(50, out Record due));
            Assert.AreEqual(6u, due.Seq);
            Assert.AreEqual(7u, due.LastSeq);
            Assert.AreEqual(3u, again.LowestSeq());
            int at = again.At(0, out byte kind).Seq == 3 ? 0 : 1;
            Record back = again.At(at, out kind);
            Assert.AreEqual(3u, back.Seq);
            Assert.AreEqual((int)SideRecords.Quarantined, (int)kind);
            Assert.AreEqual(9u, back.Wh);
            Assert.AreEqual((int)RecordFlags.SessionEnd, (int)back.Flags);
            Assert.AreEqual((byte)90, back.ConfidencePercent);
            Assert.AreEqual(1, again.ReleaseQuarantine(60));
            Assert.AreEqual(0, again.QuarantinedCount);
        }
    }
}
