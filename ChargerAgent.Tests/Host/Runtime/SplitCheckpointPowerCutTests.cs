using System;
using System.Collections.Generic;
using ChargerAgent.Core;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Host.Run;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Flash;

using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Runtime
{
    /// <summary>
    /// The agent saves its checkpoint and the delivery its watermarks, each on its own, into one
    /// two-slot file. A power cut at every flash write of a stretch with records cut, sent and
    /// acknowledged must reuse no Seq and bill no record twice or not at all.
    /// </summary>
    [TestClass]
    public sealed class SplitCheckpointPowerCutTests
    {
        private const long T0 = PowerCutRig.T0;
        private const long Stretch = 2 * 1800 - 20;
        private const long SessionStart = T0 + 2 * 1800 + 60;
        private const long SessionStop = T0 + 2 * 1800 + 240;

        /// <summary>The rig with the delivery to the local endpoint, a session in the stretch (its start and stop cut records and save the checkpoint too), 2 Wh a second.</summary>
        private sealed class World
        {
            public readonly PowerCutRig Rig;
            public readonly FlatpeakEndpoint Endpoint;
            public readonly List<string> Boots = new();

            public World()
            {
                Rig = new PowerCutRig(11, Build) { WhPerSecond = 2, BeforeTick = StartOrStopSession };
                Endpoint = new FlatpeakEndpoint(new EndpointOptions { UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(Clock.TrueMs) });
                Clock.Sync();
            }

            public FakeFlash Flash => Rig.Flash;

            public SimulatedClock Clock => Rig.Clock;

            public AgentRuntime Runtime => Rig.Runtime;

            public void Boot() => Rig.Boot();

            /// <summary>Runs <paramref name="seconds"/>, <paramref name="stepSeconds"/> a tick; true when the power was cut on the way (the board is then booted again 30 s later).</summary>
            public bool Run(long seconds, int stepSeconds = 1) => Rig.Run(seconds, 30, stepSeconds);

            private AgentRuntime Build(PowerCutRig rig)
            {
                Clock.Sync();
                var transport = new InMemoryTransport(Endpoint, new InMemoryTransportOptions { NowMilliseconds = () => Clock.TrueMs, LatencyMilliseconds = 200 });
                var runtime = new AgentRuntime(new AgentOptions { DeviceId = "split-cut", SessionSources = ChargerAgent.Core.Sessions.SessionSources.Console }, Credentials.LocalEndpoint("https://api.local.test", "split-cut"),
                    new RingOptions(), Clock, rig.Meter, Flash, transport, new PowerCutRig.Constant(0x5eed));
                runtime.SetNetworkUp(true);
                Boots.Add($"ring next {runtime.Ring.NextSeq}, agent next {runtime.Agent.State.NextSeq}, sent up to {runtime.Watermarks.SentUpTo}, attempted up to {runtime.Watermarks.AttemptedUpTo}");
                return runtime;
            }

            private void StartOrStopSession(long now)
            {
                if (now == SessionStart) Runtime.Control.StartSession(null, out string _);
                if (now == SessionStop) Runtime.Control.StopSession(out string _);
            }
        }

        [TestMethod]
        public void A_cut_at_every_write_of_the_agent_and_the_delivery_reuses_no_Seq_and_bills_every_record_once()
        {
            int cuts = 0;
            for (int k = 0; ; k++)
            {
                var world = new World();
                world.Boot();
                world.Run(Stretch);
                world.Rig.Board.CutAt(k + 1);
                bool cut = world.Run(400);
                if (!cut) break;
                cuts++;
                if (Environment.GetEnvironmentVariable("SPLIT_CUT_TRACE") != null) System.Console.WriteLine($"k={k}: {string.Join(" / ", world.Boots)}");

                // Recovery: the next Seq is above the ring's, the agent's and the watermarks'.
                AgentRuntime runtime = world.Runtime;
                string label = $"cut at write {k} after the stretch began ({string.Join("; then ", world.Boots)})";
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Watermarks.SentUpTo + 1, label + ": the ring's next Seq is at or below SentUpTo");
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Watermarks.AttemptedUpTo + 1, label + ": the ring's next Seq is at or below AttemptedUpTo");
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Agent.State.NextSeq, label + ": the ring's next Seq is below the agent's");

                world.Run(3 * 1800);
                Assert.IsFalse(world.Flash.IsCut);
                for (int i = 0; i < 600 && (runtime.Status.Delivery.Backlog > 0 || runtime.Uploader.Busy); i++)
                {
                    world.Clock.Advance(1000);
                    runtime.Tick();
                }

                var records = new Record[4096];
                int n = runtime.Ring.Read(1, records, 0, records.Length);
                uint previous = 0;
                for (int i = 0; i < n; i++)
                {
                    Assert.IsTrue(records[i].Seq > previous, $"{label}: Seq {records[i].Seq} after {previous}");
                    previous = records[i].LastSeq;
                }

                EndpointLedger ledger = world.Endpoint.Ledger;
                Assert.AreEqual(0, runtime.Status.Delivery.Backlog, label + ": records left unsent");
                Assert.AreEqual(0, ledger.ConflictingDuplicates, label + ": a reference id went out with two different records (a Seq reused)");
                Assert.AreEqual((long)runtime.Agent.State.RecordedWh, ledger.TotalWh, label + ": the ledger does not hold what was recorded, once each");
                Assert.IsTrue(ledger.Duplicates <= 1, $"{label}: {ledger.Duplicates} records went twice; only the one whose answer the cut came before SentUpTo was saved may");
                Assert.AreEqual(0u, runtime.Agent.State.Violations, label);
            }

            Assert.IsTrue(cuts >= 20, "too few writes in the stretch to cut: " + cuts);
            System.Console.WriteLine($"cut points tried: {cuts}");
        }

        /// <summary>
        /// A drain of a backlog saves <c>SentUpTo</c> lazily: each acknowledgement is the record's
        /// cost entry, and a restart derives <c>SentUpTo</c> from those entries. Cut at every write
        /// of the drain, at most the one record in flight goes twice, and none is lost or reused.
        /// </summary>
        [TestMethod]
        public void A_cut_at_every_write_of_a_drain_sends_at_most_the_record_in_flight_again()
        {
            const int BacklogRecords = 12;
            int cuts = 0;
            int derived = 0;
            for (int k = 0; ; k++)
            {
                var world = new World();
                world.Boot();
                world.Runtime.SetNetworkUp(false);
                world.Run(BacklogRecords * 1800L, stepSeconds: 10);
                Assert.IsTrue(world.Runtime.Status.Delivery.Backlog >= BacklogRecords - 1, "no backlog built: " + world.Runtime.Status.Delivery.Backlog);
                uint sentBefore = world.Runtime.Watermarks.SentUpTo;
                world.Runtime.SetNetworkUp(true);
                world.Flash.CutAfterOperations = world.Flash.Counters.Operations + k;
                bool cut = world.Run(300);
                if (!cut) break;
                cuts++;

                AgentRuntime runtime = world.Runtime;
                string label = $"cut at write {k} of the drain ({string.Join("; then ", world.Boots)})";
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Watermarks.SentUpTo + 1, label + ": the ring's next Seq is at or below SentUpTo");
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Watermarks.AttemptedUpTo + 1, label + ": the ring's next Seq is at or below AttemptedUpTo");
                Assert.IsTrue(runtime.Ring.NextSeq >= runtime.Agent.State.NextSeq, label + ": the ring's next Seq is below the agent's");

                world.Run(1800);
                Assert.IsFalse(world.Flash.IsCut);
                for (int i = 0; i < 600 && (runtime.Status.Delivery.Backlog > 0 || runtime.Uploader.Busy); i++)
                {
                    world.Clock.Advance(1000);
                    runtime.Tick();
                }

                derived += runtime.Uploader.Counters.AcknowledgedBeforeRestart;
                EndpointLedger ledger = world.Endpoint.Ledger;
                Assert.AreEqual(0, runtime.Status.Delivery.Backlog, label + ": records left unsent");
                Assert.AreEqual(0, ledger.ConflictingDuplicates, label + ": a reference id went out with two different records (a Seq reused)");
                Assert.AreEqual((long)runtime.Agent.State.RecordedWh, ledger.TotalWh, label + ": the ledger does not hold what was recorded, once each");
                Assert.IsTrue(ledger.Duplicates <= 1, $"{label}: {ledger.Duplicates} records went twice; only the one in flight at the cut may");
                Assert.AreEqual(0u, runtime.Agent.State.Violations, label);
                Assert.IsTrue(sentBefore < runtime.Watermarks.SentUpTo, label);
            }

            Assert.IsTrue(cuts >= 20, "too few writes in the drain to cut: " + cuts);
            Assert.IsTrue(derived > 0, "no restart found a record acknowledged above the saved SentUpTo: the lazy save is not exercised");
            System.Console.WriteLine($"drain cut points tried: {cuts}, records found acknowledged after a restart: {derived}");
        }
    }
}
