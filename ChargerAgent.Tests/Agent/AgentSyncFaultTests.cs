using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentSyncFaultTests
    {
        private static long UtcStart(Record r, long epoch)
        {
            return r.IsBootRelative ? r.Start + epoch : r.Start;
        }

        private static long UtcEnd(Record r, long epoch)
        {
            return r.IsBootRelative ? r.End + epoch : r.End;
        }

        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_clock_sync_that_a_full_flash_interrupts_is_finished_later_with_the_same_epoch_and_no_overlap()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            // Down for three hours (the meter counts 3 Wh a second meanwhile); the clock is not known at boot.
            rig.Reboot(3 * 3600, 3 * 3600 * 3, false);
            ushort timeline = rig.Agent.State.TimelineBoot;
            rig.Run(2400, 1);

            // The clock becomes known while the flash is full: the sync's cut and the downtime's first record
            // are appended, then the flash refuses.
            rig.Ring.FailAfterAppends = 2;
            rig.Clock.Trusted = true;
            bool threw = false;
            try
            {
                rig.Run(1, 1);
            }
            catch (IOException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
            Assert.IsTrue(rig.Agent.MayStillLearnEpoch(timeline), "an unfinished sync must not let the epoch be estimated");
            for (int i = 0; i < 5; i++)
            {
                try
                {
                    rig.Run(1, 1);
                }
                catch (IOException)
                {
                }
            }

            rig.Ring.FailAfterAppends = -1;
            rig.Run(3600, 1);

            Assert.IsFalse(rig.Agent.MayStillLearnEpoch(timeline));
            long epoch;
            bool estimated;
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(timeline, out epoch, out estimated), "the epoch is logged");
            Assert.IsFalse(rig.Agent.State.DowntimePending, "the downtime is spread");
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    Assert.IsTrue(UtcEnd(rig.At(j), epoch) <= UtcStart(rig.At(i), epoch) || UtcEnd(rig.At(i), epoch) <= UtcStart(rig.At(j), epoch),
                        "Seq " + rig.At(i).Seq + " overlaps Seq " + rig.At(j).Seq);
                }
            }

            Assert.AreEqual((ulong)(rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh), (ulong)(600 + 3 * 3600 * 3 + 2400 + 6 + 3600));
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        /// <summary>Runs <paramref name="seconds"/> seconds of ticks (1 Wh a second) that may throw, as a full flash makes them.</summary>
        private static void RunThroughFaults(AgentRig rig, long seconds)
        {
            for (long i = 0; i < seconds; i++)
            {
                try
                {
                    rig.Run(1, 1);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>Makes the ring's writes and the checkpoint's saves fail (a full flash), or work again.</summary>
        private static void FlashFull(AgentRig rig, bool full)
        {
            rig.Ring.WriteFails = full;
            rig.Store.SavesFail = full;
        }

        /// <summary>Checks the clock was taken in, no unflagged record holds energy of outside it, and no energy was lost.</summary>
        private static void AssertSyncedWithTheEnergyFlaggedAndNothingLost(AgentRig rig)
        {
            Assert.IsTrue(rig.Agent.Status.ClockTrusted);
            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Assert.AreEqual(rig.Meter.TotalWh - 1000, rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh, "energy lost");
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }

        [TestMethod]
        public void A_clock_sync_a_full_flash_holds_for_hours_stamps_the_energy_of_those_hours_flagged_not_into_one_half_hour()
        {
            // The clock becomes known while the flash is full: the sync cannot save, so every tick ends
            // there until the flash has room again, three hours later, past six half-hour boundaries.
            AgentRig rig = new AgentRig(T(10, 0, 0), true, false);
            rig.Run(600, 1);
            FlashFull(rig, true);
            rig.Clock.Trusted = true;
            RunThroughFaults(rig, 3 * 3600);
            FlashFull(rig, false);
            rig.Run(3600, 1);
            AssertSyncedWithTheEnergyFlaggedAndNothingLost(rig);
        }

        [TestMethod]
        public void A_clock_step_corrected_while_the_flash_is_full_stamps_the_energy_held_since_flagged_not_into_one_half_hour()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Clock.Utc -= 2 * 86400;
            rig.Run(840, 1);
            // The flash fills, then SNTP corrects the step in the half-hour the step's open period began
            // in: the sync that places the step's timeline cannot save.
            FlashFull(rig, true);
            rig.Run(60, 1);
            rig.Clock.Utc += 2 * 86400;
            RunThroughFaults(rig, 4 * 3600);
            FlashFull(rig, false);
            rig.Run(3600, 1);
            AssertSyncedWithTheEnergyFlaggedAndNothingLost(rig);
        }

        [TestMethod]
        public void A_pulse_boot_cut_while_its_clock_sync_cannot_finish_closes_its_open_period_flagged_where_its_energy_was_saved()
        {
            // The clock becomes known with a boot-relative record waiting for its epoch, but the epoch
            // log cannot be written: every tick ends in the sync after saving the checkpoint, never
            // reaching the period's cut, for two hours; then the board is cut.
            AgentRig rig = new AgentRig(T(10, 0, 0), false, false);
            rig.Run(1900, 1);
            rig.Files.Failing = true;
            rig.Clock.Trusted = true;
            RunThroughFaults(rig, 2 * 3600);
            rig.Files.Failing = false;
            rig.Reboot(60, 60, true);
            rig.Run(3600, 1);

            rig.AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt();
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
