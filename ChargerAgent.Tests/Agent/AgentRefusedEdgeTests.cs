using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// A session's start and stop while the ring or the flash refuses writes: each takes effect when
    /// it comes, so the energy before it belongs to the session it ends and the energy after it to the
    /// next, once the records can be written; and a tick whose clock sync cannot save still cuts and
    /// switches sessions.
    /// </summary>
    [TestClass]
    public class AgentRefusedEdgeTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        /// <summary>Runs <paramref name="seconds"/> seconds of ticks (<paramref name="whPerSecond"/> each) that may throw, as a full flash makes them.</summary>
        private static void RunThroughFaults(AgentRig rig, long seconds, long whPerSecond)
        {
            for (long i = 0; i < seconds; i++)
            {
                try
                {
                    rig.Run(1, whPerSecond);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>The energy of <paramref name="session"/> in the ring, and the span of its records, [from, to).</summary>
        private static long SessionWh(AgentRig rig, uint session, out long from, out long to, out bool ended)
        {
            long wh = 0;
            from = long.MaxValue;
            to = long.MinValue;
            ended = false;
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                Record r = rig.At(i);
                if (r.Session != session) continue;
                wh += r.Wh;
                if (r.Start < from) from = r.Start;
                if (r.End > to) to = r.End;
                if ((r.Flags & RecordFlags.SessionEnd) != 0) ended = true;
            }

            return wh;
        }

        /// <summary>
        /// Two cars while writes are refused: the first charges 10:00:01-10:11:01, the second 10:15:01-10:25:01
        /// (the ticks that see the signal's edges), at 2 Wh a second, nothing between; then on to 10:40.
        /// </summary>
        private static void TwoCarsWhileRefused(AgentRig rig, out uint first, out uint second)
        {
            rig.Agent.SetSessionSignal(true);
            RunThroughFaults(rig, T(10, 11, 0) - rig.Clock.Utc, 2);
            first = rig.Agent.Status.Session;
            rig.Agent.SetSessionSignal(false);
            RunThroughFaults(rig, T(10, 15, 0) - rig.Clock.Utc, 0);
            rig.Agent.SetSessionSignal(true);
            RunThroughFaults(rig, T(10, 25, 0) - rig.Clock.Utc, 2);
            second = rig.Agent.Status.Session;
            rig.Agent.SetSessionSignal(false);
            RunThroughFaults(rig, T(10, 40, 0) - rig.Clock.Utc, 0);
        }

        private static void AssertSession(AgentRig rig, uint session, long from, long to, long wh, string which)
        {
            long start, end;
            bool ended;
            long sessionWh = SessionWh(rig, session, out start, out end, out ended);
            Assert.AreEqual(from, start, "the " + which + " session does not start where its car did");
            Assert.AreEqual(to, end, "the " + which + " session's records do not end where its car stopped");
            Assert.AreEqual(wh, sessionWh, "the " + which + " session holds energy that is not its car's");
            Assert.IsTrue(ended, "the " + which + " session's last record does not end it");
        }

        private static void AssertEachCarBilledItsOwnEnergyWhereItCharged(AgentRig rig, uint first, uint second)
        {
            Assert.AreNotEqual(0u, first);
            Assert.AreNotEqual(0u, second, "the second car's start waits behind the first one's stop");
            Assert.AreNotEqual(first, second, "the second car charged in the first one's session");
            AssertSession(rig, first, T(10, 0, 1), T(10, 11, 1), (11 * 60 - 1) * 2L, "first");
            AssertSession(rig, second, T(10, 15, 1), T(10, 25, 1), (10 * 60 - 1) * 2L, "second");
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void Two_cars_that_come_and_go_while_the_ring_is_full_are_each_billed_their_own_energy_where_they_charged()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Ring.Limit = rig.Ring.Count + 1;
            uint first, second;
            TwoCarsWhileRefused(rig, out first, out second);
            Assert.IsTrue(rig.Agent.Status.RingFull);
            rig.Ring.Limit = 0;
            rig.Run(120, 0);
            AssertEachCarBilledItsOwnEnergyWhereItCharged(rig, first, second);
        }

        [TestMethod]
        public void Two_cars_that_come_and_go_while_the_flash_refuses_writes_are_each_billed_their_own_energy_where_they_charged()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.Ring.WriteFails = true;
            rig.Store.SavesFail = true;
            uint first, second;
            TwoCarsWhileRefused(rig, out first, out second);

            rig.Ring.WriteFails = false;
            rig.Store.SavesFail = false;
            rig.Run(120, 0);
            AssertEachCarBilledItsOwnEnergyWhereItCharged(rig, first, second);
        }

        [TestMethod]
        public void A_tick_whose_clock_sync_cannot_save_still_stops_the_session_when_the_car_stops()
        {
            // The clock becomes known while the flash is full: the sync cannot save, but the rest of each
            // tick still runs, so the session stops when the car does, twenty minutes before the flash has room.
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Agent.SetSessionSignal(true);
            rig.Run(60, 2);
            uint session = rig.Agent.Status.Session;
            Assert.AreNotEqual(0u, session);
            rig.RunUntil(T(10, 20, 0), 2);
            rig.Ring.WriteFails = true;
            rig.Store.SavesFail = true;
            rig.Clock.Trusted = true;
            RunThroughFaults(rig, 20 * 60, 2);
            rig.Agent.SetSessionSignal(false);
            RunThroughFaults(rig, 20 * 60, 0);
            Assert.AreEqual(0u, rig.Agent.Status.Session, "the car's stop waits for the flash");
            rig.Ring.WriteFails = false;
            rig.Store.SavesFail = false;
            rig.Run(600, 0);

            long from, to;
            bool ended;
            long wh = SessionWh(rig, session, out from, out to, out ended);
            Assert.AreEqual(T(10, 40, 1), to, "the session's records do not end where its car stopped");
            Assert.IsTrue(ended, "the session's last record does not end it");
            Assert.AreEqual((40 * 60 - 1) * 2L, wh, "the session holds energy that is not its car's");
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_record_held_before_the_clock_is_known_is_written_on_UTC_once_it_is()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Ring.WriteFails = true;
            rig.Run(300, 1);
            rig.Agent.SetSessionSignal(true);
            rig.Run(300, 2);
            Assert.AreEqual(1, rig.Agent.HeldRecords, "the start's record is not held");
            rig.Clock.Trusted = true;
            rig.Run(60, 2);
            rig.Ring.WriteFails = false;
            rig.Run(120, 2);
            Assert.AreEqual(0, rig.Agent.HeldRecords);
            Record before = rig.At(0);
            Assert.IsFalse(before.IsBootRelative, "the held record waits for an epoch the sync already placed");
            Assert.AreEqual(T(10, 0, 0), before.Start);
            Assert.AreEqual(T(10, 5, 1), before.End);
            Assert.AreEqual(0u, before.Session);
            Assert.AreEqual(302u, before.Wh);
            Assert.AreNotEqual(0u, rig.Agent.Status.Session);
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_power_cut_while_refused_writes_hold_two_cars_records_loses_no_energy()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Ring.Limit = rig.Ring.Count + 1;
            uint first, second;
            TwoCarsWhileRefused(rig, out first, out second);
            rig.Reboot(600, 0, true);
            rig.Run(60, 0);
            rig.Ring.Limit = 0;
            rig.Run(3600, 0);
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.Status.Session, "a session both cars ended before the cut is open after it");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
