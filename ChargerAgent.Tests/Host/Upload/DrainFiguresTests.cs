#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Host.Run;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Upload
{
    /// <summary>
    /// The flash work of a drain, on the flash model: a backlog of records uploaded one after the
    /// other, and the steady state of one record each half hour, counted in metadata commits
    /// (file closes and deletes, reads included: the board opens every file read-write) per
    /// uploaded record.
    /// </summary>
    [TestClass]
    public sealed class DrainFiguresTests
    {
        private const long T0 = 1709157600;

        /// <summary>The table docs/STORAGE.md shows between its drain-figures markers; a drain costs at most 1.5 commits per record.</summary>
        [TestMethod]
        public void A_drain_costs_at_most_one_and_a_half_commits_per_record_and_the_docs_show_it()
        {
            Drain backlog = Run(backlog: 96, steady: 0, traceTo: Environment.GetEnvironmentVariable("DRAIN_TRACE_BACKLOG"));
            Drain steady = Run(backlog: 0, steady: 96, traceTo: Environment.GetEnvironmentVariable("DRAIN_TRACE_STEADY"));
            foreach (Drain d in new[] { backlog, steady })
            {
                foreach (KeyValuePair<string, long> kv in d.ByFile) System.Console.WriteLine($"{d.Name}: {kv.Key} {kv.Value / (double)d.Records:F3} commits per record");
            }

            var table = new List<string>
            {
                "| Drain (flash model) | records | metadata commits per uploaded record | bytes programmed per record |",
                "| --- | ---: | ---: | ---: |",
                $"| a backlog of 96 records, sent one after the other | {backlog.Records} | {F(backlog.CommitsPerRecord)} | {N(backlog.BytesPerRecord)} |",
                $"| one record each half hour, sent when it is cut | {steady.Records} | {F(steady.CommitsPerRecord)} | {N(steady.BytesPerRecord)} |",
            };

            Assert.AreEqual(96, backlog.Records, "the backlog was not drained");
            Assert.IsTrue(backlog.CommitsPerRecord <= 1.5, $"a drain costs {backlog.CommitsPerRecord:F3} commits per record, above 1.5");
            DocumentedTable.AssertShown("docs/STORAGE.md", "drain-figures", table, "drain figures");
        }

        private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string F(double value) => value.ToString("N3", CultureInfo.InvariantCulture);

        private sealed class Drain
        {
            public string Name = "";
            public int Records;
            public double CommitsPerRecord;
            public double BytesPerRecord;
            public SortedDictionary<string, long> ByFile = new();
        }

        /// <summary>Appends <paramref name="backlog"/> records with the network down, then uploads them; then <paramref name="steady"/> records, each sent as it is cut. Counts the flash work of the delivery only.</summary>
        private static Drain Run(int backlog, int steady, string? traceTo)
        {
            var flash = new FakeFlash(3);
            var clock = new SimulatedClock(T0);
            clock.Sync();
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(clock.TrueMs) });
            var transport = new InMemoryTransport(endpoint, new InMemoryTransportOptions { NowMilliseconds = () => clock.TrueMs, LatencyMilliseconds = 200 });
            var counting = new CommitsByFile(flash);
            StreamWriter? trace = traceTo == null ? null : new StreamWriter(traceTo);
            IFileStore files = trace == null ? counting : new FlashTraceRecorder(counting, trace, () => (clock.TrueMs / 1000) - T0, withData: false);
            RecordRing ring = RecordRing.Open(files, new RingOptions(), new SystemRandomSource(5));
            var store = new CheckpointStore(files);
            var marks = new DeliveryWatermarks { Generation = ring.Generation };
            var options = Credentials.LocalEndpoint("https://api.local.test", "drain");
            var uploader = new Uploader(options, transport, ring, marks, store, files, new NoEpochs(), null);
            uploader.Start(clock.MonotonicMilliseconds);
            long start = T0 - 1800L * (backlog + 1);
            for (int i = 0; i < backlog; i++) Append(ring, marks, ref start);

            counting.Counting = true;
            FlashCounters before = flash.Counters.Snapshot();
            counting.ExcludedCommits = counting.ExcludedBytes = 0;
            int ticks = 0;
            while (uploader.Cursor < ring.NextSeq && ticks++ < 100_000)
            {
                clock.Advance(100);
                uploader.Step(clock.MonotonicMilliseconds);
            }

            for (int i = 0; i < steady; i++)
            {
                counting.Counting = false;
                start = (clock.TrueMs / 1000) - 1800;
                Append(ring, marks, ref start);
                counting.Counting = true;
                for (int t = 0; t < 18_000 && uploader.Cursor < ring.NextSeq; t++)
                {
                    clock.Advance(100);
                    uploader.Step(clock.MonotonicMilliseconds);
                }

                clock.Advance(1_700_000);
            }

            trace?.Dispose();
            int records = (int)(uploader.Cursor - 1);
            return new Drain
            {
                Name = backlog > 0 ? "backlog" : "steady",
                Records = records,
                CommitsPerRecord = (flash.Counters.MetadataCommits - before.MetadataCommits - counting.ExcludedCommits) / (double)records,
                BytesPerRecord = (flash.Counters.BytesProgrammed - before.BytesProgrammed - counting.ExcludedBytes) / (double)records,
                ByFile = counting.ByFile,
            };
        }

        private static void Append(RecordRing ring, DeliveryWatermarks marks, ref long start)
        {
            var r = new Record { Start = start += 1800, DurationSeconds = 1800, Wh = 2000, Session = 0, ConfidencePercent = 100 };
            ring.Append(ref r, marks.AttemptedUpTo);
        }

        private sealed class NoEpochs : IBootEpochs
        {
            public bool TryGetEpoch(ushort boot, out long epoch, out bool estimated)
            {
                epoch = 0;
                estimated = false;
                return false;
            }

            public bool MayStillBeLearnt(ushort boot) => false;

            public void AddEstimated(ushort boot, long epoch)
            {
            }
        }

        /// <summary>Counts the model's metadata commits by file and operation while <see cref="Counting"/>; what is done while not counting is excluded from the totals.</summary>
        private sealed class CommitsByFile : IFileStore
        {
            private readonly FakeFlash inner;

            public CommitsByFile(FakeFlash inner) => this.inner = inner;

            public bool Counting;
            public long ExcludedCommits;
            public long ExcludedBytes;
            public readonly SortedDictionary<string, long> ByFile = new();

            private T Count<T>(string op, string name, Func<T> call)
            {
                long commits = inner.Counters.MetadataCommits, bytes = inner.Counters.BytesProgrammed;
                T result = call();
                long c = inner.Counters.MetadataCommits - commits;
                if (!Counting)
                {
                    ExcludedCommits += c;
                    ExcludedBytes += inner.Counters.BytesProgrammed - bytes;
                }
                else if (c > 0)
                {
                    string key = op + " " + (name.StartsWith("r", StringComparison.Ordinal) && name.Length == 13 ? "ring segment" : name);
                    ByFile[key] = ByFile.GetValueOrDefault(key) + c;
                }

                return result;
            }

            public string[] List() => inner.List();

            public bool Exists(string name) => inner.Exists(name);

            public long Length(string name) => Count("length", name, () => inner.Length(name));

            public int Read(string name, long position, byte[] buffer, int offset, int count) => Count("read", name, () => inner.Read(name, position, buffer, offset, count));

            public void Append(string name, byte[] buffer, int offset, int count) => Count("append", name, () => { inner.Append(name, buffer, offset, count); return 0; });

            public void Write(string name, byte[] buffer, int offset, int count) => Count("write", name, () => { inner.Write(name, buffer, offset, count); return 0; });

            public void Flush(string name) => Count("flush", name, () => { inner.Flush(name); return 0; });

            public void Delete(string name) => Count("delete", name, () => { inner.Delete(name); return 0; });
        }
    }
}
