using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentRecoveryTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_register_meters_downtime_energy_is_spread_over_the_half_hours_it_spans()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 20, 0), 1);
            rig.Reboot(3600, 3600, true);
            rig.Run(1, 0);
            Assert.AreEqual(3, rig.Ring.Count);
            uint[] wh = { 1800, 1800, 1200 };
            for (int i = 0; i < 3; i++)
            {
                Record r = rig.At(i);
                Assert.AreEqual(T(10, 0, 0) + i * 1800L, r.Start);
                Assert.AreEqual(wh[i], r.Wh);
                Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)r.Flags);
                Assert.AreEqual((byte)50, r.ConfidencePercent);
            }

            Assert.AreEqual(T(11, 20, 0), rig.At(2).End);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_register_downtime_before_the_clock_is_known_waits_for_it()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Reboot(1500, 1500, false);
            Assert.IsTrue(rig.Agent.State.DowntimePending);
            rig.Run(60, 1);
            Assert.AreEqual(0, rig.Ring.Count);
            rig.Clock.Trusted = true;
            rig.Run(1, 1);
            Assert.IsFalse(rig.Agent.State.DowntimePending);
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(T(10, 0, 0), rig.At(0).Start);
            Assert.AreEqual(T(10, 30, 0), rig.At(1).Start);
            Assert.AreEqual(T(10, 35, 0), rig.At(1).End);
            Assert.AreEqual(1800u, rig.At(0).Wh);
            Assert.AreEqual(300u, rig.At(1).Wh);
            Assert.AreEqual((int)RecordFlags.EstimatedOverDowntime, (int)rig.At(1).Flags);
            Assert.AreEqual(61L, rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void A_cut_between_appending_a_record_and_saving_the_checkpoint_records_nothing_twice()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 29, 59), 1);
            rig.Store.DropSaves = true;
            rig.Run(11, 1);
            Assert.AreEqual(1, rig.Ring.Count);
            rig.Store.DropSaves = false;
            rig.Reboot(0, 0, true);
            rig.Run(1, 0);
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(1800u, rig.At(0).Wh);
            Assert.AreEqual(T(10, 30, 0), rig.At(1).Start);
            Assert.AreEqual(10u, rig.At(1).Wh);
            Assert.AreEqual(1810L, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_pulse_meter_saves_every_20_Wh_and_bounds_what_a_cut_hides()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            long before = rig.Store.SaveCount;
            rig.Run(105, 1);
            Assert.AreEqual(5L, rig.Store.SaveCount - before);
            rig.Reboot(60, 0, true);
            rig.Run(1, 0);
            Assert.AreEqual(1, rig.Ring.Count);
            Record r = rig.At(0);
            Assert.AreEqual(100u, r.Wh);
            Assert.AreEqual(T(10, 0, 0), r.Start);
            Assert.AreEqual(T(10, 1, 40), r.End);
            Assert.AreEqual(65UL, rig.Agent.State.UnseenSeconds);
            Assert.AreEqual((ulong)(20 + 22080 * 65 / 3600), rig.Agent.State.UnaccountedWhBound);
        }

        [TestMethod]
        public void Pulses_counted_after_a_boot_before_the_counter_could_be_read_are_kept_in_a_period_from_the_boot()
        {
            AgentRig rig = PulseBootReadFirstAt(T(10, 21, 0), T(10, 30, 0));

            // The counter counted from the boot at 10:11:00 while it could not be read: the 1140 Wh it counted by
            // 10:30 flowed in [10:11, 10:30), exactly, so that record holds them all, unflagged.
            Assert.AreEqual(2, rig.Ring.Count);
            Record kept = rig.At(1);
            Assert.AreEqual(T(10, 11, 0), kept.Start);
            Assert.AreEqual(T(10, 30, 0), kept.End);
            Assert.AreEqual(1140u, kept.Wh);
            Assert.AreEqual((int)RecordFlags.None, (int)kept.Flags);
            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
        }

        [TestMethod]
        public void Pulses_counted_for_longer_than_a_period_before_the_counter_could_be_read_stay_in_one_period_until_the_reading()
        {
            AgentRig rig = PulseBootReadFirstAt(T(10, 51, 0), T(11, 0, 0));

            // Seed 180 s0, 90 days: the count the first reading showed 40 minutes after the boot went whole into the
            // boot's first 30 minutes, 10 minutes of it from after them. It flowed somewhere in [10:11, 10:51): that
            // period lasts until the reading and holds it exactly, unflagged; the next one is measured.
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Record unread = rig.At(1);
            // On the boot's own timeline: cut at the reading, before the clock was taken in.
            Assert.IsTrue(unread.DurationSeconds >= 2400 && unread.DurationSeconds <= 2401, "the unread period lasts " + unread.DurationSeconds + " s");
            // 40 minutes at 3.6 kW, and the watt-hour of the reading's own second.
            Assert.IsTrue(unread.Wh >= 2400 && unread.Wh <= 2401, "the unread period holds " + unread.Wh + " Wh");
            Assert.AreEqual(0, (int)(unread.Flags & RecordFlags.EstimatedOverDowntime), "the unread period is flagged estimated");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
            Assert.AreEqual(rig.Agent.State.MeteredWh, rig.Agent.State.RecordedWh + (ulong)rig.Agent.OpenIntervalWh);
        }

        /// <summary>
        /// A pulse board at 3.6 kW rebooted at 10:10 (a minute down) whose counter cannot be read until <paramref name="readable"/>
        /// and whose clock is known a minute after that; run to <paramref name="until"/>.
        /// </summary>
        private static AgentRig PulseBootReadFirstAt(long readable, long until)
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Meter.Failing = true;
            rig.Reboot(60, 0, false);
            rig.RunUntil(readable, 1);
            rig.Meter.Failing = false;
            rig.RunUntil(readable + 60, 1);
            rig.Clock.Trusted = true;
            rig.RunUntil(until, 1);
            return rig;
        }

        [TestMethod]
        public void A_clean_run_of_a_pulse_meter_loses_nothing()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), false, true);
            rig.RunUntil(T(12, 0, 0), 3);
            Assert.AreEqual(4, rig.Ring.Count);
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
            Assert.AreEqual(0UL, rig.Agent.State.UnseenSeconds);
        }

        [TestMethod]
        public void A_new_meter_baseline_bills_no_jump_and_flags_the_next_record()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Meter.TotalWh = 5;
            rig.Meter.NextEvent = MeterEvent.NewBaseline;
            rig.RunUntil(T(10, 30, 0), 1);
            Assert.AreEqual(1, rig.Ring.Count);
            Assert.AreEqual(1799u, rig.At(0).Wh);
            Assert.AreEqual((int)RecordFlags.MeterReplaced, (int)rig.At(0).Flags);
            rig.RunUntil(T(11, 0, 0), 1);
            Assert.AreEqual((int)RecordFlags.None, (int)rig.At(1).Flags);
        }

        [TestMethod]
        public void A_requested_reboot_saves_first_and_the_next_boot_knows_why()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Run(10, 1);
            rig.Agent.RequestReboot();
            Assert.IsFalse(rig.Agent.RebootRequested);
            rig.Run(1, 1);
            Assert.IsTrue(rig.Agent.RebootRequested);
            rig.Reboot(5, 0, true);
            Assert.AreEqual(RebootReason.Requested, rig.Agent.PreviousRebootReason);
            Assert.AreEqual((ushort)2, rig.Agent.Boot);
        }

        [TestMethod]
        public void A_full_ring_keeps_the_energy_in_the_open_interval_until_there_is_room()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Ring.Limit = 1;
            rig.RunUntil(T(11, 0, 0), 1);
            Assert.AreEqual(1, rig.Ring.Count);
            Assert.IsTrue(rig.Agent.Status.RingFull);
            Assert.AreEqual(1800L, rig.Agent.OpenIntervalWh);
            rig.Ring.Limit = 0;
            rig.Run(1, 1);
            Assert.IsFalse(rig.Agent.Status.RingFull);
            Assert.AreEqual(3601L, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void Boots_without_a_clock_continue_one_timeline_whose_epoch_is_marked_estimated()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Run(100, 1);
            rig.Start(null);
            rig.Run(100, 1);
            rig.Reboot(30, 30, false);
            rig.Run(100, 1);
            rig.Stop();
            rig.Clock.Trusted = true;
            rig.Run(1, 1);
            long epoch;
            bool estimated;
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(1, out epoch, out estimated));
            Assert.IsTrue(estimated);
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                Assert.AreEqual((ushort)1, rig.At(i).Boot);
                if (i > 0) Assert.IsTrue(rig.At(i).Start >= rig.At(i - 1).End);
            }

            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh);
        }

        [TestMethod]
        public void A_full_ring_and_a_reboot_before_the_clock_is_known_lose_no_open_energy()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Run(rig.Options.UnsyncedPeriodSeconds + 600, 1);
            Assert.IsTrue(rig.Ring.Count >= 1);
            rig.Ring.Limit = rig.Ring.Count;
            rig.Reboot(900, 900, false);
            rig.Run(60, 1);
            rig.Ring.Limit = 0;
            rig.Run(2 * rig.Options.UnsyncedPeriodSeconds, 1);
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
