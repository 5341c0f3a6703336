using System;
using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Simulation.Whole;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Simulate
{
    /// <summary>
    /// The whole agent, one kind of fault at a time and with both meter kinds, on simulated time
    /// through the in-process endpoint: the invariants of the record contract hold at the end.
    /// </summary>
    [TestClass]
    public sealed class WholeAgentSimulationTests
    {
        private const int Seed = 11;
        private const int Days = 2;

        public static IEnumerable<object[]> FaultKinds =>
            Enum.GetValues<FaultKind>().SelectMany(kind => new[] { new object[] { kind, false }, new object[] { kind, true } });

        [TestMethod]
        [DynamicData(nameof(FaultKinds))]
        public void One_kind_of_fault_loses_nothing_and_bills_nothing_twice(FaultKind kind, bool pulseMeter)
        {
            SimulationReport report = new WholeAgentSimulation(new SimulationSettings(Days, FaultLevel.Harsh, Seed, pulseMeter, kind)).Run();
            AssertInvariants(report, pulseMeter);
        }

        [TestMethod]
        public void A_clean_run_loses_nothing_with_either_meter()
        {
            foreach (bool pulseMeter in new[] { false, true })
            {
                SimulationReport report = new WholeAgentSimulation(new SimulationSettings(Days, FaultLevel.None, Seed, pulseMeter)).Run();
                AssertInvariants(report, pulseMeter);
                Assert.AreEqual(report.MeteredWh, report.RecordedWh, "a clean run must record every watt-hour:\n" + report.ToText());
                Assert.AreEqual(0L, report.Duplicates, report.ToText());
            }
        }

        [TestMethod]
        public void Every_fault_together_keeps_the_invariants()
        {
            foreach (bool pulseMeter in new[] { false, true })
            {
                SimulationReport report = new WholeAgentSimulation(new SimulationSettings(3, FaultLevel.Harsh, Seed, pulseMeter)).Run();
                AssertInvariants(report, pulseMeter);
                Assert.IsTrue(report.PowerCuts + report.Reboots > 0, "the harsh plan injected no reboot:\n" + report.ToText());
            }
        }

        [TestMethod]
        public void The_same_seed_gives_the_same_report_byte_for_byte()
        {
            string first = new WholeAgentSimulation(new SimulationSettings(Days, FaultLevel.Harsh, 5, false)).Run().ToJson();
            string second = new WholeAgentSimulation(new SimulationSettings(Days, FaultLevel.Harsh, 5, false)).Run().ToJson();
            Assert.AreEqual(first, second);
            StringAssert.Contains(first, "\"metered_wh\":");
            StringAssert.Contains(first, "\"unaccounted_wh\":");
            StringAssert.Contains(first, "\"downtime_s\":");
        }

        private static void AssertInvariants(SimulationReport report, bool pulseMeter)
        {
            string text = report.ToText();
            Assert.AreEqual(0, report.Violations.Count, text);
            Assert.IsTrue(report.MeteredWh > 0, "nothing was metered:\n" + text);
            Assert.AreEqual(report.RecordedWh, report.DeliveredWh, text);
            Assert.AreEqual(report.MeteredWh, report.RecordedWh + report.UnaccountedWh, text);
            if (pulseMeter)
            {
                Assert.IsTrue(report.UnaccountedWh >= 0 && report.UnaccountedWh <= report.UnaccountedBoundWh, text);
            }
            else
            {
                // A register meter leaves unaccounted only what flowed while a replaced meter was not yet read.
                Assert.IsTrue(report.UnaccountedWh <= report.UnaccountedBoundWh, "a register meter leaves nothing else unaccounted:\n" + text);
            }
        }
    }
}
