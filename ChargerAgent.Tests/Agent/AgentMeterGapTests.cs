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
        public void A_rise_after_the_meter_did_not_answer_for_an_hour_is_spread_from_the_last_good_read_and_flagged_estimated()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(11, 40, 0), 1);
            rig.Meter.Failing = false;
            rig.Run(1, 1);

            // [10:00, 10:20) holds what was read before the gap, exactly: it ends at the last good read. The 4801 Wh
            // the meter shows at 11:40:01 are spread from there to the agent's time when it read them (11:40:00, the
            // time of its last tick): 4801 x 4200 / 4800 = 4200 Wh before 11:30 (600, 1800, 1800); 601 Wh stay open.
            Assert.AreEqual(4, rig.Ring.Count);
            Assert.AreEqual(T(10, 0, 0), rig.At(0).Start);
            Assert.AreEqual(1200u, rig.At(0).DurationSeconds);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual((int)RecordFlags.None, (int)rig.At(0).Flags);
            Assert.AreEqual((byte)100, rig.At(0).ConfidencePercent);
            long[] start = { T(10, 20, 0), T(10, 30, 0), T(11, 0, 0) };
            uint[] duration = { 600, 1800, 1800 };
            uint[] wh = { 600, 1800, 1800 };
            for (int i = 1; i < 4; i++)
            {
                Record r = rig.At(i);
                Assert.AreEqual(start[i - 1], r.Start);
                Assert.AreEqual(duration[i - 1], r.DurationSeconds);
                Assert.AreEqual(wh[i - 1], r.Wh);
                Assert.AreEqual(1u, r.Session);
                Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)r.Flags);
                Assert.AreEqual((byte)50, r.ConfidencePercent);
            }

            Assert.AreEqual(601L, rig.Agent.OpenIntervalWh);
            rig.RunUntil(T(12, 0, 0), 1);
            Assert.AreEqual(5, rig.Ring.Count);
            Assert.AreEqual(T(11, 30, 0), rig.At(4).Start);
            Assert.AreEqual(601u + 1199u, rig.At(4).Wh);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(4).Flags);
            Assert.AreEqual((byte)50, rig.At(4).ConfidencePercent);
            Assert.AreEqual((ulong)7200, rig.Agent.State.RecordedWh);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(0UL, rig.Agent.State.UnaccountedWhBound);
        }

        [TestMethod]
        public void A_gap_across_a_half_hour_ending_in_the_next_one_spreads_its_rise_back_to_the_last_good_read()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 40, 0), 1);
            rig.Meter.Failing = false;
            rig.RunUntil(T(11, 0, 0), 1);

            // 1201 Wh shown at 10:40:01, spread over [10:20:00, 10:40:00): 600 before 10:30; the period that takes
            // the rest holds energy of before its start, so it is flagged too.
            Assert.AreEqual(3, rig.Ring.Count);
            Assert.AreEqual(1200u, rig.At(0).DurationSeconds);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual((byte)100, rig.At(0).ConfidencePercent);
            Assert.AreEqual(T(10, 20, 0), rig.At(1).Start);
            Assert.AreEqual(600u, rig.At(1).DurationSeconds);
            Assert.AreEqual(600u, rig.At(1).Wh);
            Assert.AreEqual((byte)50, rig.At(1).ConfidencePercent);
            Assert.AreEqual(T(10, 30, 0), rig.At(2).Start);
            Assert.AreEqual(601u + 1199u, rig.At(2).Wh);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(2).Flags);
            Assert.AreEqual((byte)50, rig.At(2).ConfidencePercent);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_pulse_count_that_could_not_be_read_across_a_half_hour_is_spread_from_the_last_good_read()
        {
            // An S0 counter that cannot be read still counts: what it shows when it can be read again flowed over the gap.
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 40, 0), 1);
            rig.Meter.Failing = false;
            rig.RunUntil(T(11, 0, 0), 1);

            Assert.AreEqual(3, rig.Ring.Count);
            Assert.AreEqual(1200u, rig.At(0).DurationSeconds);
            Assert.AreEqual((byte)100, rig.At(0).ConfidencePercent);
            Assert.AreEqual(T(10, 20, 0), rig.At(1).Start);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(1).Flags);
            Assert.AreEqual((byte)50, rig.At(1).ConfidencePercent);
            Assert.AreEqual(T(10, 30, 0), rig.At(2).Start);
            Assert.AreEqual((byte)50, rig.At(2).ConfidencePercent);
            Assert.AreEqual(rig.Agent.State.RecordedWh, (ulong)(rig.At(0).Wh + rig.At(1).Wh + rig.At(2).Wh));
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_session_that_stops_while_the_meter_does_not_answer_ends_with_a_record_flagged_estimated()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 5, 0), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 20, 0), 1);
            Assert.IsTrue(rig.Stop());
            rig.RunUntil(T(10, 25, 0), 1);
            rig.Meter.Failing = false;
            rig.RunUntil(T(10, 30, 0), 1);

            // The session's last record lacks the 15 minutes the meter did not answer; what it shows afterwards
            // lands after the stop, in a period that holds energy of before its start: both are estimated.
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual((int)(RecordFlags.SessionEnd | RecordFlags.EstimatedOverDowntime), (int)rig.At(0).Flags);
            Assert.AreEqual((byte)50, rig.At(0).ConfidencePercent);
            Assert.AreEqual(0u, rig.At(1).Session);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(1).Flags);
            Assert.AreEqual((byte)50, rig.At(1).ConfidencePercent);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_read_missed_for_less_than_a_minute_at_a_half_hour_leaves_both_records_unflagged()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 29, 40), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(10, 30, 10), 1);
            rig.Meter.Failing = false;
            rig.RunUntil(T(11, 0, 0), 1);

            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(1800u, rig.At(0).DurationSeconds);
            Assert.AreEqual((byte)100, rig.At(0).ConfidencePercent);
            Assert.AreEqual((int)RecordFlags.None, (int)rig.At(1).Flags);
            Assert.AreEqual((byte)100, rig.At(1).ConfidencePercent);
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

            // The end record lacks the reads since 10:20: estimated.
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(1200u, rig.At(0).Wh);
            Assert.AreEqual(T(11, 30, 0), rig.At(1).Start);
            Assert.AreEqual(0u, rig.At(1).Wh);
            Assert.AreEqual((int)(RecordFlags.SessionEnd | RecordFlags.EstimatedOverDowntime), (int)rig.At(1).Flags);
        }

        [TestMethod]
        public void A_gap_that_begins_in_the_tick_closing_a_half_hour_is_spread_from_that_record_s_end_not_over_it()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 29, 59), 1);
            rig.Meter.Failing = true;
            rig.RunUntil(T(11, 10, 0), 1);
            rig.Meter.Failing = false;
            rig.Run(1, 1);

            // The read failed in the tick that closed [10:00, 10:30): the rise shown at 11:10:01 is spread from
            // 10:30:00, where that record ends, so no two records share a second.
            string periods = string.Empty;
            for (int i = 0; i < rig.Ring.Count; i++) periods += " [" + (rig.At(i).Start - T(10, 0, 0)) + ", " + (rig.At(i).End - T(10, 0, 0)) + ")";
            Assert.AreEqual(2, rig.Ring.Count, "periods (s after 10:00):" + periods);
            Assert.AreEqual(T(10, 0, 0), rig.At(0).Start);
            Assert.AreEqual(T(10, 30, 0), rig.At(0).End);
            Assert.AreEqual(T(10, 30, 0), rig.At(1).Start);
            Assert.AreEqual(T(11, 0, 0), rig.At(1).End);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(1).Flags);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
