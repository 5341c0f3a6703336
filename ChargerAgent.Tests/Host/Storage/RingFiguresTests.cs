using System;
using System.Diagnostics;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// The ring's reported figures, measured on the fake LittleFS flash: capacity, flash bytes,
    /// syncs and erases per record and per day, years until wear-out, and recovery time.
    /// </summary>
    [TestClass]
    public class RingFiguresTests
    {
        /// <summary>Partition blocks (256 KB config partition of 4 MB boards).</summary>
        private const int PartitionBlocks = 64;

        /// <summary>Blocks pinned by a full ring (24) and by network configuration and CA bundle (assumed 8).</summary>
        private const int PinnedBlocks = 24 + 8;

        private const double EraseCycles = 100000;
        private const int Days = 7;
        private const int RecordsPerDay = 48;

        [TestMethod]
        public void Figures_meet_the_capacity_and_wear_goals()
        {
            int capacity = RecordRing.Open(new FakeFlash(1), new RingOptions(), new SystemRandomSource(1)).Capacity;
            Day register = Simulate(extraCheckpointsPerDay: 0);
            Day pulse = Simulate(extraCheckpointsPerDay: 5000);
            double recoveryMs = MeasureRecovery();
            int leveled = PartitionBlocks - PinnedBlocks;
            double registerYears = leveled * EraseCycles / register.Erases / 365.0;
            double pulseYears = leveled * EraseCycles / pulse.Erases / 365.0;

            System.Console.WriteLine("| Figure | Register meter | Pulse meter (+5000 checkpoints/day) |");
            System.Console.WriteLine("| --- | ---: | ---: |");
            System.Console.WriteLine($"| records per 96 KB | {capacity} | {capacity} |");
            System.Console.WriteLine($"| days at 48 records/day (52 with two sessions) | {capacity / 48.0:F1} ({capacity / 52.0:F1}) | same |");
            System.Console.WriteLine($"| flash bytes programmed per record (append + its sync) | {register.RecordBytes:F0} | {pulse.RecordBytes:F0} |");
            System.Console.WriteLine($"| syncs per record | {register.RecordSyncs:F2} | {pulse.RecordSyncs:F2} |");
            System.Console.WriteLine($"| flash bytes programmed per day | {register.Bytes:F0} | {pulse.Bytes:F0} |");
            System.Console.WriteLine($"| syncs per day | {register.Syncs:F0} | {pulse.Syncs:F0} |");
            System.Console.WriteLine($"| blocks erased per day | {register.Erases:F1} | {pulse.Erases:F1} |");
            System.Console.WriteLine($"| years to 100,000 cycles over {leveled} wear-levelled blocks | {registerYears:F0} | {pulseYears:F0} |");
            System.Console.WriteLine($"| full-ring recovery (desktop, fake flash) | {recoveryMs:F1} ms | |");
            System.Console.WriteLine($"years = ({PartitionBlocks} - {PinnedBlocks}) blocks x {EraseCycles:F0} cycles / erases per day / 365");

            Assert.IsTrue(capacity >= 4320);
            Assert.IsTrue(pulseYears >= 20, $"pulse meter wear-out after {pulseYears:F1} years");
            Assert.AreEqual(1.0, register.RecordSyncs, 0.0001);
        }

        private sealed class Day
        {
            public double Bytes;
            public double Syncs;
            public double Erases;
            public double RecordBytes;
            public double RecordSyncs;
        }

        /// <summary>
        /// Steady state: every half-hour one record is appended and checkpointed; the uploader
        /// persists the attempted watermark, sends, persists the sent watermark and releases.
        /// </summary>
        private static Day Simulate(int extraCheckpointsPerDay)
        {
            var flash = new FakeFlash(1);
            RecordRing ring = RecordRing.Open(flash, new RingOptions(), new SystemRandomSource(1));
            var store = new CheckpointStore(flash);
            var cp = new Checkpoint { Generation = ring.Generation };
            var marks = new DeliveryWatermarks { Generation = ring.Generation };
            long start = 1643711400;
            long recordBytes = 0;
            long recordSyncs = 0;
            flash.Counters.Reset();
            int extraPerRecord = extraCheckpointsPerDay / RecordsPerDay;
            int extraRemainder = extraCheckpointsPerDay % RecordsPerDay;
            for (int day = 0; day < Days; day++)
            {
                for (int i = 0; i < RecordsPerDay; i++)
                {
                    var r = new Record { Start = start += 1800, DurationSeconds = 1800, Wh = 2000, Session = (uint)(1 + day), ConfidencePercent = 100 };
                    FlashCounters before = flash.Counters.Snapshot();
                    ring.Append(ref r, marks.AttemptedUpTo);
                    recordBytes += flash.Counters.BytesProgrammed - before.BytesProgrammed;
                    recordSyncs += flash.Counters.Syncs - before.Syncs;
                    cp.NextSeq = ring.NextSeq;
                    store.Save(cp);
                    marks.AttemptedUpTo = r.Seq;
                    store.Save(marks);
                    marks.SentUpTo = r.Seq;
                    store.Save(marks);
                    ring.Release(marks.SentUpTo);
                    int extra = extraPerRecord + (i < extraRemainder ? 1 : 0);
                    for (int k = 0; k < extra; k++)
                    {
                        cp.LastMeterWh += 20;
                        store.Save(cp);
                    }
                }
            }

            int records = Days * RecordsPerDay;
            return new Day
            {
                Bytes = flash.Counters.BytesProgrammed / (double)Days,
                Syncs = flash.Counters.Syncs / (double)Days,
                Erases = flash.Counters.BlocksErased / (double)Days,
                RecordBytes = recordBytes / (double)records,
                RecordSyncs = recordSyncs / (double)records,
            };
        }

        private static double MeasureRecovery()
        {
            var flash = new FakeFlash(2);
            RecordRing ring = RecordRing.Open(flash, new RingOptions(), new SystemRandomSource(1));
            long start = 1643711400;
            for (int i = 0; i < ring.Capacity; i++)
            {
                var r = new Record { Start = start += 1800, DurationSeconds = 1800, Wh = 1, Session = 1, ConfidencePercent = 100 };
                ring.Append(ref r, uint.MaxValue);
            }

            var watch = Stopwatch.StartNew();
            const int rounds = 20;
            int count = 0;
            for (int i = 0; i < rounds; i++) count += RecordRing.Open(flash, new RingOptions(), new SystemRandomSource(3)).Count;
            watch.Stop();
            Assert.AreEqual(rounds * ring.Count, count);
            Assert.IsTrue(ring.Count >= ring.Capacity - RingOptions.DefaultEdgeReserve);
            return watch.Elapsed.TotalMilliseconds / rounds;
        }
    }
}
