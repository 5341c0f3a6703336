using System;
using System.Collections.Generic;
using System.Reflection;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// Power-loss enumeration: a scripted workload (appends, checkpoints, sends, lost responses,
    /// acks, a long outage that fills the ring and forces coalescing, segment deletion) is cut at
    /// every flash operation, and for each cut the unflushed bytes are torn at every length (or a
    /// stride of lengths for long writes). After each cut the ring and the checkpoint store are
    /// reopened and the record contract is checked.
    /// </summary>
    [TestClass]
    public class PowerLossTests
    {
        private const int Seed = 20261124;
        private const int Steps = 72;

        [TestMethod]
        public void Every_power_cut_point_recovers_every_record_once_and_the_last_or_previous_checkpoint()
        {
            var dry = new FakeFlash(Seed) { TearableBytesTrace = new List<int>() };
            var dryModel = new Model();
            Workload(dry, dryModel);
            Assert.IsTrue(dryModel.Coalescings > 0, "the workload must coalesce");
            Assert.IsTrue(dryModel.Deletions > 0, "the workload must delete sent segments");
            List<int> trace = dry.TearableBytesTrace;

            int tried = 0;
            int recovered = 0;
            for (int op = 0; op < trace.Count; op++)
            {
                foreach (int keep in TearLengths(trace[op]))
                {
                    tried++;
                    var flash = new FakeFlash(Seed) { CutAfterOperations = op, TearKeepBytes = keep };
                    var model = new Model();
                    bool cut = false;
                    try
                    {
                        Workload(flash, model);
                    }
                    catch (PowerCutException)
                    {
                        cut = true;
                    }

                    Assert.IsTrue(cut, $"no cut happened at operation {op + 1}");
                    string failure = Verify(flash, model);
                    if (failure != null) Assert.Fail($"seed {Seed}, cut during operation {op + 1}, kept {keep} torn bytes: {failure}");
                    recovered++;
                }
            }

            System.Console.WriteLine($"power-cut points: {tried} tried, {recovered} recovered ({trace.Count} flash operations, seed {Seed})");
            Assert.IsTrue(tried >= 1000, "thousands of cut points, not dozens");
        }

        private static IEnumerable<int> TearLengths(int tearable)
        {
            if (tearable <= RecordCodec.Size + 4)
            {
                for (int t = 0; t <= tearable; t++) yield return t;
                yield break;
            }

            for (int t = 0; t <= 4; t++) yield return t;
            int stride = Math.Max(1, (tearable - 4) / 14);
            for (int t = 4 + stride; t < tearable - 1; t += stride) yield return t;
            yield return tearable - 1;
            yield return tearable;
        }

        private static RingOptions Options() => new RingOptions
        {
            SegmentBytes = SegmentFormat.HeaderSize + 8 * RecordCodec.Size,
            TotalBytes = 5 * (SegmentFormat.HeaderSize + 8 * RecordCodec.Size),
            EdgeReserve = 2,
        };

        private sealed class Model
        {
            public readonly Dictionary<uint, uint> WhBySeq = new Dictionary<uint, uint>();
            public readonly Dictionary<uint, uint> SentRanges = new Dictionary<uint, uint>();
            public readonly List<Saved> Saves = new List<Saved>();
            public Saved InFlightSave;
            public uint InFlightSeq;
            public uint InFlightWh;
            public uint ReleaseStarted;
            public uint AckedUpTo;
            public long Coalescings;
            public long Deletions;
        }

        /// <summary>What the slot holds after a save: the agent's checkpoint and the delivery's watermarks.</summary>
        private sealed class Saved
        {
            public Checkpoint State;
            public DeliveryWatermarks Marks;
        }

        private static uint SessionOf(int step) =>
            step < 10 ? 1u : step < 14 ? 0u : step < 44 ? 2u : step < 48 ? 0u : 3u;

        private static void Workload(FakeFlash flash, Model model)
        {
            RecordRing ring = RecordRing.Open(flash, Options(), new SystemRandomSource(Seed));
            var store = new CheckpointStore(flash);
            var cp = new Checkpoint();
            store.TryLoad(cp, out _);
            cp.Generation = ring.Generation;
            var marks = new DeliveryWatermarks { Generation = ring.Generation };
            var buffer = new Record[3];
            for (int step = 0; step < Steps; step++)
            {
                uint session = SessionOf(step);
                var record = new Record
                {
                    Start = 1643711400 + step * 1800L,
                    DurationSeconds = 1800,
                    Wh = (uint)(1 + step * 37 % 50),
                    Session = session,
                    ConfidencePercent = 100,
                    Flags = step + 1 < Steps && SessionOf(step + 1) != session && session != 0 ? RecordFlags.SessionEnd : RecordFlags.None,
                };
                model.InFlightSeq = ring.NextSeq;
                model.InFlightWh = record.Wh;
                int segmentsBefore = ring.SegmentCount;
                AppendResult result = ring.Append(ref record, marks.AttemptedUpTo);
                // The ring answers a failed write with a refusal; a cut board never sees it.
                if (flash.IsCut) throw new PowerCutException(flash.Counters.Operations);
                if (result == AppendResult.Appended || result == AppendResult.AppendedAfterCoalescing) model.WhBySeq[record.Seq] = record.Wh;
                model.InFlightSeq = 0;
                model.Coalescings = ring.Coalescings;
                cp.NextSeq = ring.NextSeq;
                Save(store, cp, marks, model, false);

                bool online = step < 12 || step >= 52;
                if (!online || step % 2 != 0) continue;
                int n = ring.Read(marks.SentUpTo + 1, buffer, 0, buffer.Length);
                if (n == 0) continue;
                marks.AttemptedUpTo = Math.Max(marks.AttemptedUpTo, buffer[n - 1].LastSeq);
                Save(store, cp, marks, model, true);
                for (int i = 0; i < n; i++) model.SentRanges[buffer[i].Seq] = buffer[i].LastSeq;
                if (step % 6 == 4) continue; // the response was lost: sent again later
                model.AckedUpTo = buffer[n - 1].LastSeq;
                marks.SentUpTo = buffer[n - 1].LastSeq;
                Save(store, cp, marks, model, true);
                model.ReleaseStarted = marks.SentUpTo;
                int before = ring.SegmentCount;
                ring.Release(marks.SentUpTo);
                model.Deletions += before - ring.SegmentCount;
            }
        }

        /// <summary>The agent saves its checkpoint, or the delivery its watermarks (<paramref name="watermarks"/>): the slot then holds both.</summary>
        private static void Save(CheckpointStore store, Checkpoint cp, DeliveryWatermarks marks, Model model, bool watermarks)
        {
            var state = new Checkpoint();
            state.CopyFrom(cp);
            var copy = new DeliveryWatermarks();
            copy.CopyFrom(marks);
            model.InFlightSave = new Saved { State = state, Marks = copy };
            if (watermarks) store.Save(marks);
            else store.Save(cp);
            model.Saves.Add(model.InFlightSave);
            model.InFlightSave = null;
        }

        private static bool Same(Checkpoint a, DeliveryWatermarks aMarks, Saved b)
        {
            foreach (FieldInfo f in typeof(Checkpoint).GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!Equals(f.GetValue(a), f.GetValue(b.State))) return false;
            }

            foreach (FieldInfo f in typeof(DeliveryWatermarks).GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!Equals(f.GetValue(aMarks), f.GetValue(b.Marks))) return false;
            }

            return true;
        }

        private static string Verify(FakeFlash flash, Model model)
        {
            flash.PowerOn();
            RecordRing ring;
            try
            {
                ring = RecordRing.Open(flash, Options(), new SystemRandomSource(Seed + 1));
            }
            catch (Exception e)
            {
                return "open threw " + e.GetType().Name + ": " + e.Message;
            }

            var loaded = new Checkpoint();
            var loadedMarks = new DeliveryWatermarks();
            var checkpoints = new CheckpointStore(flash);
            bool hasCheckpoint = checkpoints.TryLoad(loaded, out string problem);
            if (hasCheckpoint != checkpoints.TryLoad(loadedMarks)) return "the checkpoint and the watermarks load apart";
            Saved last = model.Saves.Count > 0 ? model.Saves[^1] : null;
            if (last == null)
            {
                if (hasCheckpoint && (model.InFlightSave == null || !Same(loaded, loadedMarks, model.InFlightSave))) return "a checkpoint appeared that was never saved";
            }
            else if (!hasCheckpoint)
            {
                return "checkpoint lost: " + problem;
            }
            else if (!Same(loaded, loadedMarks, last) && (model.InFlightSave == null || !Same(loaded, loadedMarks, model.InFlightSave)))
            {
                return "checkpoint is neither the last nor the one being saved";
            }

            var records = new Record[ring.Capacity + 16];
            int count = ring.Read(1, records, 0, records.Length);
            uint previousLast = 0;
            var covered = new HashSet<uint>();
            for (int i = 0; i < count; i++)
            {
                Record r = records[i];
                if (r.Seq <= previousLast) return $"Seq {r.Seq} out of order or twice";
                previousLast = r.LastSeq;
                long wh = 0;
                for (uint s = r.Seq; s <= r.LastSeq; s++)
                {
                    if (model.WhBySeq.TryGetValue(s, out uint w)) wh += w;
                    else if (s == model.InFlightSeq) wh += model.InFlightWh;
                    else return $"Seq {s} was never appended";
                    covered.Add(s);
                }

                if (wh != r.Wh) return $"record {r.Seq}..{r.LastSeq} holds {r.Wh} Wh, its originals {wh} Wh";
                foreach (KeyValuePair<uint, uint> sent in model.SentRanges)
                {
                    bool overlaps = sent.Key <= r.LastSeq && sent.Value >= r.Seq;
                    if (overlaps && (sent.Key != r.Seq || sent.Value != r.LastSeq))
                    {
                        return $"energy of sent record {sent.Key}..{sent.Value} now under record {r.Seq}..{r.LastSeq}";
                    }
                }

                if (hasCheckpoint && r.LastSeq <= model.AckedUpTo && r.Seq > loadedMarks.SentUpTo && r.LastSeq > loadedMarks.AttemptedUpTo)
                {
                    return $"acknowledged record {r.Seq} would be sent again outside the attempted window";
                }
            }

            foreach (uint seq in model.WhBySeq.Keys)
            {
                if (seq > model.ReleaseStarted && !covered.Contains(seq)) return $"appended record {seq} lost";
                if (seq >= ring.NextSeq) return $"NextSeq {ring.NextSeq} would reuse Seq {seq}";
            }

            if (ring.Count != count) return $"Count {ring.Count} but {count} records read";
            var next = new Record { Start = 1900000000, DurationSeconds = 1800, Wh = 1, Session = 9, ConfidencePercent = 100 };
            try
            {
                ring.Append(ref next, loadedMarks.AttemptedUpTo);
            }
            catch (Exception e)
            {
                return "append after recovery threw " + e.Message;
            }

            return null;
        }
    }
}
