using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>
    /// A drain saves <c>SentUpTo</c> lazily: a record's cost entry is its durable acknowledgement,
    /// and a restart derives <c>SentUpTo</c> from those entries instead of sending them again.
    /// </summary>
    [TestClass]
    public class UploaderLazySentTests
    {
        [TestMethod]
        public void A_drain_saves_SentUpTo_with_the_AttemptedUpTo_saves_not_after_every_record()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(12);
            Assert.IsTrue(rig.Drain(60 * 1000));
            Assert.AreEqual(12u, rig.Watermarks.SentUpTo);

            // AttemptedStepRecords is 4: three saves of AttemptedUpTo carry SentUpTo 0, 4 and 8.
            Assert.AreEqual(3L, rig.Store.SaveCount);
            Assert.AreEqual(8u, rig.Store.Saved.SentUpTo);
        }

        [TestMethod]
        public void After_a_restart_the_records_acknowledged_above_the_saved_SentUpTo_are_not_sent_again()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(12);
            Assert.IsTrue(rig.Drain(60 * 1000));
            rig.PowerCutAndReboot();
            Assert.AreEqual(8u, rig.Watermarks.SentUpTo);
            rig.AddRecords(1);
            Assert.IsTrue(rig.Drain(60 * 1000));

            Assert.AreEqual(13, rig.Transport.Ledger.Count);
            Assert.AreEqual(13u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(4, rig.Uploader.Counters.AcknowledgedBeforeRestart);
            Assert.AreEqual(0, rig.Uploader.Counters.ResentAfterRestart + rig.Uploader.Counters.RepeatedAcknowledgements);
        }

        [TestMethod]
        public void No_cost_entry_above_the_saved_SentUpTo_is_dropped_however_far_SentUpTo_runs_ahead()
        {
            UploadRig rig = new UploadRig();
            rig.Options.AttemptedStepRecords = 40;
            rig.PowerCutAndReboot();
            rig.AddRecords(30);
            Assert.IsTrue(rig.Drain(120 * 1000));
            uint saved = rig.Store.Saved.SentUpTo;
            Assert.IsTrue(rig.Uploader.Costs.CountAbove(saved) <= CostStore.MaxPendingCosts);
            for (uint seq = saved + 1; seq <= 30; seq++) Assert.IsTrue(rig.Uploader.Costs.Contains(seq), "cost entry of Seq " + seq + " dropped above the saved SentUpTo " + saved);

            rig.PowerCutAndReboot();
            rig.AddRecords(1);
            Assert.IsTrue(rig.Drain(60 * 1000));
            Assert.AreEqual(31, rig.Transport.Ledger.Count);
        }

        [TestMethod]
        public void Cost_entries_of_a_ring_in_which_nothing_was_sent_are_forgotten_so_its_records_go_out()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            Assert.IsTrue(rig.Drain(60 * 1000));
            Assert.IsTrue(rig.Uploader.Costs.Contains(3));

            // A new ring (another generation): its watermarks start at zero, its Seqs again at 1.
            rig.Store.Save(new Core.Storage.DeliveryWatermarks { Generation = rig.Ring.Generation + 1 });
            rig.PowerCutAndReboot();
            Assert.IsFalse(rig.Uploader.Costs.Contains(3));
        }
    }
}
