using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;
using ChargerAgent.Simulation.Whole;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Simulate
{
    /// <summary>
    /// The harsh runs that found the simulator's world different from what a board can know: a meter
    /// failing across a reboot, a cut tearing the write of a session's stop, a stop learnt while the
    /// flash was full and lost to a cut, a cut tearing the tick that took in the clock's first sync, a
    /// meter replaced while it did not answer, a pulse counter that could not be read when the power went or
    /// when noise came.
    /// </summary>
    [TestClass]
    public sealed class WhatTheBoardCanKnowTests
    {
        [TestMethod]
        public void A_meter_that_keeps_failing_across_a_reboot_is_a_read_gap_until_it_answers()
        {
            SimulationReport report = Run(27, pulseMeter: false);
            Assert.IsFalse(report.Violations.Any(v => v.Contains("no cause the simulator can check")), report.ToText());
        }

        [TestMethod]
        public void A_cut_that_tore_the_write_of_a_stop_hides_the_stop_from_the_board()
        {
            SimulationReport report = Run(20, pulseMeter: false);
            Assert.IsFalse(report.Violations.Any(v => v.Contains("merges")), report.ToText());
            Assert.IsTrue(report.SessionsMergedInDowntime > 0, report.ToText());
        }

        [TestMethod]
        public void A_stop_learnt_on_a_full_flash_and_lost_to_a_cut_ends_its_session_at_the_next_boot_as_one_in_that_absence()
        {
            // Seed 27: the board boots on a full flash, learns that the car left and is cut two minutes
            // later with nothing saved; the next boot learns the stop again from the signal's level.
            foreach (bool pulseMeter in new[] { false, true })
            {
                SimulationReport report = new WholeAgentSimulation(new SimulationSettings(30, FaultLevel.Harsh, 27, pulseMeter, KnownDefectsCounted: false)).Run();
                Assert.IsFalse(report.Violations.Any(v => v.Contains("outside the driver's sessions")), report.ToText());
            }
        }

        [TestMethod]
        public void A_boot_whose_only_clock_sync_came_in_a_tick_a_cut_tore_never_learnt_the_time()
        {
            // Seed 158 (90 days): SNTP answers at 2024-03-13T16:17:19Z and the power goes in that very tick, so
            // nothing of it is kept; the next boot continues that boot's timeline and places it by an estimate.
            SimulationReport report = new WholeAgentSimulation(new SimulationSettings(90, FaultLevel.Harsh, 158, false, KnownDefectsCounted: false)).Run();
            Assert.IsFalse(report.Violations.Any(v => v.Contains("no cause the simulator can check")), report.ToText());
            Assert.IsTrue(report.EstimatedWhByCause.GetValueOrDefault(RecordChecks.CauseUnknownTime) > 0, report.ToText());
        }

        [TestMethod]
        public void A_meter_replaced_while_it_did_not_answer_takes_its_unread_energy_with_it()
        {
            // Seed 138 (90 days): the meter stops answering at day 33 and is swapped five minutes
            // later; what the old one counted after its last read (2,060 Wh) no board can ever read.
            SimulationReport report = new WholeAgentSimulation(new SimulationSettings(90, FaultLevel.Harsh, 138, false, KnownDefectsCounted: false)).Run();
            Assert.AreEqual(1, report.MeterReplacements, report.ToText());
            Assert.IsFalse(report.Violations.Any(v => v.StartsWith("unaccounted")), report.ToText());
            Assert.IsTrue(report.TrueUnseenWh >= 2000, report.ToText());
            Assert.IsTrue(report.UnaccountedWh <= report.UnaccountedBoundWh && report.UnaccountedBoundWh <= report.AgentUnaccountedBoundWh, report.ToText());
        }

        [TestMethod]
        public void A_pulse_counter_that_could_not_be_read_when_the_power_went_took_its_count_with_it()
        {
            // Seed 31 s0: the counter cannot be read from 2024-03-10T04:41Z for 21 minutes and the power goes before
            // it answers: the 3,831 Wh it counted meanwhile restart at 0 with it, energy no board could have seen.
            SimulationReport report = new WholeAgentSimulation(new SimulationSettings(30, FaultLevel.Harsh, 31, true, KnownDefectsCounted: false)).Run();
            Assert.IsFalse(report.Violations.Any(v => v.StartsWith("unaccounted")), report.ToText());
        }

        [TestMethod]
        public void Noise_on_a_pulse_counter_that_cannot_be_read_takes_all_it_counts_until_the_next_read()
        {
            // Seed 2 s0 (90 days): the counter cannot be read from 2024-03-11T20:27Z for an hour and a glitch comes
            // 49 minutes in; the next read shows the real pulses and 50,000 of noise in one rise, dropped whole as
            // noise: 5,950 Wh no board can tell from the noise, which the bound counted as 10 s.
            SimulationReport report = new WholeAgentSimulation(new SimulationSettings(90, FaultLevel.Harsh, 2, true, KnownDefectsCounted: false)).Run();
            Assert.IsFalse(report.Violations.Any(v => v.StartsWith("unaccounted")), report.ToText());
            Assert.IsTrue(report.UnaccountedBoundWh - report.UnaccountedWh < 10000, report.ToText());
        }

        private static SimulationReport Run(int seed, bool pulseMeter) =>
            new WholeAgentSimulation(new SimulationSettings(30, FaultLevel.Harsh, seed, pulseMeter)).Run();
    }
}
