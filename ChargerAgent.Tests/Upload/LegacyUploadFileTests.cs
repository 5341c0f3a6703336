using ChargerAgent.Core.Records;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>A firmware update keeps the costs and side records the firmware before it wrote (LegacyFileFixtures).</summary>
    [TestClass]
    public class LegacyUploadFileTests
    {
        [TestMethod]
        public void A_cost_store_of_appends_only_written_by_the_previous_firmware_is_read_after_an_update()
        {
            FakeFileStore files = Planted(CostStore.FileName, LegacyFileFixtures.CostsAppended);
            CostStore costs = new CostStore(files);
            Assert.AreEqual(0, costs.Load());
            for (uint seq = 1; seq <= 4; seq++) Assert.IsTrue(costs.Contains(seq), "Seq " + seq);
            Assert.IsFalse(costs.Contains(5));
            Assert.AreEqual(2000000L, costs.SessionSum(4, out int records, out int unknown));
            Assert.AreEqual(3, records);
            Assert.AreEqual(1, unknown);
            Assert.AreEqual(250000L, costs.SessionSum(5, out records, out unknown));
            Assert.AreEqual(1, records);
            Assert.AreEqual(0, unknown);
            Assert.IsTrue(costs.TryGetUnchecked(out uint session));
            Assert.AreEqual(5u, session, "session 4 was checked, session 5 waits");
            Assert.IsFalse(LegacyFileFixtures.IsAppendLog(files, CostStore.FileName, CostStore.FormatVersion), "loading writes nothing");
            Assert.IsTrue(costs.Add(6, 5, 1000, true));
            Assert.IsTrue(LegacyFileFixtures.IsAppendLog(files, CostStore.FileName, CostStore.FormatVersion), "the first write rewrites the file in the new format");
            files.PowerCut();
            CostStore again = new CostStore(files);
            Assert.AreEqual(0, again.Load());
            for (uint seq = 1; seq <= 4; seq++) Assert.IsTrue(again.Contains(seq), "Seq " + seq + " after the rewrite");
            Assert.IsTrue(again.Contains(6));
            Assert.AreEqual(2000000L, again.SessionSum(4, out records, out unknown));
            Assert.AreEqual(3, records);
            Assert.AreEqual(251000L, again.SessionSum(5, out records, out unknown));
            Assert.AreEqual(2, records);
            Assert.IsTrue(again.TryGetUnchecked(out session));
            Assert.AreEqual(5u, session);
        }

        [TestMethod]
        public void A_rewritten_cost_store_written_by_the_previous_firmware_is_read_after_an_update()
        {
            FakeFileStore files = Planted(CostStore.FileName, LegacyFileFixtures.CostsRewritten);
            CostStore costs = new CostStore(files);
            Assert.AreEqual(0, costs.Load());
            AssertRewrittenCosts(costs);
            costs.EndSession(6);
            Assert.IsTrue(LegacyFileFixtures.IsAppendLog(files, CostStore.FileName, CostStore.FormatVersion), "the first write rewrites the file in the new format");
            files.PowerCut();
            CostStore again = new CostStore(files);
            Assert.AreEqual(0, again.Load());
            AssertRewrittenCosts(again);
        }

        [TestMethod]
        public void Side_records_written_by_the_previous_firmware_are_read_after_an_update()
        {
            FakeFileStore files = Planted(SideRecords.FileName, LegacyFileFixtures.SideRecords);
            SideRecords side = new SideRecords(files, 64);
            Assert.AreEqual(0, side.Load(0));
            AssertLegacySide(side);
            Assert.IsFalse(LegacyFileFixtures.IsAppendLog(files, SideRecords.FileName, SideRecords.FormatVersion), "loading writes nothing");
            Record extra = default(Record);
            extra.Seq = 30;
            extra.SeqCount = 1;
            extra.Start = 1764570000;
            extra.DurationSeconds = 1800;
            extra.Wh = 77;
            extra.ConfidencePercent = 100;
            side.Add(ref extra, SideRecords.Quarantined, 0);
            Assert.IsTrue(LegacyFileFixtures.IsAppendLog(files, SideRecords.FileName, SideRecords.FormatVersion), "the first write rewrites the file in the new format");
            files.PowerCut();
            SideRecords again = new SideRecords(files, 64);
            Assert.AreEqual(0, again.Load(0));
            Assert.AreEqual(5, again.Count);
            Assert.AreEqual(2, again.QuarantinedCount);
            Assert.IsTrue(again.Contains(30));
            again.Remove(30);
            AssertLegacySide(again);
        }

        internal static FakeFileStore Planted(string name, string hex)
        {
            FakeFileStore files = new FakeFileStore(null);
            byte[] bytes = LegacyFileFixtures.Bytes(hex);
            files.Write(name, bytes, 0, bytes.Length);
            files.Flush(name);
            return files;
        }

        internal static void AssertRewrittenCosts(CostStore costs)
        {
            Assert.IsFalse(costs.Contains(1), "at or below SentUpTo 2: in the session's sum only");
            Assert.IsFalse(costs.Contains(2));
            Assert.IsTrue(costs.Contains(3));
            Assert.IsTrue(costs.Contains(4));
            Assert.IsTrue(costs.Contains(5));
            Assert.AreEqual(3, costs.Count);
            Assert.AreEqual(2000000L, costs.SessionSum(4, out int records, out int unknown));
            Assert.AreEqual(3, records);
            Assert.AreEqual(1, unknown);
            Assert.AreEqual(250000L, costs.SessionSum(5, out records, out unknown));
            Assert.AreEqual(1, records);
            Assert.AreEqual(42L, costs.SessionSum(6, out records, out unknown));
            Assert.AreEqual(1, records);
            Assert.IsTrue(costs.TryGetUnchecked(out uint session));
            Assert.AreEqual(5u, session);
        }

        internal static void AssertLegacySide(SideRecords side)
        {
            Assert.AreEqual(4, side.Count);
            Assert.AreEqual(1, side.QuarantinedCount);
            Assert.IsFalse(side.Contains(11), "removed");
            Record r = Find(side, 10, out byte kind);
            Assert.AreEqual(SideRecords.SetAside, kind, "released from quarantine");
            Assert.AreEqual(1764547200L, r.Start);
            Assert.AreEqual(1800u, r.DurationSeconds);
            Assert.AreEqual(1234u, r.Wh);
            Assert.AreEqual(7u, r.Session);
            Assert.AreEqual((byte)100, r.ConfidencePercent);
            r = Find(side, 12, out kind);
            Assert.AreEqual(SideRecords.SetAside, kind);
            Assert.AreEqual((ushort)3, r.SeqCount);
            Assert.AreEqual(4294967295u, r.Wh);
            Assert.AreEqual(5400u, r.DurationSeconds);
            Assert.AreEqual((byte)10, r.ConfidencePercent);
            Assert.AreEqual((int)(RecordFlags.Coalesced | RecordFlags.EstimatedOverDowntime), (int)r.Flags);
            r = Find(side, 15, out kind);
            Assert.AreEqual(SideRecords.SetAside, kind);
            Assert.AreEqual(86400L, r.Start);
            Assert.AreEqual((ushort)3, r.Boot);
            Assert.AreEqual(16777215u, r.Session);
            Assert.AreEqual((int)(RecordFlags.BootRelativeTime | RecordFlags.MeterReplaced | RecordFlags.EstimatedTime), (int)r.Flags);
            r = Find(side, 20, out kind);
            Assert.AreEqual(SideRecords.Quarantined, kind);
            Assert.AreEqual(5u, r.Wh);
            Assert.AreEqual(9u, r.Session);
        }

        private static Record Find(SideRecords side, uint seq, out byte kind)
        {
            for (int i = 0; i < side.Count; i++)
            {
                Record r = side.At(i, out kind);
                if (r.Seq == seq) return r;
            }

            Assert.IsTrue(false, "no side record " + seq);
            kind = 0;
            return default(Record);
        }
    }
}
