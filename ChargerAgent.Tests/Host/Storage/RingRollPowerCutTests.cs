using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// A small ring whose spare segment a kept unreadable file takes, every record sent as soon as
    /// it is written: each append that finds no room starts a new segment and releases the old
    /// newest one (SPEC.md 4.4). Cut at every flash operation, torn at every length: the ring opens,
    /// reuses no committed Seq, stays within its budget and takes records again.
    /// </summary>
    [TestClass]
    public class RingRollPowerCutTests
    {
        private const int Seed = 20261201;
        private const int Records = 40;
        private const string KeptFile = "r00000001.sec";

        private static RingOptions Options() => new RingOptions
        {
            SegmentBytes = SegmentFormat.HeaderSize + 6 * RecordCodec.Size,
            TotalBytes = 3 * (SegmentFormat.HeaderSize + 6 * RecordCodec.Size),
            EdgeReserve = 2,
        };

        [TestMethod]
        public void Every_power_cut_while_a_ring_of_sent_records_rolls_its_newest_segment_reuses_no_seq_and_leaves_room()
        {
            var dry = new FakeFlash(Seed) { TearableBytesTrace = new List<int>() };
            uint dryLast = 0;
            Workload(dry, ref dryLast);
            int operations = dry.TearableBytesTrace.Count;
            int tried = 0;
            for (int op = 0; op < operations; op++)
            {
                int tearable = dry.TearableBytesTrace[op];
                for (int keep = 0; keep <= tearable; keep += tearable > 30 ? 7 : 1)
                {
                    tried++;
                    var flash = new FakeFlash(Seed) { CutAfterOperations = op, TearKeepBytes = keep };
                    uint committed = 0;
                    try
                    {
                        Workload(flash, ref committed);
                        Assert.Fail($"no cut at operation {op + 1}");
                    }
                    catch (PowerCutException)
                    {
                    }

                    flash.PowerOn();
                    string where = $"cut during operation {op + 1}, {keep} torn bytes kept";
                    RecordRing ring = RecordRing.Open(flash, Options(), new SystemRandomSource(Seed + 1));
                    ring.AdvanceNextSeq(committed + 1);
                    // A record whose append the cut interrupted may have reached the flash whole: it is sent too.
                    if (ring.NextSeq - 1 > committed) committed = ring.NextSeq - 1;
                    ring.Release(committed);
                    Assert.IsTrue(flash.List().Contains(KeptFile), where + ": the kept file was wiped");
                    for (int i = 0; i < 8; i++)
                    {
                        Record r = Make(100 + i);
                        AppendResult result = ring.Append(ref r, committed);
                        Assert.IsTrue(result == AppendResult.Appended, where + $": record {i} after the cut was {result}");
                        Assert.IsTrue(r.Seq > committed, where + $": Seq {r.Seq} reused (committed up to {committed})");
                        committed = r.Seq;
                        ring.Release(committed);
                        Assert.IsTrue(SegmentFiles(flash) <= 3, where + ": more segment files than the budget");
                    }
                }
            }

            Assert.IsTrue(tried > 200, tried + " cut points");
        }

        private static int SegmentFiles(FakeFlash flash) => flash.List().Count(n => n.StartsWith('r') && (n.EndsWith(".seg") || n.EndsWith(".sec")));

        private static Record Make(int index) => new Record
        {
            // Half-hours with gaps between them: nothing merges.
            Start = 1643711400 + index * 3600L,
            DurationSeconds = 1800,
            Wh = (uint)(10 + index),
            Session = 1,
            ConfidencePercent = 100,
        };

        private static void Workload(FakeFlash flash, ref uint committed)
        {
            flash.Plant(KeptFile, new byte[Options().SegmentBytes]);
            RecordRing ring = RecordRing.Open(flash, Options(), new SystemRandomSource(Seed));
            for (int i = 0; i < Records; i++)
            {
                Record r = Make(i);
                AppendResult result = ring.Append(ref r, committed);
                // The ring takes a cut inside an append for a write the flash failed: the cut it is.
                if (flash.IsCut) throw new PowerCutException(flash.Counters.Operations);
                Assert.IsTrue(result == AppendResult.Appended, $"record {i} was {result}");
                committed = r.Seq;
                ring.Release(committed);
                if (flash.IsCut) throw new PowerCutException(flash.Counters.Operations);
                Assert.IsTrue(SegmentFiles(flash) <= 3, "more segment files than the budget");
            }
        }
    }
}
