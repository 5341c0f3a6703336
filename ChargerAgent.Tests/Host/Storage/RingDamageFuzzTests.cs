using System;
using System.Collections.Generic;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// Random damage to a ring that has coalesced and deleted segments: flipped bits, overwritten
    /// runs, truncation, zeroed and deleted files. Opening must never throw, and every record read
    /// back must be true to what was appended (in order, energy exact, no Seq twice).
    /// </summary>
    [TestClass]
    public class RingDamageFuzzTests
    {
        [TestMethod]
        public void Open_never_throws_and_returns_only_true_records_whatever_the_damage()
        {
            const int Cases = 400;
            int damagedRecords = 0;
            int refused = 0;
            for (int seed = 1; seed <= Cases; seed++)
            {
                var random = new Random(seed);
                var flash = new FakeFlash(seed);
                var options = new RingOptions { SegmentBytes = SegmentFormat.HeaderSize + 8 * RecordCodec.Size, TotalBytes = 6 * (SegmentFormat.HeaderSize + 8 * RecordCodec.Size), EdgeReserve = 2 };
                RecordRing ring = RecordRing.Open(flash, options, new SystemRandomSource(seed));
                var whBySeq = new Dictionary<uint, uint>();
                for (int i = 0; i < 60; i++)
                {
                    var r = new Record { Start = 1643711400 + i * 1800L, DurationSeconds = 1800, Wh = (uint)random.Next(0, 5000), Session = (uint)(i / 15), ConfidencePercent = 100 };
                    if (ring.Append(ref r, 5) != AppendResult.RefusedFull) whBySeq[r.Seq] = r.Wh;
                    if (i == 40) ring.Release(5);
                }

                string[] names = flash.List();
                int damages = 1 + random.Next(4);
                for (int d = 0; d < damages; d++)
                {
                    string name = names[random.Next(names.Length)];
                    byte[] content = flash.Content(name);
                    if (content == null) continue;
                    switch (random.Next(5))
                    {
                        case 0:
                            if (content.Length > 0) content[random.Next(content.Length)] ^= (byte)(1 << random.Next(8));
                            break;
                        case 1:
                            int at = random.Next(content.Length + 1);
                            int run = Math.Min(content.Length - at, 1 + random.Next(40));
                            for (int k = 0; k < run; k++) content[at + k] = (byte)random.Next(256);
                            break;
                        case 2:
                            Array.Resize(ref content, random.Next(content.Length + 1));
                            break;
                        case 3:
                            Array.Clear(content);
                            break;
                        default:
                            flash.Delete(name);
                            content = null;
                            break;
                    }

                    if (content != null) flash.Plant(name, content);
                }

                RecordRing reopened;
                try
                {
                    reopened = RecordRing.Open(flash, options, new SystemRandomSource(seed + 1));
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed}: open threw {e}");
                    return;
                }

                var records = new Record[200];
                int n = reopened.Read(1, records, 0, records.Length);
                uint previous = 0;
                for (int i = 0; i < n; i++)
                {
                    Record r = records[i];
                    Assert.IsTrue(r.Seq > previous, $"seed {seed}: Seq {r.Seq} after {previous}");
                    previous = r.LastSeq;
                    long wh = 0;
                    for (uint s = r.Seq; s <= r.LastSeq; s++)
                    {
                        Assert.IsTrue(whBySeq.TryGetValue(s, out uint w), $"seed {seed}: Seq {s} never appended");
                        wh += w;
                    }

                    Assert.AreEqual(wh, (long)r.Wh, $"seed {seed}: energy of {r.Seq}..{r.LastSeq}");
                }

                damagedRecords += reopened.Recovery.BadRecords;

                // lost files can hide the highest Seqs: the agent moves NextSeq up to its checkpoint's
                reopened.AdvanceNextSeq(ring.NextSeq);
                var next = new Record { Start = 1900000000, DurationSeconds = 1800, Wh = 1, Session = 99, ConfidencePercent = 100 };
                if (reopened.Append(ref next, 0) == AppendResult.RefusedFull)
                {
                    refused++; // kept unreadable files count against the byte budget
                    continue;
                }

                foreach (uint seq in whBySeq.Keys) Assert.IsTrue(seq < next.Seq, $"seed {seed}: Seq {seq} reused");
                Assert.AreEqual(1, reopened.Read(next.Seq, records, 0, 1), $"seed {seed}: appended record not readable");
                Assert.AreEqual(next.Seq, records[0].Seq);
            }

            System.Console.WriteLine($"damage cases: {Cases} opened without throwing, {damagedRecords} bad record slots reported, {refused} full after damage");
        }
    }
}
