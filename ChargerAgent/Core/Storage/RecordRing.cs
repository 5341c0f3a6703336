using System;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The record ring on flash (SPEC.md beside this file): append-only segment files of one
    /// LittleFS block, named by their first Seq, each record a 20-byte slot with its own CRC.
    /// Appending is the commit point (one append and one sync per record). Recovery scans every
    /// segment at <see cref="Open"/>, resolves an interrupted coalescing, and never throws.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: one loop drives it. After <see cref="Append"/> returns
    /// <see cref="AppendResult.AppendedAfterCoalescing"/>, records above the attempted watermark may
    /// have been merged: read them again before sending. A storage exception from Append or Release
    /// leaves the RAM index unreliable: reopen the ring (reboot) to rescan.
    /// </remarks>
    public sealed class RecordRing : IRecordRing
    {
        private readonly IFileStore store;
        private readonly int segmentBytes;
        private readonly int slotsPerSegment;
        private readonly int fileBudget;
        private readonly int edgeReserve;
        private readonly byte[] segmentBuffer;
        private readonly byte[] slotBuffer = new byte[RecordCodec.Size];
        private Record[] workA;
        private Record[] workB;
        private SegmentInfo[] segments;
        private int segmentCount;
        private uint generation;
        private uint nextSeq = 1;
        private int count;
        private bool isFull;
        private uint sentUpTo;
        private uint protectedUpTo;
        private uint lastSession;
        private bool hasLast;
        private bool forceNewSegment;
        private long coalescings;
        private SegmentInfo spareInfo;
        private readonly RecoveryReport report = new RecoveryReport();

        private RecordRing(IFileStore store, RingOptions options)
        {
            this.store = store;
            segmentBytes = options.SegmentBytes;
            slotsPerSegment = SegmentFormat.SlotsPerSegment(segmentBytes);
            fileBudget = options.TotalBytes / segmentBytes;
            edgeReserve = options.EdgeReserve;
            segmentBuffer = new byte[segmentBytes];
            segments = new SegmentInfo[fileBudget + 4];
        }

        /// <summary>
        /// Opens the ring kept in <paramref name="store"/>: scans every segment file, keeps every
        /// valid record, and reports in <see cref="Recovery"/> what it skipped or repaired. Creates
        /// the ring (a new random generation from <paramref name="random"/>) when no segment exists.
        /// Storage errors during the scan are caught and reported, never thrown.
        /// </summary>
        public static RecordRing Open(IFileStore store, RingOptions options, IRandomSource random)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (random == null) throw new ArgumentNullException(nameof(random));
            options.Validate();
            RecordRing ring = new RecordRing(store, options);
            ring.Recover(random);
            return ring;
        }

        /// <inheritdoc/>
        public uint Generation
        {
            get { return generation; }
        }

        /// <inheritdoc/>
        public uint NextSeq
        {
            get { return nextSeq; }
        }

        /// <inheritdoc/>
        public int Count
        {
            get { return count; }
        }

        /// <inheritdoc/>
        public int Capacity
        {
            get { return (fileBudget - 1) * slotsPerSegment; }
        }

        /// <inheritdoc/>
        public bool IsFull
        {
            get { return isFull; }
        }

        /// <summary>What the last <see cref="Open"/> found.</summary>
        public RecoveryReport Recovery
        {
            get { return report; }
        }

        /// <summary>Record slots per segment file.</summary>
        public int SlotsPerSegment
        {
            get { return slotsPerSegment; }
        }

        /// <summary>Segment files the ring holds now (including kept unreadable ones).</summary>
        public int SegmentCount
        {
            get { return segmentCount; }
        }

        /// <summary>Slots an append can use without deleting or coalescing.</summary>
        public int FreeSlots
        {
            get { return ComputeFreeSlots(); }
        }

        /// <summary>Coalescing passes done since open.</summary>
        public long Coalescings
        {
            get { return coalescings; }
        }

        /// <inheritdoc/>
        /// <remarks>
        /// Moves <see cref="NextSeq"/> up to <paramref name="seq"/> (for example to the checkpoint's
        /// next Seq when segment files were lost), so that no Seq is ever reused. The next record
        /// starts a new segment. Lower values are ignored.
        /// </remarks>
        public void AdvanceNextSeq(uint seq)
        {
            if (seq > nextSeq)
            {
                nextSeq = seq;
                forceNewSegment = true;
            }
        }

        /// <inheritdoc/>
        public void ProtectAttempted(uint attemptedUpTo)
        {
            if (attemptedUpTo > protectedUpTo) protectedUpTo = attemptedUpTo;
        }

        // ------------------------------------------------------------------ append

        /// <inheritdoc/>
        public AppendResult Append(ref Record record, uint attemptedUpTo)
        {
            if (protectedUpTo > attemptedUpTo) attemptedUpTo = protectedUpTo;
            record.Seq = nextSeq;
            record.SeqCount = 1;
            if ((record.Flags & RecordFlags.Coalesced) != 0) throw new ArgumentException("only the ring coalesces records", nameof(record));
            if (!RecordCodec.CanEncode(ref record)) throw new ArgumentException("record fields out of range for the slot format", nameof(record));

            bool edge = !hasLast || record.Session != lastSession || (record.Flags & RecordFlags.SessionEnd) != 0;
            int needed = edge ? 1 : edgeReserve + 1;
            bool coalesced = false;
            if (ComputeFreeSlots() < needed) DeleteSent();
            while (ComputeFreeSlots() < needed)
            {
                if (!CompactOnce(attemptedUpTo)) break;
                coalesced = true;
            }

            if (ComputeFreeSlots() < needed)
            {
                isFull = true;
                return AppendResult.RefusedFull;
            }

            SegmentInfo tail = Tail();
            if (tail != null && IsAppendable(tail))
            {
                RecordCodec.Encode(ref record, slotBuffer, 0);
                store.Append(tail.Name, slotBuffer, 0, RecordCodec.Size);
                store.Flush(tail.Name);
                tail.Slots++;
                tail.Valid++;
                tail.RangeEnd = record.Seq;
            }
            else
            {
                string name = SegmentFormat.Name(nextSeq, false);
                if (IndexOfName(name) >= 0) name = SegmentFormat.Name(nextSeq, true);
                SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindAppended, generation, nextSeq, 0, 0);
                RecordCodec.Encode(ref record, segmentBuffer, SegmentFormat.HeaderSize);
                store.Append(name, segmentBuffer, 0, SegmentFormat.HeaderSize + RecordCodec.Size);
                store.Flush(name);
                SegmentInfo info = TakeInfo();
                info.Name = name;
                info.Alternate = name[12] == 'c';
                info.First = nextSeq;
                info.RangeEnd = nextSeq;
                info.Slots = 1;
                info.Valid = 1;
                Insert(info);
                forceNewSegment = false;
            }

            nextSeq++;
            count++;
            lastSession = record.Session;
            hasLast = (record.Flags & RecordFlags.SessionEnd) == 0;
            isFull = false;
            return coalesced ? AppendResult.AppendedAfterCoalescing : AppendResult.Appended;
        }

        // ------------------------------------------------------------------ read

        /// <inheritdoc/>
        public int Read(uint fromSeq, Record[] into, int offset, int count)
        {
            if (into == null) throw new ArgumentNullException(nameof(into));
            if (offset < 0 || count < 0 || offset > into.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            int copied = 0;
            uint after = fromSeq == 0 ? 0 : fromSeq - 1;
            for (int i = 0; i < segmentCount && copied < count; i++)
            {
                SegmentInfo s = segments[i];
                if (s.Stray || s.Slots == 0 || s.RangeEnd <= after) continue;
                copied += s.Coalesced
                    ? ReadCoalesced(s, ref after, into, offset + copied, count - copied)
                    : ReadAppended(s, ref after, into, offset + copied, count - copied);
            }

            return copied;
        }

        private int ReadAppended(SegmentInfo s, ref uint after, Record[] into, int offset, int count)
        {
            int startSlot = after >= s.First ? (int)(after - s.First + 1) : 0;
            int slots = s.Slots - startSlot;
            int maxSlots = segmentBuffer.Length / RecordCodec.Size;
            if (slots > maxSlots) slots = maxSlots;
            if (slots > count + (s.Valid < s.Slots ? s.Slots - s.Valid : 0)) slots = count + (s.Slots - s.Valid);
            if (slots <= 0) return 0;
            int bytes = ReadFully(s.Name, SegmentFormat.HeaderSize + (long)startSlot * RecordCodec.Size, segmentBuffer, slots * RecordCodec.Size);
            int copied = 0;
            for (int k = 0; k < bytes / RecordCodec.Size && copied < count; k++)
            {
                uint seq = s.First + (uint)(startSlot + k);
                if (seq <= after) continue;
                if (!RecordCodec.TryDecode(segmentBuffer, k * RecordCodec.Size, seq, ref into[offset + copied])) continue;
                if ((into[offset + copied].Flags & RecordFlags.Coalesced) != 0) continue;
                after = seq;
                copied++;
            }

            return copied;
        }

        private int ReadCoalesced(SegmentInfo s, ref uint after, Record[] into, int offset, int count)
        {
            int bytes = ReadFully(s.Name, SegmentFormat.HeaderSize, segmentBuffer, s.Slots * RecordCodec.Size);
            int slots = bytes / RecordCodec.Size;
            int copied = 0;
            uint seq = s.First;
            int slot = 0;
            while (slot < slots && copied < count)
            {
                if (s.FirstBad >= 0 && slot == s.FirstBad)
                {
                    if (s.AnchorSlot < 0) break;
                    slot = s.AnchorSlot;
                    seq = s.AnchorSeq;
                    continue;
                }

                if (!RecordCodec.TryDecode(segmentBuffer, slot * RecordCodec.Size, seq, ref into[offset + copied])) break;
                uint last = into[offset + copied].LastSeq;
                seq = last + 1;
                slot++;
                if (into[offset + copied].Seq <= after) continue;
                after = last;
                copied++;
            }

            return copied;
        }

        // ------------------------------------------------------------------ release

        /// <inheritdoc/>
        public void Release(uint sentUpTo)
        {
            if (sentUpTo > this.sentUpTo) this.sentUpTo = sentUpTo;
            ProtectAttempted(sentUpTo);
            DeleteSent();
        }

        private void DeleteSent()
        {
            int tailIndex = TailIndex();
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo s = segments[i];
                if (i == tailIndex || s.Stray || s.RangeEnd > sentUpTo) continue;
                store.Delete(s.Name);
                count -= s.Valid;
                RemoveAt(i);
                i--;
                tailIndex--;
            }
        }

        // ------------------------------------------------------------------ coalescing

        private bool CompactOnce(uint attemptedUpTo)
        {
            int tailIndex = TailIndex();
            for (int i = 0; i + 1 < segmentCount; i++)
            {
                SegmentInfo x = segments[i];
                SegmentInfo y = segments[i + 1];
                if (i + 1 >= tailIndex || x.Stray || y.Stray) continue;
                if (!IsWhole(x) || !IsWhole(y) || y.First != x.RangeEnd + 1 || y.RangeEnd <= attemptedUpTo) continue;
                string name = SegmentFormat.Name(x.First, !x.Alternate);
                if (IndexOfName(name) >= 0) continue;
                if (workA == null)
                {
                    workA = new Record[2 * slotsPerSegment];
                    workB = new Record[2 * slotsPerSegment];
                }

                int n = LoadRecords(x, workA, 0);
                if (n < 0) continue;
                int m = LoadRecords(y, workA, n);
                if (m < 0) continue;
                n += m;
                int kept = Coalescer.Merge(workA, workB, n, slotsPerSegment, attemptedUpTo);
                if (kept < 0) continue;
                Record[] result = (kept & 1) == 0 ? workA : workB;
                int length = kept >> 1;
                WriteCoalesced(name, x.First, y.RangeEnd, result, length);
                store.Delete(x.Name);
                store.Delete(y.Name);
                count -= x.Valid + y.Valid - length;
                x.Name = name;
                x.Alternate = !x.Alternate;
                x.Coalesced = true;
                x.Complete = true;
                x.RangeEnd = y.RangeEnd;
                x.Slots = length;
                x.Valid = length;
                x.FirstBad = -1;
                x.AnchorSlot = -1;
                x.Torn = false;
                RemoveAt(i + 1);
                coalescings++;
                return true;
            }

            return false;
        }

        private void WriteCoalesced(string name, uint first, uint replacedLast, Record[] records, int length)
        {
            SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindCoalesced, generation, first, replacedLast, length);
            for (int k = 0; k < length; k++)
            {
                RecordCodec.Encode(ref records[k], segmentBuffer, SegmentFormat.HeaderSize + k * RecordCodec.Size);
            }

            store.Append(name, segmentBuffer, 0, SegmentFormat.HeaderSize + length * RecordCodec.Size);
            store.Flush(name);
        }

        private static bool IsWhole(SegmentInfo s)
        {
            return !s.Torn && s.FirstBad < 0 && s.Valid == s.Slots && (!s.Coalesced || s.Complete);
        }

        private int LoadRecords(SegmentInfo s, Record[] into, int offset)
        {
            int bytes = ReadFully(s.Name, SegmentFormat.HeaderSize, segmentBuffer, s.Slots * RecordCodec.Size);
            if (bytes != s.Slots * RecordCodec.Size) return -1;
            uint seq = s.First;
            for (int k = 0; k < s.Slots; k++)
            {
                if (!RecordCodec.TryDecode(segmentBuffer, k * RecordCodec.Size, seq, ref into[offset + k])) return -1;
                seq = into[offset + k].LastSeq + 1;
            }

            return seq - 1 == s.RangeEnd ? s.Slots : -1;
        }

        // ------------------------------------------------------------------ recovery

        private void Recover(IRandomSource random)
        {
            string[] names;
            try
            {
                names = store.List();
            }
            catch (Exception e)
            {
                report.Errors++;
                report.Add("cannot list files: " + e.Message);
                names = new string[0];
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
                    report.Errors++;
                    report.Add(names[i] + ": " + e.Message);
                }
            }

            ChooseGeneration();
            ResolveCoalescing();
            DeleteDoomed();
            Summarise();
            RepairTail();
            if (Tail() == null) Create(random);
        }

        private void ScanFile(string name, uint firstFromName, bool alternate)
        {
            long length = store.Length(name);
            int toRead = length > segmentBytes ? segmentBytes : (int)(length < 0 ? 0 : length);
            int got = ReadFully(name, 0, segmentBuffer, toRead);
            SegmentInfo info = new SegmentInfo();
            info.Name = name;
            info.First = firstFromName;
            info.Alternate = alternate;
            if (got < SegmentFormat.HeaderSize && IsPrefixOfOurHeader(got))
            {
                // a segment whose creation was cut before its header was complete: it holds no committed record
                info.Doomed = true;
                report.TornTails++;
                report.Add(name + ": torn header (" + got + " bytes), removed");
                Insert(info);
                return;
            }

            if (SegmentFormat.HasMagic(segmentBuffer, 0, got) && SegmentFormat.VersionOf(segmentBuffer, 0) > SegmentFormat.Version)
            {
                info.Stray = true;
                report.FutureVersionFiles++;
                report.Add(name + ": format version " + SegmentFormat.VersionOf(segmentBuffer, 0) + " is newer than " + SegmentFormat.Version + ", kept unread");
                Insert(info);
                return;
            }

            if (!SegmentFormat.IsValidHeader(segmentBuffer, 0, got) || LittleEndian.ReadUInt32(segmentBuffer, 12) != firstFromName)
            {
                info.Stray = true;
                report.UnreadableFiles++;
                report.Add(name + ": no valid segment header (" + got + " bytes), kept unread");
                Insert(info);
                return;
            }

            info.Coalesced = segmentBuffer[5] == SegmentFormat.KindCoalesced;
            info.Generation = LittleEndian.ReadUInt32(segmentBuffer, 8);
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
            Insert(info);
        }

        private bool IsPrefixOfOurHeader(int got)
        {
            if (got >= 4 && LittleEndian.ReadUInt32(segmentBuffer, 0) != SegmentFormat.Magic) return false;
            if (got < 4)
            {
                for (int i = 0; i < got; i++)
                {
                    if (segmentBuffer[i] != (byte)(SegmentFormat.Magic >> (8 * i))) return false;
                }
            }

            return got < 5 || segmentBuffer[4] <= SegmentFormat.Version;
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
            uint replacedLast = LittleEndian.ReadUInt32(segmentBuffer, 16);
            int headerCount = LittleEndian.ReadUInt16(segmentBuffer, 20);
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
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo s = segments[i];
                if (!s.Stray && !s.Doomed) newest = s;
            }

            if (newest != null) generation = newest.Generation;
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo s = segments[i];
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
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo c = segments[i];
                if (c.Stray || c.Doomed || !c.Coalesced || !c.Complete) continue;
                for (int j = 0; j < segmentCount; j++)
                {
                    SegmentInfo s = segments[j];
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
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo c = segments[i];
                if (c.Stray || c.Doomed || !c.Coalesced || c.Complete) continue;
                for (int j = 0; j < segmentCount; j++)
                {
                    SegmentInfo s = segments[j];
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
            for (int i = 0; i < segmentCount; i++)
            {
                if (!segments[i].Doomed) continue;
                try
                {
                    store.Delete(segments[i].Name);
                }
                catch (Exception e)
                {
                    report.Errors++;
                    report.Add(segments[i].Name + ": cannot delete: " + e.Message);
                }

                RemoveAt(i);
                i--;
            }
        }

        private void Summarise()
        {
            uint next = 1;
            uint previousEnd = 0;
            bool any = false;
            SegmentInfo last = null;
            for (int i = 0; i < segmentCount; i++)
            {
                SegmentInfo s = segments[i];
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

            if (segmentCount > 0 && segments[segmentCount - 1].Stray)
            {
                // a newest file this version cannot read may hold Seqs up to a whole segment's worth of coalesced records
                uint bound = segments[segmentCount - 1].First + 65536;
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
            int bytes = ReadFully(last.Name, SegmentFormat.HeaderSize, segmentBuffer, last.Slots * RecordCodec.Size);
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
            SegmentInfo tail = Tail();
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
            if (IndexOfName(name) >= 0) name = SegmentFormat.Name(nextSeq, true);
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
                Insert(info);
                forceNewSegment = false;
                report.Add("created ring generation " + generation + " at Seq " + nextSeq);
            }
            catch (Exception e)
            {
                report.Errors++;
                report.Add("cannot create the first segment: " + e.Message);
            }
        }

        // ------------------------------------------------------------------ index helpers

        private int ComputeFreeSlots()
        {
            int spareFiles = fileBudget - 1 - segmentCount;
            if (spareFiles < 0) spareFiles = 0;
            SegmentInfo tail = Tail();
            int tailFree = tail != null && IsAppendable(tail) ? slotsPerSegment - tail.Slots : 0;
            return tailFree + spareFiles * slotsPerSegment;
        }

        private bool IsAppendable(SegmentInfo s)
        {
            return !forceNewSegment && !s.Coalesced && !s.Stray && !s.Torn && s.FirstBad < 0 && s.Slots < slotsPerSegment
                && s.First + (uint)s.Slots == nextSeq;
        }

        private int TailIndex()
        {
            for (int i = segmentCount - 1; i >= 0; i--)
            {
                if (!segments[i].Stray) return i;
            }

            return -1;
        }

        private SegmentInfo Tail()
        {
            int i = TailIndex();
            return i < 0 ? null : segments[i];
        }

        private int IndexOfName(string name)
        {
            for (int i = 0; i < segmentCount; i++)
            {
                if (segments[i].Name == name) return i;
            }

            return -1;
        }

        private void Insert(SegmentInfo info)
        {
            if (segmentCount == segments.Length)
            {
                SegmentInfo[] larger = new SegmentInfo[segments.Length * 2];
                Array.Copy(segments, larger, segmentCount);
                segments = larger;
            }

            int at = segmentCount;
            while (at > 0 && Before(info, segments[at - 1])) at--;
            for (int i = segmentCount; i > at; i--) segments[i] = segments[i - 1];
            segments[at] = info;
            segmentCount++;
        }

        private static bool Before(SegmentInfo a, SegmentInfo b)
        {
            if (a.First != b.First) return a.First < b.First;
            return a.Coalesced && !b.Coalesced;
        }

        private SegmentInfo TakeInfo()
        {
            SegmentInfo info = spareInfo;
            if (info == null) return new SegmentInfo();
            spareInfo = null;
            info.Name = null;
            info.Generation = generation;
            info.First = 0;
            info.RangeEnd = 0;
            info.Slots = 0;
            info.Valid = 0;
            info.Coalesced = false;
            info.Alternate = false;
            info.Torn = false;
            info.FirstBad = -1;
            info.AnchorSlot = -1;
            info.AnchorSeq = 0;
            info.Complete = false;
            info.Stray = false;
            info.Doomed = false;
            return info;
        }

        private void RemoveAt(int index)
        {
            spareInfo = segments[index];
            for (int i = index; i < segmentCount - 1; i++) segments[i] = segments[i + 1];
            segmentCount--;
            segments[segmentCount] = null;
        }

        private int ReadFully(string name, long position, byte[] buffer, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = store.Read(name, position + total, buffer, total, count - total);
                if (n <= 0) break;
                total += n;
            }

            return total;
        }
    }
}
