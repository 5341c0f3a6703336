using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>Energy a full ring or a failing flash refused: kept, then written over the time it flowed, flagged.</summary>
    [TestClass]
    public class AgentRingFullTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void Energy_a_full_ring_refused_is_written_over_the_whole_time_it_flowed_flagged_estimated()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Ring.Limit = 1;
            rig.RunUntil(T(12, 0, 0), 1);
            Assert.AreEqual(1, rig.Ring.Count);
            rig.Ring.Limit = 0;
            rig.Run(1, 1);
            Assert.AreEqual(2, rig.Ring.Count);
            Record held = rig.At(1);
            Assert.AreEqual(T(10, 30, 0), held.Start);
            Assert.IsTrue(held.End >= T(12, 0, 0), "the refused energy is stamped into a period it did not flow in");
            Assert.IsTrue((held.Flags & RecordFlags.EstimatedOverDowntime) != 0, "the refused energy is not flagged");
            Assert.IsTrue(held.ConfidencePercent < 100, "the refused energy went out at full confidence");
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            rig.RunUntil(T(13, 0, 0), 1);
            Record next = rig.At(rig.Ring.Count - 1);
            Assert.AreEqual((byte)100, next.ConfidencePercent);
            Assert.AreEqual(RecordFlags.None, next.Flags);
        }

        [TestMethod]
        public void Pulse_energy_a_full_ring_held_open_survives_a_reboot_before_the_clock_is_known()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.Ring.Limit = 1;
            rig.RunUntil(T(12, 0, 0), 1);
            Assert.AreEqual(1, rig.Ring.Count);
            long before = rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh;
            rig.Reboot(60, 0, false);
            rig.Run(120, 1);
            Assert.AreEqual(0u, rig.Agent.State.Violations, "the agent lost track of the energy it held");
            Assert.IsTrue(rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh >= before - rig.Options.PulseCheckpointStepWh + 120,
                "the energy the full ring held open was lost at the reboot");
            rig.Ring.Limit = 0;
            rig.Run(1800, 1);
            Assert.IsTrue(rig.Ring.TotalWh() >= before - rig.Options.PulseCheckpointStepWh + 120, "the held energy never reached the ring");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_flash_that_refuses_writes_throws_nothing_loses_nothing_and_is_not_retried_every_tick()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Ring.WriteFails = true;
            rig.RunUntil(T(11, 0, 0), 1);
            Assert.IsTrue(rig.Agent.Status.FlashWriteFailed);
            Assert.IsTrue(rig.Ring.FailedWrites >= 1);
            Assert.IsTrue(rig.Ring.FailedWrites <= 40, rig.Ring.FailedWrites.ToString() + " writes tried in 30 minutes");
            Assert.AreEqual(0, rig.Ring.Count);
            rig.Ring.WriteFails = false;
            rig.Run(120, 1);
            Assert.IsFalse(rig.Agent.Status.FlashWriteFailed);
            Assert.AreEqual(1, rig.Ring.Count);
            Record held = rig.At(0);
            Assert.AreEqual(T(10, 0, 0), held.Start);
            Assert.IsTrue(held.End >= T(11, 0, 0));
            Assert.IsTrue((held.Flags & RecordFlags.EstimatedOverDowntime) != 0);
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
        }
    }
}
