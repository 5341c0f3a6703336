using ChargerAgent.Core.Records;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Upload.Fakes;
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
            Assert.AreEqual(CostStore.EntrySize, (int)files.Length(CostStore.FileName));
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
            Assert.IsTrue(length <= 200 * CostStore.EntrySize, "cost file is " + length + " bytes");
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
