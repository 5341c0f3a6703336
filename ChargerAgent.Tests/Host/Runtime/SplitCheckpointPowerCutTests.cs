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
using ChargerAgent.Tests.Fakes;
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
        private const long T0 = 1709157600;
        private const long Stretch = 2 * 1800 - 20;
        private const long SessionStart = T0 + 2 * 1800 + 60;
        private const long SessionStop = T0 + 2 * 1800 + 240;

        private sealed class Seeded : IRandomSource
        {
            public uint NextUInt32() => 0x5eed;
        }

        private sealed class World
        {
            public readonly FakeFlash Flash = new(11);
            public readonly SimulatedClock Clock = new(T0);
            public readonly FakeMeter Meter = new(true) { TotalWh = 5000 };
            public readonly FlatpeakEndpoint Endpoint;
            public AgentRuntime Runtime;
            public readonly List<string> Boots = new();

            public World()
            {
                Endpoint = new FlatpeakEndpoint(new EndpointOptions { UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(Clock.TrueMs) });
                Clock.Sync();
            }

            public void Boot()
            {
                Flash.PowerOn();
                Clock.Reboot();
                Clock.Sync();
                var transport = new InMemoryTransport(Endpoint, new InMemoryTransportOptions { NowMilliseconds = () => Clock.TrueMs, LatencyMilliseconds = 200 });
                Runtime = new AgentRuntime(new AgentOptions { DeviceId = "split-cut", SessionSources = ChargerAgent.Core.Sessions.SessionSources.Console }, Credentials.LocalEndpoint("https://api.local.test", "split-cut"),
                    new RingOptions(), Clock, Meter, Flash, transport, new Seeded());
                Runtime.SetNetworkUp(true);
                Boots.Add($"ring next {Runtime.Ring.NextSeq}, agent next {Runtime.Agent.State.NextSeq}, sent up to {Runtime.Watermarks.SentUpTo}, attempted up to {Runtime.Watermarks.AttemptedUpTo}");
            }

            /// <summary>Runs <paramref name="seconds"/> at 2 Wh a second; true when the power was cut on the way (the board is then booted again).</summary>
            public bool Run(long seconds)
            {
                for (long i = 0; i < seconds; i++)
                {
                    Clock.Advance(1000);
                    Meter.TotalWh += 2;
                    long now = Clock.TrueMs / 1000;
                    try
                    {
                        // A session in the stretch: its start and stop cut records and save the checkpoint too.
                        if (now == SessionStart) Runtime.Control.StartSession(null, out string _);
                        if (now == SessionStop) Runtime.Control.StopSession(out string _);
                        Runtime.Tick();
                        // The ring answers a failed write with a refusal; a cut board stops all the same.
                        if (Flash.IsCut) throw new PowerCutException("in a write the ring refused");
                    }
                    catch (PowerCutException)
                    {
                        Clock.Advance(30_000);
                        Meter.TotalWh += 30;
                        Boot();
                        return true;
                    }
                }

                return false;
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
                long armed = world.Flash.Counters.Operations;
                world.Flash.CutAfterOperations = armed + k;
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
                for (int i = 0; i < 600 && (runtime.Agent.Status.Backlog > 0 || runtime.Uploader.Busy); i++)
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
                Assert.AreEqual(0, runtime.Agent.Status.Backlog, label + ": records left unsent");
                Assert.AreEqual(0, ledger.ConflictingDuplicates, label + ": a reference id went out with two different records (a Seq reused)");
                Assert.AreEqual((long)runtime.Agent.State.RecordedWh, ledger.TotalWh, label + ": the ledger does not hold what was recorded, once each");
                Assert.IsTrue(ledger.Duplicates <= 1, $"{label}: {ledger.Duplicates} records went twice; only the one whose answer the cut came before SentUpTo was saved may");
                Assert.AreEqual(0u, runtime.Agent.State.Violations, label);
            }

            Assert.IsTrue(cuts >= 20, "too few writes in the stretch to cut: " + cuts);
            System.Console.WriteLine($"cut points tried: {cuts}");
        }
    }
}
