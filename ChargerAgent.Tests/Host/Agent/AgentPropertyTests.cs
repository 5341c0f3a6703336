using ChargerAgent.Simulation.Flash;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ChargerAgent.Core.Records;
using ChargerAgent.Simulation.Whole;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Agent
{
    /// <summary>
    /// Randomised properties of the agent loop in the simulated world: days of sessions with clean
    /// reboots, power cuts between any two writes and clock jumps. Fixed seeds, printed on failure.
    /// </summary>
    [TestClass]
    public class AgentPropertyTests
    {
        private const long Days = 3 * 86400;

        [TestMethod]
        public void A_clean_run_with_a_register_meter_records_every_watt_hour()
        {
            for (int seed = 1; seed <= 10; seed++) RunAndCheck(seed, register: true, faults: false);
        }

        [TestMethod]
        public void A_clean_run_with_a_pulse_meter_records_every_watt_hour()
        {
            for (int seed = 1; seed <= 10; seed++) RunAndCheck(seed, register: false, faults: false);
        }

        [TestMethod]
        public void Register_meter_loses_nothing_through_cuts_reboots_and_clock_jumps()
        {
            for (int seed = 100; seed < 200; seed++) RunAndCheck(seed, register: true, faults: true);
        }

        [TestMethod]
        public void Pulse_meter_loses_no_more_than_its_bound_through_cuts_reboots_and_clock_jumps()
        {
            for (int seed = 200; seed < 300; seed++) RunAndCheck(seed, register: false, faults: true);
        }

        [TestMethod]
        public void Sessions_from_the_power_detector_keep_the_invariants_through_faults()
        {
            for (int seed = 300; seed < 340; seed++)
            {
                var options = new ChargerAgent.Core.AgentOptions
                {
                    DeviceId = "sim-detector",
                    SessionSources = ChargerAgent.Core.Sessions.SessionSources.PowerDetector | ChargerAgent.Core.Sessions.SessionSources.Console,
                    DetectorStartAfterSeconds = 20,
                    DetectorStopAfterSeconds = 120,
                };
                RunAndCheck(seed, seed % 2 == 0, faults: true, options);
            }
        }

        private static void RunAndCheck(int seed, bool register, bool faults, ChargerAgent.Core.AgentOptions options = null)
        {
            var world = new AgentWorld(seed, register, options);
            try
            {
                world.Run(Days, faults);
                world.Settle();
                Check(world, register, faults);
                // The faults must really cut the flash, or the run proves nothing about cuts.
                if (faults) Assert.IsTrue(world.PowerCuts > 0, "no power cut happened");
            }
            catch (Exception e) when (e is not PowerCutException)
            {
                var text = new StringBuilder();
                text.AppendLine("seed " + seed + (register ? " register" : " pulse") + (faults ? " with faults" : " clean") + ": " + e.Message);
                text.AppendLine("cuts " + world.PowerCuts + ", clean reboots " + world.CleanReboots + ", jumps " + world.ClockJumps + ", downtime " + world.DowntimeSeconds + " s, blind " + world.BlindSeconds + " s");
                foreach (string line in world.Log.TakeLast(15)) text.AppendLine("  " + line);
                throw new AssertFailedException(text.ToString(), e);
            }
        }

        private static void Check(AgentWorld world, bool register, bool faults)
        {
            var agent = world.Agent;
            var records = world.Records();
            long recorded = records.Sum(r => (long)r.Wh);
            long open = agent.OpenIntervalWh;
            long pending = agent.State.DowntimePending ? agent.State.DowntimeWh : 0;
            Assert.IsFalse(agent.State.DowntimePending, "downtime still pending after the clock synced");

            // Accounting: metered = recorded + unaccounted.
            long metered = register ? world.Meter.TrueWh - world.InitialTrueWh : world.Meter.TrueWh - world.InitialTrueWh;
            long unaccounted = metered - recorded - open - pending;
            if (register)
            {
                Assert.AreEqual(0L, unaccounted, "register meter: unaccounted energy");
            }
            else
            {
                int boots = world.PowerCuts + world.CleanReboots;
                // One checkpoint step and one part-pulse per boot, plus maximum power over the time unseen.
                long bound = (long)boots * (20 + 1)
                    + (long)Math.Ceiling(22080.0 * (world.DowntimeSeconds + world.BlindSeconds) / 3600.0);
                Assert.IsTrue(unaccounted >= 0, "pulse meter recorded more than metered: " + unaccounted);
                Assert.IsTrue(unaccounted <= bound, "pulse meter lost " + unaccounted + " Wh, bound " + bound);
                if (!faults) Assert.AreEqual(0L, unaccounted, "clean pulse run lost energy");
            }

            Assert.AreEqual(0u, agent.State.Violations, "accounting violations counted by the agent");

            // Every record well formed, Seq unique and increasing (reference ids unique).
            var seqs = new HashSet<uint>();
            var ids = new HashSet<string>();
            foreach (Record r in records)
            {
                Assert.IsTrue(r.IsWellFormed, "malformed record Seq " + r.Seq);
                Assert.IsTrue(seqs.Add(r.Seq), "Seq " + r.Seq + " twice");
                Assert.IsTrue(ids.Add(ReferenceIds.RecordId("sim", world.Ring.Generation, r.Seq)), "id twice");
            }

            // Periods never overlap (UTC, and boot-relative ones made UTC through their epoch).
            var resolved = world.ResolvedRecords();
            var utc = resolved.Where(x => x.Resolved).OrderBy(x => x.Start).ThenBy(x => x.End).ToList();
            for (int i = 1; i < utc.Count; i++)
            {
                Assert.IsTrue(utc[i].Start >= utc[i - 1].End,
                    "overlap: Seq " + utc[i - 1].Record.Seq + " [" + utc[i - 1].Start + "," + utc[i - 1].End + ") and Seq "
                    + utc[i].Record.Seq + " [" + utc[i].Start + "," + utc[i].End + ")");
            }

            // UTC records are on the half-hour grid unless cut by a session edge, a sync or a downtime;
            // an estimated one may span the grid: energy held open while the flash refused it, or a
            // clock step's timeline placed at the next boot by the time before the step.
            foreach (var x in utc.Where(x => !x.Record.IsBootRelative && (x.Record.Flags & RecordFlags.EstimatedOverDowntime) == 0))
            {
                Assert.IsTrue(Core.Time.HalfHour.Floor(x.Start) == Core.Time.HalfHour.Floor(x.End - 1),
                    "record Seq " + x.Record.Seq + " spans a half-hour boundary" + $" [{x.Start},{x.End}), flags {x.Record.Flags}");
            }

            // A record never spans two sessions, and a session's records end with SessionEnd once.
            var ends = records.Where(r => (r.Flags & RecordFlags.SessionEnd) != 0).GroupBy(r => r.Session);
            foreach (var g in ends) Assert.AreEqual(1, g.Count(), "session " + g.Key + " ended twice");
            foreach (Record r in records.Where(r => (r.Flags & RecordFlags.SessionEnd) != 0))
            {
                Assert.IsFalse(r.Session == 0, "session 0 cannot end");
            }
        }
    }
}
