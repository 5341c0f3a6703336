using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// The delivery saves its watermarks into the checkpoint file at any tick, not only at the
    /// agent's own save points: such a save holds the agent's last save, and restores to the same
    /// accounting as one of the agent's own.
    /// </summary>
    [TestClass]
    public class AgentDeliverySaveTests
    {
        private static void SaveWatermarks(AgentRig rig, uint sentUpTo)
        {
            DeliveryWatermarks marks = new DeliveryWatermarks();
            marks.Generation = rig.Ring.Generation;
            marks.SentUpTo = sentUpTo;
            marks.AttemptedUpTo = sentUpTo;
            rig.Store.Save(marks);
        }

        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_register_interval_with_a_delivery_save_in_its_middle_restores_without_a_violation()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 2);

            // The delivery moves a watermark and saves it; then the power goes.
            SaveWatermarks(rig, 0);
            rig.Reboot(60, 30, true);
            rig.Run(1, 0);

            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(1200L + 30L, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
            Assert.AreEqual((ulong)(1200L + 30L), rig.Agent.State.MeteredWh);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void A_pulse_interval_with_a_delivery_save_in_its_middle_restores_the_agents_last_save_within_the_unaccounted_bound()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.Options.PulseCheckpointStepWh = 1000;
            rig.RunUntil(T(10, 5, 0), 1);

            SaveWatermarks(rig, 0);
            rig.Reboot(60, 0, true);
            rig.Run(1, 0);

            // The delivery's save holds the agent's last save, not its live count: what the agent
            // had not saved yet is lost with the pulse count, within the bound it counts.
            Assert.AreEqual(0u, rig.Agent.State.Violations);
            long seen = rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh;
            Assert.IsTrue(seen <= 300L, "more energy than the meter counted: " + seen);
            Assert.IsTrue(seen + (long)rig.Agent.State.UnaccountedWhBound >= 300L, "lost beyond the unaccounted bound: " + seen + " + " + rig.Agent.State.UnaccountedWhBound);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void A_delivery_save_before_the_first_reading_after_a_cut_keeps_the_committed_records_counted()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(10, 29, 59), 1);

            // The record at :30 reaches the ring, its checkpoint never reaches flash.
            rig.Store.DropSaves = true;
            rig.Run(1, 1);
            Assert.AreEqual(1, rig.Ring.Count);
            rig.Store.DropSaves = false;

            // The next boot reconciles the ring, the delivery saves before the meter answers, the power goes again.
            rig.Meter.Failing = true;
            rig.Reboot(0, 0, true);
            Assert.IsFalse(rig.Agent.IsRecovered);
            SaveWatermarks(rig, 1);
            rig.Meter.Failing = false;
            rig.Reboot(0, 0, true);
            rig.Run(1, 0);

            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(1, rig.Ring.Count);
            Assert.AreEqual(1800L, rig.Ring.TotalWh());
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }
    }
}
