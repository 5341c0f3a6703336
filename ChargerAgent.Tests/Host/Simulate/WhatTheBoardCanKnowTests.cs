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
    /// flash was full and lost to a cut, a cut tearing the tick that took in the clock's first sync.
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

        private static SimulationReport Run(int seed, bool pulseMeter) =>
            new WholeAgentSimulation(new SimulationSettings(30, FaultLevel.Harsh, seed, pulseMeter)).Run();
    }
}
