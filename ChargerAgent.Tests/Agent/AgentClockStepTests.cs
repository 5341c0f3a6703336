using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// A wall clock that steps after it was trusted: the agent records on a boot-relative timeline
    /// until the wall clock agrees again, then places those records through their epoch. The rig's
    /// meter gains 1 Wh a second, so a record placed at the right time holds as many Wh as it lasts.
    /// </summary>
    [TestClass]
    public class AgentClockStepTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        /// <summary>Checks every record, placed in UTC, lies in [from, to], follows the one before and holds the energy of its own period.</summary>
        private static void AssertPlacedWhereTheEnergyFlowed(AgentRig rig, long from, long to, long expectedWh)
        {
            long previousEnd = from;
            long total = 0;
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                Record r = rig.At(i);
                long start = r.Start;
                if (r.IsBootRelative)
                {
                    long epoch;
                    bool estimated;
                    Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(r.Boot, out epoch, out estimated), "Seq " + r.Seq + " has no epoch");
                    Assert.IsFalse(estimated, "Seq " + r.Seq + " epoch estimated");
                    start += epoch;
                }

                long end = start + r.DurationSeconds;
                Assert.IsTrue(start >= previousEnd, "Seq " + r.Seq + " starts at " + start + ", before " + previousEnd);
                Assert.IsTrue(end <= to, "Seq " + r.Seq + " ends at " + end + ", after " + to);
                long error = (long)r.Wh - r.DurationSeconds;
                Assert.IsTrue(error <= 2 && error >= -2, "Seq " + r.Seq + " holds " + r.Wh + " Wh over " + r.DurationSeconds + " s");
                previousEnd = end;
                total += r.Wh;
            }

            Assert.AreEqual(expectedWh, total + rig.Agent.OpenIntervalWh, "energy");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_six_hour_step_forward_corrected_an_hour_later_shifts_no_later_record()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 6 * 3600;
            rig.Run(3600, 1);
            rig.Clock.Utc -= 6 * 3600;
            rig.RunUntil(T(13, 0, 0), 1);
            Assert.IsTrue(rig.Agent.Status.ClockTrusted);
            Assert.AreEqual(T(13, 0, 0), rig.At(rig.Ring.Count - 1).End);
            AssertPlacedWhereTheEnergyFlowed(rig, T(10, 0, 0), T(13, 0, 0), 3 * 3600);
        }

        [TestMethod]
        public void A_six_hour_step_back_corrected_an_hour_later_never_overlaps_and_shifts_nothing()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc -= 6 * 3600;
            rig.Run(3600, 1);
            rig.Clock.Utc += 6 * 3600;
            rig.RunUntil(T(13, 0, 0), 1);
            Assert.AreEqual(T(13, 0, 0), rig.At(rig.Ring.Count - 1).End);
            AssertPlacedWhereTheEnergyFlowed(rig, T(10, 0, 0), T(13, 0, 0), 3 * 3600);
        }

        [TestMethod]
        public void Records_after_a_step_are_boot_relative_and_wait_for_their_epoch_until_the_clock_agrees()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Start(null);
            rig.Clock.Utc += 6 * 3600;
            rig.Run(60, 1);
            rig.Stop();
            Assert.IsFalse(rig.Agent.Status.ClockTrusted);
            Record last = rig.At(rig.Ring.Count - 1);
            Assert.IsTrue(last.IsBootRelative);
            Assert.AreEqual((int)(RecordFlags.SessionEnd | RecordFlags.BootRelativeTime), (int)last.Flags);
            Assert.IsTrue(rig.Agent.MayStillLearnEpoch(last.Boot));
            Assert.AreNotEqual(rig.Agent.Boot, last.Boot);
        }

        [TestMethod]
        public void A_step_the_clock_keeps_online_for_two_hours_is_taken_and_places_the_records_on_it()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Agent.NetworkUp = true;
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 86400;
            rig.Run(ClockStepGuard.ConfirmOnlineSeconds - 10, 1);
            Assert.IsFalse(rig.Agent.Status.ClockTrusted);
            rig.Run(20, 1);
            Assert.IsTrue(rig.Agent.Status.ClockTrusted);
            rig.RunUntil(T(13, 0, 0) + 86400, 1);

            // The records before the step stay where they were (the step came in the tick after 10:10:00);
            // the ones after it are on the new time.
            Assert.AreEqual(T(10, 10, 1), rig.At(0).End);
            Assert.AreEqual(T(13, 0, 0) + 86400, rig.At(rig.Ring.Count - 1).End);
            long epoch;
            bool estimated;
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(rig.At(1).Boot, out epoch, out estimated));
            Assert.AreEqual(T(10, 10, 1) + 86400, epoch + rig.At(1).Start);
        }

        [TestMethod]
        public void A_clock_that_jumps_back_an_hour_and_stays_is_taken_online_without_overlap_or_loss()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Agent.NetworkUp = true;
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc -= 3600;
            rig.Run(3 * 3600, 1);
            Assert.IsTrue(rig.Agent.Status.ClockTrusted);
            Assert.AreEqual(T(10, 10, 1), rig.At(0).End);

            // Placed on the new time the records would start before the ones already written: they
            // start where those end, and the agent's time runs on from there.
            AssertPlacedWhereTheEnergyFlowed(rig, T(10, 0, 0), T(13, 10, 0), 600 + 3 * 3600);
        }

        [TestMethod]
        public void A_boot_that_ends_before_the_clock_agrees_places_its_records_by_the_time_before_the_step()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 6 * 3600;
            rig.Run(2400, 1);
            Assert.IsTrue(rig.At(rig.Ring.Count - 1).IsBootRelative);

            // Down for ten minutes; the next boot's wall clock is right.
            rig.Clock.Utc -= 6 * 3600;
            rig.Reboot(600, 600, true);
            rig.RunUntil(T(12, 0, 0), 1);
            Assert.AreEqual(T(12, 0, 0), rig.At(rig.Ring.Count - 1).End);
            AssertPlacedWhereTheEnergyFlowed(rig, T(10, 0, 0), T(12, 0, 0), 2 * 3600);
        }

        [TestMethod]
        public void Offline_a_step_is_never_taken_and_its_records_keep_waiting_for_the_clock()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 86400;
            rig.Run(3 * ClockStepGuard.ConfirmOnlineSeconds, 1);
            Assert.IsFalse(rig.Agent.Status.ClockTrusted);
            Assert.IsTrue(rig.At(rig.Ring.Count - 1).IsBootRelative);
        }

        [TestMethod]
        public void A_pulse_boot_ending_past_a_half_hour_after_a_step_closes_its_open_period_where_its_energy_was_saved()
        {
            // The step timeline's periods run from 10:10:01: the one open at the cut began at 10:40:01 and
            // ran past 11:00, so its record may not be squeezed into the UTC half-hour it began in.
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc += 6 * 3600;
            rig.Run(3300, 1);
            rig.Clock.Utc -= 6 * 3600;
            rig.Reboot(600, 600, true);
            rig.RunUntil(T(12, 0, 0), 1);
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_rise_after_a_read_gap_a_step_cut_short_is_flagged_estimated_in_the_step_timeline()
        {
            // The gap began on UTC, the rise shows on the step's timeline: its share before the open
            // period cannot be placed there, so the period holding it is flagged.
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.Run(300, 1);
            rig.Clock.Utc += 6 * 3600;
            rig.Run(300, 1);
            rig.Meter.Failing = false;
            rig.Run(3600, 1);
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_session_stop_in_a_read_gap_a_step_interrupted_cuts_a_record_flagged_estimated_for_the_reads_it_lacks()
        {
            // The meter stops answering on UTC, the clock steps back two days, the car stops: the stop's
            // record, on the step's timeline, has no reads at all, and its energy shows only after the gap.
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 5, 0), 1);
            rig.Start(null);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.Run(240, 1);
            rig.Clock.Utc -= 2 * 86400;
            rig.Run(900, 1);
            rig.Stop();
            rig.Run(600, 1);
            rig.Meter.Failing = false;
            rig.Run(3600, 1);

            for (int i = 0; i < rig.Ring.Count; i++)
            {
                Record r = rig.At(i);
                if ((r.Flags & RecordFlags.EstimatedOverDowntime) != 0) continue;
                Assert.IsTrue((long)r.Wh + MeterGap.UnreadSeconds + 2 >= r.DurationSeconds, "Seq " + r.Seq + " holds " + r.Wh + " Wh over " + r.DurationSeconds + " s, unflagged");
            }

            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
