using System;
using System.IO;
using ChargerAgent.Core.Storage;
using ChargerAgent.Endpoint;
using ChargerAgent.Simulation.Flash;
using ChargerAgent.Simulation.Report;
using ChargerAgent.Simulation.Whole;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Simulate
{
    /// <summary>
    /// The simulator's checks against what really happened can fail: a record stamped away from its
    /// energy, a flag with no cause, a session that is not the driver's, a file over its budget, a
    /// full or unreadable flash.
    /// </summary>
    [TestClass]
    public sealed class RecordChecksTests
    {
        private const long Start = WholeAgentSimulation.StartUnixSeconds;

        /// <summary>Two hours: an hour of standby, then an hour at 3.6 kW (1 Wh a second).</summary>
        private static TrueHistory Truth()
        {
            var truth = new TrueHistory();
            long wh = 0;
            for (int s = 0; s < 7200; s++)
            {
                if (s >= 3600) wh++;
                truth.Add(wh);
            }

            return truth;
        }

        private static StoredRecord Record(long from, long to, long wh, string session = null, decimal confidence = 1, uint seq = 1) => new()
        {
            RecordReferenceId = "sim-charger-1-0-r" + seq,
            SessionReferenceId = session,
            Start = DateTimeOffset.FromUnixTimeSeconds(Start + from),
            End = DateTimeOffset.FromUnixTimeSeconds(Start + to),
            StartText = from.ToString(),
            EndText = to.ToString(),
            EnergyWh = wh,
            Confidence = confidence,
        };

        private static SimulationReport Check(TrueHistory truth, params StoredRecord[] records) =>
            Check(truth, new[] { new DriverSession(3600, 7200, 3600) }, false, records);

        private static SimulationReport Check(TrueHistory truth, DriverSession[] sessions, bool knownDefectsCounted, params StoredRecord[] records)
        {
            var report = new SimulationReport();
            new RecordChecks(truth, Start, registerMeter: true, knownDefectsCounted).Check(records, sessions, report);
            return report;
        }

        [TestMethod]
        public void Records_stamped_when_their_energy_flowed_pass()
        {
            SimulationReport report = Check(Truth(), Record(0, 3600, 0), Record(3600, 5400, 1800, "s1", seq: 2), Record(5400, 7200, 1800, "s1", seq: 3));
            Assert.AreEqual(0, report.Violations.Count, string.Join("\n", report.Violations));
            Assert.AreEqual(0L, report.LargestStampingErrorS);
        }

        [TestMethod]
        public void Energy_stamped_half_an_hour_early_fails()
        {
            SimulationReport report = Check(Truth(), Record(1800, 3600, 1800, "s1"));
            StringAssert.Contains(string.Join("\n", report.Violations), "its energy flowed up to 1798 s from its period");
        }

        [TestMethod]
        public void A_record_holding_less_than_a_register_meter_saw_fails()
        {
            SimulationReport report = Check(Truth(), Record(3600, 5400, 900, "s1"));
            StringAssert.Contains(string.Join("\n", report.Violations), "from its period");
        }

        [TestMethod]
        public void An_estimated_flag_with_no_cause_fails_and_one_over_a_downtime_is_counted_by_cause()
        {
            TrueHistory truth = Truth();
            SimulationReport report = Check(truth, Record(3600, 5400, 1800, "s1", confidence: 0.5m));
            StringAssert.Contains(string.Join("\n", report.Violations), "no cause the simulator can check");

            truth.Downtimes.Add(new Span(4000, 4500));
            report = Check(truth, Record(3600, 5400, 1800, "s1", confidence: 0.5m));
            Assert.AreEqual(0, report.Violations.Count, string.Join("\n", report.Violations));
            Assert.AreEqual(1800L, report.EstimatedWhByCause[RecordChecks.CauseDowntime]);
        }

        [TestMethod]
        public void Charging_energy_without_a_session_and_a_session_split_in_two_fail()
        {
            SimulationReport report = Check(Truth(), Record(3600, 5400, 1800));
            StringAssert.Contains(string.Join("\n", report.Violations), "has no session while the car");

            report = Check(Truth(), Record(3600, 5400, 1800, "s1"), Record(5400, 7200, 1800, "s2", seq: 2));
            StringAssert.Contains(string.Join("\n", report.Violations), "is split into 2 sessions");
        }

        [TestMethod]
        public void The_empty_end_marker_of_the_last_session_as_the_next_car_is_learnt_does_not_split_its_session()
        {
            // At boot the agent learns a stop and a start in one tick: the old session's end marker, 0 Wh, takes the first second of the new car's time.
            SimulationReport report = Check(Truth(), Record(3600, 3601, 0, "s0"), Record(3601, 5400, 1799, "s1", seq: 2), Record(5400, 7200, 1800, "s1", seq: 3));
            Assert.AreEqual(0, report.Violations.Count, string.Join("\n", report.Violations));

            report = Check(Truth(), Record(3600, 3660, 60, "s0"), Record(3660, 5400, 1740, "s1", seq: 2), Record(5400, 7200, 1800, "s1", seq: 3));
            StringAssert.Contains(string.Join("\n", report.Violations), "is split into 2 sessions");
        }

        [TestMethod]
        public void A_merge_over_a_stop_in_a_refused_write_fails_and_one_over_edges_a_cut_lost_while_the_flash_could_save_nothing_is_counted()
        {
            DriverSession[] sessions = { new DriverSession(3600, 5000, 3600), new DriverSession(5400, 7200, 3600) };
            StoredRecord[] records = { Record(3600, 5000, 1400, "s1"), Record(5000, 5400, 400, "s1", seq: 2), Record(5400, 7200, 1800, "s1", seq: 3) };
            TrueHistory truth = Truth();
            truth.Refusals.Add(new Span(4900, 5500));
            SimulationReport report = Check(truth, sessions, true, records);
            StringAssert.Contains(string.Join("\n", report.Violations), "merges 2 driver sessions (0, 1)");

            truth.Unsaved.Add(new Span(4900, 5430));
            report = Check(truth, sessions, false, records);
            Assert.AreEqual(0, report.Violations.Count, string.Join("\n", report.Violations));
            Assert.AreEqual(1, report.SessionsMergedInDowntime);
        }

        [TestMethod]
        public void A_file_over_its_budget_and_a_file_with_none_fail()
        {
            var budgets = new FileBudgets(new RingOptions(), 64);
            budgets.Changed("cpa.bin", 0, 171);
            budgets.Changed("stray.bin", 0, 10);
            var report = new SimulationReport();
            budgets.Report(report);
            string text = string.Join("\n", report.Violations);
            StringAssert.Contains(text, "cpa.bin reached 171 bytes, above its budget of 170");
            StringAssert.Contains(text, "stray.bin has no byte budget");
        }

        [TestMethod]
        public void A_full_flash_refuses_a_write_and_changes_nothing_and_a_failing_read_throws()
        {
            var flash = new FakeFlash();
            flash.Append("a.bin", new byte[100], 0, 100);
            flash.CapacityBytes = 120;
            Assert.ThrowsExactly<IOException>(() => flash.Append("a.bin", new byte[30], 0, 30));
            Assert.AreEqual(100L, flash.Length("a.bin"));
            flash.Append("a.bin", new byte[20], 0, 20);
            Assert.AreEqual(1L, flash.FullRefusals);

            flash.ReadsFail = true;
            Assert.ThrowsExactly<IOException>(() => flash.Read("a.bin", 0, new byte[10], 0, 10));
            flash.ReadsFail = false;
            Assert.AreEqual(10, flash.Read("a.bin", 0, new byte[10], 0, 10));
        }
    }
}
