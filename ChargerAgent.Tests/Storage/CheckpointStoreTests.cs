using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class CheckpointStoreTests
    {
        internal static Checkpoint Sample(uint n)
        {
            Checkpoint c = new Checkpoint();
            c.Generation = 0xA1B2C3D4;
            c.NextSeq = 100 + n;
            c.SessionCounter = 12;
            c.OpenSession = 12;
            c.IntervalStart = 1643711400 + n;
            c.IntervalStartIsBootRelative = true;
            c.IntervalBoot = 7;
            c.IntervalBaselineWh = 123456789012L;
            c.LastMeterWh = -5;
            c.SavedAt = 1643711999;
            c.BootCount = 65535;
            c.BootEpoch = 1643000000;
            c.PendingEpochBoot = 6;
            c.LastRebootReason = RebootReason.Watchdog;
            c.UnaccountedWhBound = 0xFFFFFFFFFFUL;
            c.UnseenSeconds = 86400;
            c.Violations = 3;
            return c;
        }

        internal static void AssertSame(Checkpoint a, Checkpoint b)
        {
            Assert.AreEqual(a.Generation, b.Generation);
            Assert.AreEqual(a.NextSeq, b.NextSeq);
            Assert.AreEqual(a.SessionCounter, b.SessionCounter);
            Assert.AreEqual(a.OpenSession, b.OpenSession);
            Assert.AreEqual(a.IntervalStart, b.IntervalStart);
            Assert.AreEqual(a.IntervalStartIsBootRelative, b.IntervalStartIsBootRelative);
            Assert.AreEqual(a.IntervalBoot, b.IntervalBoot);
            Assert.AreEqual(a.IntervalBaselineWh, b.IntervalBaselineWh);
            Assert.AreEqual(a.LastMeterWh, b.LastMeterWh);
            Assert.AreEqual(a.SavedAt, b.SavedAt);
            Assert.AreEqual(a.BootCount, b.BootCount);
            Assert.AreEqual(a.BootEpoch, b.BootEpoch);
            Assert.AreEqual(a.PendingEpochBoot, b.PendingEpochBoot);
            Assert.AreEqual(a.LastRebootReason, b.LastRebootReason);
            Assert.AreEqual(a.UnaccountedWhBound, b.UnaccountedWhBound);
            Assert.AreEqual(a.UnseenSeconds, b.UnseenSeconds);
            Assert.AreEqual(a.Violations, b.Violations);
        }

        [TestMethod]
        public void A_new_board_has_no_checkpoint()
        {
            CheckpointStore store = new CheckpointStore(new FakeFileStore());
            string problem;
            Assert.IsFalse(store.TryLoad(new Checkpoint(), out problem));
            Assert.IsNull(problem);
        }

        [TestMethod]
        public void Every_field_survives_a_save_and_a_load()
        {
            FakeFileStore files = new FakeFileStore();
            new CheckpointStore(files).Save(Sample(1));
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            AssertSame(Sample(1), loaded);
        }

        [TestMethod]
        public void Saves_alternate_between_the_two_slots_with_one_flush_each()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            int flushes = files.Flushes;
            store.Save(Sample(2));
            store.Save(Sample(3));
            Assert.AreEqual(flushes + 2, files.Flushes);
            Assert.IsTrue(files.Exists(CheckpointStore.DefaultSlotA));
            Assert.IsTrue(files.Exists(CheckpointStore.DefaultSlotB));
            Assert.AreEqual(3L, store.SaveCount);
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            AssertSame(Sample(3), loaded);
        }

        [TestMethod]
        public void A_torn_newest_slot_gives_back_the_previous_checkpoint_whole()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Sample(2));
            for (int cut = 0; cut < CheckpointCodec.Size; cut++)
            {
                byte[] full = files.Content(CheckpointStore.DefaultSlotB);
                byte[] torn = new byte[cut];
                System.Array.Copy(full, torn, cut);
                FakeFileStore copy = new FakeFileStore();
                copy.Plant(CheckpointStore.DefaultSlotA, files.Content(CheckpointStore.DefaultSlotA));
                copy.Plant(CheckpointStore.DefaultSlotB, torn);
                Checkpoint loaded = new Checkpoint();
                string problem;
                Assert.IsTrue(new CheckpointStore(copy).TryLoad(loaded, out problem), "cut " + cut);
                AssertSame(Sample(1), loaded);
            }
        }

        [TestMethod]
        public void A_flipped_bit_in_the_newest_slot_falls_back_to_the_previous()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Sample(2));
            files.Content(CheckpointStore.DefaultSlotB)[30] ^= 0x04;
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            AssertSame(Sample(1), loaded);
            Assert.IsNotNull(problem);
        }

        [TestMethod]
        public void A_save_after_a_fallback_never_overwrites_the_only_good_slot()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Sample(2));
            files.Content(CheckpointStore.DefaultSlotB)[30] ^= 0x04;
            CheckpointStore reopened = new CheckpointStore(files);
            string problem;
            reopened.TryLoad(new Checkpoint(), out problem);
            reopened.Save(Sample(3));
            files.Content(CheckpointStore.DefaultSlotB)[31] ^= 0x04;
            Checkpoint loaded = new Checkpoint();
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            AssertSame(Sample(1), loaded);
        }

        [TestMethod]
        public void A_slot_of_a_future_schema_version_is_ignored_and_reported()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Sample(2));
            files.Content(CheckpointStore.DefaultSlotB)[4] = CheckpointCodec.Version + 1;
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            AssertSame(Sample(1), loaded);
            Assert.Contains("newer", problem);
        }

        private static DeliveryWatermarks Marks(uint sentUpTo, uint attemptedUpTo)
        {
            DeliveryWatermarks w = new DeliveryWatermarks();
            w.Generation = 0xA1B2C3D4;
            w.SentUpTo = sentUpTo;
            w.AttemptedUpTo = attemptedUpTo;
            return w;
        }

        [TestMethod]
        public void Each_owners_save_keeps_the_others_last_save()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Marks(80, 90));
            Checkpoint live = Sample(2);
            store.Save(Marks(81, 94));

            CheckpointStore reopened = new CheckpointStore(files);
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(reopened.TryLoad(loaded, out problem));
            AssertSame(Sample(1), loaded);
            DeliveryWatermarks marks = new DeliveryWatermarks();
            Assert.IsTrue(reopened.TryLoad(marks));
            Assert.AreEqual(81u, marks.SentUpTo);
            Assert.AreEqual(94u, marks.AttemptedUpTo);

            reopened.Save(live);
            DeliveryWatermarks after = new DeliveryWatermarks();
            Assert.IsTrue(new CheckpointStore(files).TryLoad(after));
            Assert.AreEqual(81u, after.SentUpTo);
            Assert.AreEqual(94u, after.AttemptedUpTo);
            Assert.AreEqual(0xA1B2C3D4u, after.Generation);
        }

        [TestMethod]
        public void The_watermarks_of_another_ring_are_dropped_when_the_agent_saves_a_new_rings_state()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Sample(1));
            store.Save(Marks(80, 90));
            Checkpoint fresh = new Checkpoint();
            fresh.Generation = 0x0BADCAFE;
            store.Save(fresh);

            DeliveryWatermarks marks = new DeliveryWatermarks();
            Assert.IsTrue(new CheckpointStore(files).TryLoad(marks));
            Assert.AreEqual(0x0BADCAFEu, marks.Generation);
            Assert.AreEqual(0u, marks.SentUpTo);
            Assert.AreEqual(0u, marks.AttemptedUpTo);
        }
    }
}
