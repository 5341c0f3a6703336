using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentMeterGapTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_rise_after_the_meter_did_not_answer_for_an_hour_is_spread_over_the_half_hours_of_the_gap_and_flagged_estimated()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(11, 40, 0), 1);
            rig.Meter.Failing = false;
            rig.Run(1, 1);

            // [10:00, 10:30) holds what was read before the gap. The 4801 Wh the meter shows at 11:40:01 are spread
            // over the half-hours from 10:30 to the agent's time when it read them (11:40:00, the time of its last
            // tick): 4801 x 3600 / 4200 = 4115 Wh before 11:30, split 2057 and 2058; the other 686 Wh stay open.
            Assert.AreEqual(3, rig.Ring.Count);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual((int)RecordFlags.None, (int)rig.At(0).Flags);
            uint[] wh = { 2057, 2058 };
            for (int i = 1; i < 3; i++)
            {
                Record r = rig.At(i);
                Assert.AreEqual(T(10, 30, 0) + (i - 1) * 1800L, r.Start);
                Assert.AreEqual(1800u, r.DurationSeconds);
                Assert.AreEqual(wh[i - 1], r.Wh);
                Assert.AreEqual(1u, r.Session);
                Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)r.Flags);
                Assert.AreEqual((byte)50, r.ConfidencePercent);
            }

            Assert.AreEqual(686L, rig.Agent.OpenIntervalWh);
            rig.RunUntil(T(12, 0, 0), 1);
            Assert.AreEqual(4, rig.Ring.Count);
            Assert.AreEqual(T(11, 30, 0), rig.At(3).Start);
            Assert.AreEqual(686u + 1199u, rig.At(3).Wh);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(3).Flags);
            Assert.AreEqual((ulong)7200, rig.Agent.State.RecordedWh);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(0UL, rig.Agent.State.UnaccountedWhBound);
        }

        [TestMethod]
        public void A_gap_inside_one_half_hour_leaves_its_rise_in_that_half_hour_unflagged()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 5, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Meter.Failing = false;
            rig.RunUntil(T(10, 30, 0), 1);

            Assert.AreEqual(1, rig.Ring.Count);
            Assert.AreEqual(1800u, rig.At(0).Wh);
            Assert.AreEqual((int)RecordFlags.None, (int)rig.At(0).Flags);
            Assert.AreEqual((byte)100, rig.At(0).ConfidencePercent);
        }

        [TestMethod]
        public void A_session_that_starts_while_the_meter_does_not_answer_gets_the_rise_spread_from_its_start_only()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 50, 0), 1);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(11, 40, 0), 1);
            rig.Meter.Failing = false;
            rig.Run(1, 1);

            // No record of the session reaches before its start: the 4801 Wh are spread over [10:50, 11:40):
            // 4801 x 2400 / 3000 = 3840 Wh before 11:30 (960 and 2880), 961 Wh stay open.
            Assert.AreEqual(3, rig.Ring.Count);
            Assert.AreEqual(0u, rig.At(0).Session);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual(T(10, 50, 0), rig.At(1).Start);
            Assert.AreEqual(600u, rig.At(1).DurationSeconds);
            Assert.AreEqual(960u, rig.At(1).Wh);
            Assert.AreEqual(T(11, 0, 0), rig.At(2).Start);
            Assert.AreEqual(2880u, rig.At(2).Wh);
            Assert.AreEqual(1u, rig.At(1).Session);
            Assert.AreEqual(1u, rig.At(2).Session);
            Assert.AreEqual(961L, rig.Agent.OpenIntervalWh);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_session_open_through_a_gap_that_never_ends_keeps_its_end_record()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(11, 40, 0), 1);
            Assert.IsTrue(rig.Stop());

            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual(T(11, 30, 0), rig.At(1).Start);
            Assert.AreEqual(0u, rig.At(1).Wh);
            Assert.AreEqual((int)RecordFlags.SessionEnd, (int)rig.At(1).Flags);
        }
    }
}
