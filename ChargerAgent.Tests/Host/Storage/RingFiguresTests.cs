using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// The ring's reported figures, measured on the fake LittleFS flash: capacity, flash bytes,
    /// commits and erases per record and per day, and recovery time.
    /// </summary>
    [TestClass]
    public class RingFiguresTests
    {
        private const int Days = 7;
        private const int RecordsPerDay = 48;

        /// <summary>
        /// Capacity and flash work per record and per day on the flash model, as a table docs/STORAGE.md
        /// shows between its ring-figures markers. Wear in years is not estimated here: it comes from
        /// the most-worn block of a year replayed on real littlefs (FlashFiguresTests and the README).
        /// </summary>
        [TestMethod]
        public void The_docs_show_the_ring_figures_this_test_prints()
        {
            int capacity = RecordRing.Open(new FakeFlash(1), new RingOptions(), new SystemRandomSource(1)).Capacity;
            Day register = Simulate(extraCheckpointsPerDay: 0);
            Day pulse = Simulate(extraCheckpointsPerDay: 5000);
            var table = new List<string>
            {
                "| Figure (flash model, 7 days of 48 records) | Register meter | Pulse meter (+5,000 checkpoints a day) |",
                "| --- | ---: | ---: |",
                $"| records in 96 KB | {N(capacity)} | {N(capacity)} |",
                $"| days at 48 records a day (52 with two sessions) | {F(capacity / 48.0)} ({F(capacity / 52.0)}) | same |",
                $"| bytes programmed per record (append and its commit) | {N(register.RecordBytes)} | {N(pulse.RecordBytes)} |",
                $"| syncs (file closes) per record append | {F(register.RecordSyncs)} | {F(pulse.RecordSyncs)} |",
                $"| bytes programmed per day | {N(register.Bytes)} | {N(pulse.Bytes)} |",
                $"| syncs per day | {N(register.Syncs)} | {N(pulse.Syncs)} |",
                $"| blocks erased per day | {F(register.Erases)} | {F(pulse.Erases)} |",
            };

            System.Console.WriteLine($"full-ring recovery (desktop, fake flash): {MeasureRecovery():F1} ms");
            Assert.IsTrue(capacity >= 4320);
            Assert.AreEqual(1.0, register.RecordSyncs, 0.0001);

            DocumentedTable.AssertShown("docs/STORAGE.md", "ring-figures", table, "ring figures");
        }

        private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

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
