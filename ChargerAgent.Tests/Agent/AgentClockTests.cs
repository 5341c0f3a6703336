using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentClockTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        private static void AssertNoOverlapAndAllEnergy(AgentRig rig, long expectedWh)
        {
            for (int i = 1; i < rig.Ring.Count; i++)
            {
                Record a = rig.At(i - 1);
                Record b = rig.At(i);
                if (a.IsBootRelative != b.IsBootRelative) continue;
                Assert.IsTrue(b.Start >= a.End, "Seq " + b.Seq + " starts before Seq " + a.Seq + " ends");
            }

            Assert.AreEqual(expectedWh, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void Sessions_before_the_first_clock_sync_are_boot_relative_and_stay_apart()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Run(100, 1);
            rig.Start(null);
            rig.Run(200, 1);
            rig.Stop();
            rig.Run(50, 1);
            rig.Start("car-7");
            rig.Run(100, 1);
            rig.Stop();
            Assert.AreEqual(4, rig.Ring.Count);
            long[] starts = { 0, 100, 300, 350 };
            long[] ends = { 100, 300, 350, 450 };
            uint[] sessions = { 0, 1, 0, 2 };
            for (int i = 0; i < 4; i++)
            {
                Record r = rig.At(i);
                Assert.IsTrue(r.IsBootRelative);
                Assert.AreEqual((ushort)1, r.Boot);
                Assert.AreEqual(starts[i], r.Start);
                Assert.AreEqual(ends[i], r.End);
                Assert.AreEqual(sessions[i], r.Session);
            }

            long epoch;
            bool estimated;
            Assert.IsFalse(rig.Agent.Epochs.TryGetEpoch(1, out epoch, out estimated));
            Assert.IsFalse(rig.Agent.Status.ClockTrusted);

            rig.Clock.Trusted = true;
            rig.Run(1, 1);
            Assert.IsTrue(rig.Agent.Status.ClockTrusted);
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(1, out epoch, out estimated));
            Assert.AreEqual(T(10, 0, 0), epoch);
            Assert.IsFalse(estimated);
            Assert.AreEqual("car-7", rig.Agent.SessionReferenceId(2));

            // The epoch survives a reboot (it is in the epoch file).
            rig.Reboot(10, 0, false);
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(1, out epoch, out estimated));
            Assert.AreEqual(T(10, 0, 0), epoch);
        }

        [TestMethod]
        public void The_open_period_turns_into_UTC_at_the_sync_without_a_cut_inside_one_half_hour()
        {
            AgentRig rig = new AgentRig(T(10, 5, 0), true, false);
            rig.Run(300, 1);
            rig.Clock.Trusted = true;
            rig.RunUntil(T(10, 30, 0), 1);
            Assert.AreEqual(1, rig.Ring.Count);
            Record r = rig.At(0);
            Assert.IsFalse(r.IsBootRelative);
            Assert.AreEqual(T(10, 5, 0), r.Start);
            Assert.AreEqual(T(10, 30, 0), r.End);
            Assert.AreEqual(1500u, r.Wh);
        }

        [TestMethod]
        public void A_period_older_than_the_half_hour_of_the_sync_is_cut_there_boot_relative()
        {
            AgentRig rig = new AgentRig(T(10, 20, 0), true, false);
            rig.Run(1200, 1);
            rig.Clock.Trusted = true;
            rig.RunUntil(T(11, 0, 0), 1);
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.IsTrue(rig.At(0).IsBootRelative);
            Assert.AreEqual(0L, rig.At(0).Start);
            Assert.AreEqual(1201L, rig.At(0).End);
            Assert.AreEqual(T(10, 40, 1), rig.At(1).Start);
            Assert.AreEqual(T(11, 0, 0), rig.At(1).End);
            AssertNoOverlapAndAllEnergy(rig, 2400);
        }

        [TestMethod]
        public void A_small_step_back_makes_time_stand_still_instead()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 29, 55), 1);
            rig.Clock.Utc -= 20;
            rig.Run(40, 1);
            Assert.AreEqual(1, rig.Ring.Count);
            Assert.AreEqual(T(10, 30, 0), rig.At(0).End);
            AssertNoOverlapAndAllEnergy(rig, 1795 + 40);
        }

        [TestMethod]
        public void A_clock_jumping_forward_two_days_in_a_session_loses_nothing_and_is_not_followed()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 5, 0), 1);
            rig.Start(null);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 2 * 86400;
            rig.Run(60, 1);
            rig.Stop();
            Assert.AreEqual(3, rig.Ring.Count);
            Assert.AreEqual(T(10, 5, 0), rig.At(1).Start);
            Assert.AreEqual(T(10, 10, 1), rig.At(1).End);
            Assert.IsTrue(rig.At(2).IsBootRelative);
            Assert.AreEqual(0L, rig.At(2).Start);
            Assert.AreEqual((int)(RecordFlags.SessionEnd | RecordFlags.BootRelativeTime), (int)rig.At(2).Flags);
            AssertNoOverlapAndAllEnergy(rig, 660);
        }
    }
}
