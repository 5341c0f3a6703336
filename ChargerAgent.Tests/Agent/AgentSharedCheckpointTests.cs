using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// The agent's checkpoint object is also saved by others (the uploader saves it when it moves a
    /// watermark), at any tick, not only at the agent's own save points: such a save must restore
    /// to the same accounting as one of the agent's own.
    /// </summary>
    [TestClass]
    public class AgentSharedCheckpointTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_register_checkpoint_saved_by_the_uploader_mid_interval_restores_without_a_violation()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 2);

            // The uploader moves a watermark and saves the shared state; then the power goes.
            rig.Store.Save(rig.Agent.State);
            rig.Reboot(60, 30, true);
            rig.Run(1, 0);

            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(1200L + 30L, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
            Assert.AreEqual((ulong)(1200L + 30L), rig.Agent.State.MeteredWh);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void A_pulse_checkpoint_saved_by_the_uploader_mid_interval_restores_without_a_violation()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.Options.PulseCheckpointStepWh = 1000;
            rig.RunUntil(T(10, 5, 0), 1);

            rig.Store.Save(rig.Agent.State);
            rig.Reboot(60, 0, true);
            rig.Run(1, 0);

            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(300L, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }
            [TestMethod]
        public void A_pulse_checkpoint_saved_before_the_first_reading_after_a_cut_keeps_the_committed_records_counted()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(10, 29, 59), 1);

            // The record at :30 reaches the ring, its checkpoint never reaches flash.
            rig.Store.DropSaves = true;
            rig.Run(1, 1);
            Assert.AreEqual(1, rig.Ring.Count);
            rig.Store.DropSaves = false;

            // The next boot reconciles the ring, the uploader saves before the meter answers, the power goes again.
            rig.Meter.Failing = true;
            rig.Reboot(0, 0, true);
            Assert.IsFalse(rig.Agent.IsRecovered);
            rig.Store.Save(rig.Agent.State);
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
