using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>A firmware update keeps the boot epochs, session ids and checkpoint the firmware before it wrote (LegacyFileFixtures).</summary>
    [TestClass]
    public class LegacyFileTests
    {
        [TestMethod]
        public void Boot_epochs_written_by_the_previous_firmware_are_read_after_an_update()
        {
            FakeFileStore files = new FakeFileStore();
            files.Plant(BootEpochLog.FileName, LegacyFileFixtures.Bytes(LegacyFileFixtures.Epochs));
            BootEpochLog log = new BootEpochLog(files);
            AssertLegacyEpochs(log);
            Assert.IsFalse(LegacyFileFixtures.IsAppendLog(files, BootEpochLog.FileName, BootEpochLog.FormatVersion), "loading writes nothing");
            log.Add(7, 1764700000, true);
            Assert.IsTrue(LegacyFileFixtures.IsAppendLog(files, BootEpochLog.FileName, BootEpochLog.FormatVersion), "the first write rewrites the file in the new format");
            BootEpochLog reloaded = new BootEpochLog(files);
            AssertLegacyEpochs(reloaded);
            Assert.IsTrue(reloaded.TryGetEpoch(7, out long epoch, out bool estimated));
            Assert.AreEqual(1764700000L, epoch);
            Assert.IsTrue(estimated);
        }

        [TestMethod]
        public void Session_ids_written_by_the_previous_firmware_are_read_after_an_update()
        {
            FakeFileStore files = new FakeFileStore();
            files.Plant(SessionIdFile.FileName, LegacyFileFixtures.Bytes(LegacyFileFixtures.SessionIds));
            SessionIdFile ids = new SessionIdFile(files);
            AssertLegacyIds(ids);
            Assert.IsFalse(LegacyFileFixtures.IsAppendLog(files, SessionIdFile.FileName, SessionIdFile.FormatVersion), "loading writes nothing");
            ids.Add(9, "charlie");
            Assert.IsTrue(LegacyFileFixtures.IsAppendLog(files, SessionIdFile.FileName, SessionIdFile.FormatVersion), "the first write rewrites the file in the new format");
            SessionIdFile reloaded = new SessionIdFile(files);
            Assert.IsTrue(reloaded.TryGetId(9, out string id));
            Assert.AreEqual("charlie", id);
            Assert.IsTrue(reloaded.TryGetId(2, out id));
            Assert.AreEqual("bravo_3", id);
            Assert.AreEqual(4, reloaded.Count);
        }

        [TestMethod]
        public void The_checkpoint_written_by_the_previous_firmware_is_read_after_an_update()
        {
            Checkpoint cp = new Checkpoint();
            CheckpointStore store = new CheckpointStore(LegacyCheckpointFiles());
            Assert.IsTrue(store.TryLoad(cp, out string problem), problem);
            DeliveryWatermarks marks = new DeliveryWatermarks();
            Assert.IsTrue(store.TryLoad(marks), "the delivery's watermarks, from the same slot");
            Assert.AreEqual(0xA1B2C3D4u, cp.Generation);
            Assert.AreEqual(1002u, cp.NextSeq);
            Assert.AreEqual(990u, marks.AttemptedUpTo);
            Assert.AreEqual(990u, marks.SentUpTo);
            Assert.AreEqual(12u, cp.SessionCounter);
            Assert.AreEqual(12u, cp.OpenSession);
            Assert.AreEqual(1764547200L, cp.IntervalStart);
            Assert.IsFalse(cp.IntervalStartIsBootRelative);
            Assert.AreEqual(123456L, cp.IntervalBaselineWh);
            Assert.AreEqual(123520L, cp.LastMeterWh, "the delta's meter baseline");
            Assert.AreEqual(1764547400L, cp.SavedAt);
            Assert.AreEqual((ushort)9, cp.BootCount);
            Assert.AreEqual(1764500000L, cp.BootEpoch);
            Assert.AreEqual((byte)2, cp.LastRebootReason);
            Assert.AreEqual(7UL, cp.UnaccountedWhBound);
            Assert.AreEqual(3600UL, cp.UnseenSeconds);
            Assert.AreEqual(1u, cp.Violations);
            Assert.AreEqual(1764547000L, cp.UtcFloor);
            Assert.AreEqual((ushort)9, cp.TimelineBoot);
            Assert.AreEqual(1764500000L, cp.TimelineOffset);
            Assert.AreEqual((byte)1, cp.IntervalFlags);
            Assert.IsTrue(cp.DowntimePending);
            Assert.AreEqual(1764400000L, cp.DowntimeFrom);
            Assert.AreEqual(1764410000L, cp.DowntimeToTimeline);
            Assert.AreEqual(50L, cp.DowntimeWh);
            Assert.AreEqual(11u, cp.DowntimeSession);
            Assert.AreEqual(100019UL, cp.MeteredWh);
            Assert.AreEqual(99900UL, cp.RecordedWh);
        }

        /// <summary>The checkpoint's two slots and its delta as the previous firmware left them.</summary>
        internal static FakeFileStore LegacyCheckpointFiles()
        {
            FakeFileStore files = new FakeFileStore();
            files.Plant(CheckpointStore.DefaultSlotA, LegacyFileFixtures.Bytes(LegacyFileFixtures.CheckpointA));
            files.Plant(CheckpointStore.DefaultSlotB, LegacyFileFixtures.Bytes(LegacyFileFixtures.CheckpointB));
            files.Plant(CheckpointStore.DefaultDeltaA, LegacyFileFixtures.Bytes(LegacyFileFixtures.CheckpointDelta));
            return files;
        }

        internal static void AssertLegacyEpochs(BootEpochLog log)
        {
            Assert.IsTrue(log.TryGetEpoch(1, out long epoch, out bool estimated));
            Assert.AreEqual(1764547200L, epoch);
            Assert.IsFalse(estimated);
            Assert.IsTrue(log.TryGetEpoch(2, out epoch, out estimated));
            Assert.AreEqual(1764633611L, epoch, "the newest entry of a boot wins");
            Assert.IsFalse(estimated);
            Assert.IsTrue(log.TryGetEpoch(65535, out epoch, out estimated));
            Assert.AreEqual(-5L, epoch);
            Assert.IsFalse(log.TryGetEpoch(3, out epoch, out estimated));
        }

        internal static void AssertLegacyIds(SessionIdFile ids)
        {
            Assert.AreEqual(3, ids.Count);
            Assert.IsTrue(ids.TryGetId(1, out string id));
            Assert.AreEqual("alpha", id);
            Assert.IsTrue(ids.TryGetId(2, out id));
            Assert.AreEqual("bravo_3", id, "the newest line of a session wins");
            Assert.IsTrue(ids.TryGetId(4000000000, out id));
            Assert.AreEqual(64, id.Length);
            Assert.IsFalse(ids.TryGetId(3, out id));
        }
    }
}
