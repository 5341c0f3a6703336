using System;
using System.IO;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The ring's recovery at open (SPEC.md, "Recovery"): lists the store, scans every segment file
    /// into the <see cref="SegmentIndex"/>, resolves an interrupted coalescing, deletes what a cut
    /// left half-made, repairs a torn first record, and creates the ring when nothing is readable.
    /// It finds the generation, the next Seq, the records held and the last record's session, and
    /// reports everything it skipped in a <see cref="RecoveryReport"/>. A file whose content is bad
    /// is reported, never thrown; a file the flash could not read at all fails the scan before
    /// anything is written (SPEC.md 5): the ring cannot be known, so it is neither created anew nor
    /// repaired over files that may hold records.
    /// </summary>
    internal sealed class RingRecovery
    {
        private readonly IFileStore store;
        private readonly SegmentIndex index;
        private readonly byte[] segmentBuffer;
        private readonly int segmentBytes;
        private readonly int slotsPerSegment;
        private readonly RecoveryReport report;
        private uint generation;
        private uint nextSeq = 1;
        private int count;
        private uint lastSession;
        private bool hasLast;
        private bool forceNewSegment;

        /// <summary>A recovery of the segments in <paramref name="store"/> into <paramref name="index"/>, reading through <paramref name="segmentBuffer"/> (one segment long).</summary>
        public RingRecovery(IFileStore store, SegmentIndex index, byte[] segmentBuffer, int slotsPerSegment, RecoveryReport report)
        {
            this.store = store;
            this.index = index;
            this.segmentBuffer = segmentBuffer;
            segmentBytes = segmentBuffer.Length;
            this.slotsPerSegment = slotsPerSegment;
            this.report = report;
        }

        /// <summary>The ring's generation: the newest readable segment's, or a new one when the ring was created.</summary>
        public uint Generation
        {
            get { return generation; }
        }

        /// <summary>One above the highest Seq any readable segment covers (SPEC.md 5, step 5).</summary>
        public uint NextSeq
        {
            get { return nextSeq; }
        }

        /// <summary>Valid records in the readable segments.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Session of the newest valid record.</summary>
        public uint LastSession
        {
            get { return lastSession; }
        }

        /// <summary>True when a newest record was found and it does not end its session.</summary>
        public bool HasLast
        {
            get { return hasLast; }
        }

        /// <summary>True when the next record must start a new segment (the newest file is one this version cannot read).</summary>
        public bool ForceNewSegment
        {
            get { return forceNewSegment; }
        }

        /// <summary>Scans the store into the index and repairs what a power cut left (SPEC.md 5).</summary>
        /// <exception cref="IOException">The flash could not list or read a segment file: nothing was written.</exception>
        public void Run(IRandomSource random)
        {
            string[] names;
            try
            {
                names = store.List();
            }
            catch (Exception e)
            {
                throw Unreadable("cannot list files: " + e.Message);
            }

            for (int i = 0; i < names.Length; i++)
            {
                uint firstFromName;
                bool alternate;
                if (!SegmentFormat.TryParseName(names[i], out firstFromName, out alternate)) continue;
                try
                {
                    ScanFile(names[i], firstFromName, alternate);
                }
                catch (Exception e)
                {
                    // A ring created, or a tail repaired, over segments that could not be read would
                    // reuse their names and Seqs under a new generation: the open fails instead.
                    throw Unreadable(names[i] + ": " + e.Message);
                }
            }

            ChooseGeneration();
            ResolveCoalescing();
            DeleteDoomed();
            Summarise();
            RepairTail();
            if (index.Tail() == null) Create(random);
        }

        private IOException Unreadable(string what)
        {
            report.Errors++;
            report.Add(what);
            return new IOException("ring not opened, nothing written: " + what);
        }

        private void ScanFile(string name, uint firstFromName, bool alternate)
        {
            long length = store.Length(name);
            int toRead = length > segmentBytes ? segmentBytes : (int)(length < 0 ? 0 : length);
            int got = FileReads.ReadFully(store, name, 0, segmentBuffer, toRead);
            SegmentInfo info = new SegmentInfo();
            info.Name = name;
            info.First = firstFromName;
            info.Alternate = alternate;
            if (got < SegmentFormat.HeaderSize && SegmentFormat.IsHeaderPrefix(segmentBuffer, 0, got))
            {
                // a segment whose creation was cut before its header was complete: it holds no committed record
                info.Doomed = true;
                report.TornTails++;
                report.Add(name + ": torn header (" + got + " bytes), removed");
                index.Insert(info);
                return;
            }

            if (SegmentFormat.HasMagic(segmentBuffer, 0, got) && SegmentFormat.VersionOf(segmentBuffer, 0) > SegmentFormat.Version)
            {
                info.Stray = true;
                report.FutureVersionFiles++;
                report.Add(name + ": format version " + SegmentFormat.VersionOf(segmentBuffer, 0) + " is newer than " + SegmentFormat.Version + ", kept unread");
                index.Insert(info);
                return;
            }

            if (!SegmentFormat.IsValidHeader(segmentBuffer, 0, got) || SegmentFormat.FirstSeqOf(segmentBuffer, 0) != firstFromName)
            {
                info.Stray = true;
                report.UnreadableFiles++;
                report.Add(name + ": no valid segment header (" + got + " bytes), kept unread");
                index.Insert(info);
                return;
            }

            info.Coalesced = SegmentFormat.KindOf(segmentBuffer, 0) == SegmentFormat.KindCoalesced;
            info.Generation = SegmentFormat.GenerationOf(segmentBuffer, 0);
            int dataBytes = got - SegmentFormat.HeaderSize;
            info.Slots = dataBytes / RecordCodec.Size;
            if (info.Slots > slotsPerSegment) info.Slots = slotsPerSegment;
            info.Torn = dataBytes % RecordCodec.Size != 0 || length > segmentBytes;
            if (info.Torn)
            {
                report.TornTails++;
                report.Add(name + ": ends in a partly written slot");
            }

            if (info.Coalesced) ScanCoalesced(info); else ScanAppended(info);
            report.BadRecords += info.Slots - info.Valid;
            if (info.Slots > info.Valid) report.Add(name + ": " + (info.Slots - info.Valid) + " bad record slots skipped");
            report.Segments++;
            index.Insert(info);
        }

        private void ScanAppended(SegmentInfo info)
        {
            Record scratch = new Record();
            for (int k = 0; k < info.Slots; k++)
            {
                int at = SegmentFormat.HeaderSize + k * RecordCodec.Size;
                if (RecordCodec.TryDecode(segmentBuffer, at, info.First + (uint)k, ref scratch) && (scratch.Flags & RecordFlags.Coalesced) == 0)
                {
                    info.Valid++;
                }
                else if (info.FirstBad < 0)
                {
                    info.FirstBad = k;
                }
            }

            info.RangeEnd = info.First + (uint)info.Slots - 1;
        }

        private void ScanCoalesced(SegmentInfo info)
        {
            Record scratch = new Record();
            uint replacedLast = SegmentFormat.ReplacedLastOf(segmentBuffer, 0);
            int headerCount = SegmentFormat.RecordCountOf(segmentBuffer, 0);
            info.RangeEnd = replacedLast;
            uint seq = info.First;
            for (int k = 0; k < info.Slots; k++)
            {
                if (!RecordCodec.TryDecode(segmentBuffer, SegmentFormat.HeaderSize + k * RecordCodec.Size, seq, ref scratch) || scratch.LastSeq > replacedLast)
                {
                    info.FirstBad = k;
                    break;
                }

                info.Valid++;
                seq = scratch.LastSeq + 1;
            }

            info.Complete = info.FirstBad < 0 && !info.Torn && info.Slots == headerCount && seq - 1 == replacedLast;
            if (info.FirstBad >= 0 && !info.Torn && info.Slots == headerCount)
            {
                // count back from the range end to recover the slots after the bad one
                uint end = replacedLast;
                for (int k = info.Slots - 1; k > info.FirstBad; k--)
                {
                    int at = SegmentFormat.HeaderSize + k * RecordCodec.Size;
                    int n = RecordCodec.SeqCountOf(segmentBuffer, at);
                    uint start = end - (uint)n + 1;
                    if (n < 1 || start < seq || !RecordCodec.TryDecode(segmentBuffer, at, start, ref scratch)) break;
                    info.Valid++;
                    info.AnchorSlot = k;
                    info.AnchorSeq = start;
                    end = start - 1;
                }
            }
        }

        private void ChooseGeneration()
        {
            // the newest readable segment names the generation
            SegmentInfo newest = null;
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo s = index.At(i);
                if (!s.Stray && !s.Doomed) newest = s;
            }

            if (newest != null) generation = newest.Generation;
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo s = index.At(i);
                if (s.Stray || s.Doomed) continue;
                if (s.Generation != generation)
                {
                    s.Stray = true;
                    report.ForeignFiles++;
                    report.Add(s.Name + ": generation differs from the ring's, kept unread");
                }
            }
        }

        private void ResolveCoalescing()
        {
            // a complete coalesced segment replaces every segment inside its range (a cut came before they were deleted)
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo c = index.At(i);
                if (c.Stray || c.Doomed || !c.Coalesced || !c.Complete) continue;
                for (int j = 0; j < index.Count; j++)
                {
                    SegmentInfo s = index.At(j);
                    if (j == i || s.Stray || s.Doomed) continue;
                    if (s.First >= c.First && s.RangeEnd <= c.RangeEnd && (s.First != c.First || s.RangeEnd != c.RangeEnd || !s.Complete))
                    {
                        s.Doomed = true;
                        report.ReplacedSegmentsDeleted++;
                        report.Add(s.Name + ": replaced by coalesced " + c.Name + ", removed");
                    }
                }
            }

            // an unfinished coalesced segment whose originals are still there is undone
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo c = index.At(i);
                if (c.Stray || c.Doomed || !c.Coalesced || c.Complete) continue;
                for (int j = 0; j < index.Count; j++)
                {
                    SegmentInfo s = index.At(j);
                    if (j == i || s.Stray || s.Doomed) continue;
                    if (s.First <= c.RangeEnd && s.RangeEnd >= c.First)
                    {
                        c.Doomed = true;
                        report.UnfinishedCoalescingUndone++;
                        report.Add(c.Name + ": unfinished coalescing, originals kept, removed");
                        break;
                    }
                }
            }
        }

        private void DeleteDoomed()
        {
            for (int i = 0; i < index.Count; i++)
            {
                if (!index.At(i).Doomed) continue;
                try
                {
                    store.Delete(index.At(i).Name);
                }
                catch (Exception e)
                {
                    report.Errors++;
                    report.Add(index.At(i).Name + ": cannot delete: " + e.Message);
                }

                index.RemoveAt(i);
                i--;
            }
        }

        private void Summarise()
        {
            uint next = 1;
            uint previousEnd = 0;
            bool any = false;
            SegmentInfo last = null;
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo s = index.At(i);
                if (s.Stray)
                {
                    continue;
                }

                count += s.Valid;
                if (any && s.First > previousEnd + 1) report.MissingSeqs += s.First - previousEnd - 1;
                if (s.RangeEnd + 1 > next) next = s.RangeEnd + 1;
                if (s.First > next) next = s.First;
                previousEnd = s.RangeEnd;
                any = true;
                last = s;
            }

            if (index.Count > 0 && index.At(index.Count - 1).Stray)
            {
                // a newest file this version cannot read may hold Seqs up to a whole segment's worth of coalesced records
                uint bound = index.At(index.Count - 1).First + 65536;
                if (bound > next) next = bound;
                forceNewSegment = true;
            }

            nextSeq = next;
            report.Records = count;
            if (last != null) FindLastSession(last);
        }

        private void FindLastSession(SegmentInfo last)
        {
            Record scratch = new Record();
            int bytes = FileReads.ReadFully(store, last.Name, SegmentFormat.HeaderSize, segmentBuffer, last.Slots * RecordCodec.Size);
            for (int k = bytes / RecordCodec.Size - 1; k >= 0; k--)
            {
                if (RecordCodec.TryDecode(segmentBuffer, k * RecordCodec.Size, 1, ref scratch))
                {
                    lastSession = scratch.Session;
                    hasLast = (scratch.Flags & RecordFlags.SessionEnd) == 0;
                    return;
                }
            }
        }

        private void RepairTail()
        {
            SegmentInfo tail = index.Tail();
            if (tail == null || tail.Coalesced || !tail.Torn || tail.Slots != 0) return;
            try
            {
                // the cut tore the first record of an empty segment: keep the header (and the generation)
                SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindAppended, generation, tail.First, 0, 0);
                store.Write(tail.Name, segmentBuffer, 0, SegmentFormat.HeaderSize);
                store.Flush(tail.Name);
                tail.Torn = false;
                report.Add(tail.Name + ": torn first record cut away");
            }
            catch (Exception e)
            {
                report.Errors++;
                report.Add(tail.Name + ": cannot repair: " + e.Message);
            }
        }

        private void Create(IRandomSource random)
        {
            uint value = random.NextUInt32();
            for (int i = 0; value == 0 && i < 4; i++) value = random.NextUInt32();
            generation = value == 0 ? 1 : value;
            report.Created = true;
            string name = SegmentFormat.Name(nextSeq, false);
            if (index.IndexOfName(name) >= 0) name = SegmentFormat.Name(nextSeq, true);
            try
            {
                SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindAppended, generation, nextSeq, 0, 0);
                store.Append(name, segmentBuffer, 0, SegmentFormat.HeaderSize);
                store.Flush(name);
                SegmentInfo info = new SegmentInfo();
                info.Name = name;
                info.Alternate = name[12] == 'c';
                info.First = nextSeq;
                info.RangeEnd = nextSeq - 1;
                index.Insert(info);
                forceNewSegment = false;
                report.Add("created ring generation " + generation + " at Seq " + nextSeq);
            }
            catch (Exception e)
            {
                report.Errors++;
                report.Add("cannot create the first segment: " + e.Message);
            }
        }
    }
}
