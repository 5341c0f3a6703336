using System;
using System.IO;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The record ring on flash (SPEC.md beside this file): append-only segment files of one
    /// LittleFS block, named by their first Seq, each record a 20-byte slot with its own CRC.
    /// Appending is the commit point (one append and one sync per record). At <see cref="Open"/>,
    /// <see cref="RingRecovery"/> scans every segment into the <see cref="SegmentIndex"/>, resolves
    /// an interrupted coalescing, and reports damage without throwing (a read error fails the open);
    /// this class runs the ring from there: append,
    /// read, release and coalescing.
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
        private readonly int slotsPerSegment;
        private readonly int fileBudget;
        private readonly int edgeReserve;
        private readonly byte[] segmentBuffer;
        private readonly byte[] slotBuffer = new byte[RecordCodec.Size];
        private readonly SegmentIndex index;
        private readonly RecoveryReport report = new RecoveryReport();
        private byte[] workA;
        private byte[] workB;
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
        private bool nothingToMerge;
        private bool loadFailed;

        private RecordRing(IFileStore store, RingOptions options)
        {
            this.store = store;
            int segmentBytes = options.SegmentBytes;
            slotsPerSegment = SegmentFormat.SlotsPerSegment(segmentBytes);
            fileBudget = options.TotalBytes / segmentBytes;
            edgeReserve = options.EdgeReserve;
            segmentBuffer = new byte[segmentBytes];
            index = new SegmentIndex(fileBudget + 4);
        }

        /// <summary>
        /// Opens the ring kept in <paramref name="store"/>: scans every segment file, keeps every
        /// valid record, and reports in <see cref="Recovery"/> what it skipped or repaired. Creates
        /// the ring (a new random generation from <paramref name="random"/>) when no segment exists.
        /// Damaged files are reported, never thrown.
        /// </summary>
        /// <exception cref="IOException">The flash could not list or read a segment file (a read
        /// error): nothing was written, the files are kept as they are for the next open.</exception>
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

        private void Recover(IRandomSource random)
        {
            RingRecovery recovery = new RingRecovery(store, index, segmentBuffer, slotsPerSegment, report);
            recovery.Run(random);
            generation = recovery.Generation;
            nextSeq = recovery.NextSeq;
            count = recovery.Count;
            lastSession = recovery.LastSession;
            hasLast = recovery.HasLast;
            forceNewSegment = recovery.ForceNewSegment;
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
            get { return index.Count; }
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
            bool writing = false;
            try
            {
                if (ComputeFreeSlots() < needed) DeleteSent();
                // Once no pair merges, none will until a record is added (the watermarks only rise):
                // a refused record retried every tick costs no segment reads.
                while (!nothingToMerge && ComputeFreeSlots() < needed)
                {
                    if (!CompactOnce(attemptedUpTo))
                    {
                        nothingToMerge = !loadFailed;
                        break;
                    }

                    coalesced = true;
                }

                bool roll = false;
                if (ComputeFreeSlots() < needed)
                {
                    roll = CanRollTail();
                    if (!roll)
                    {
                        isFull = true;
                        return AppendResult.RefusedFull;
                    }

                    forceNewSegment = true;
                }

                writing = true;
                WriteRecord(ref record);
                if (roll) ReleaseOldTail();
            }
            catch (IOException)
            {
                // The flash refused the write (no space left, or a write error): nothing is
                // committed. The record's slot may be partly written, so its Seq is never handed out
                // again and the next record starts a new segment; the index stays as it was.
                if (writing)
                {
                    nextSeq++;
                    forceNewSegment = true;
                }

                isFull = true;
                return AppendResult.RefusedWriteFailed;
            }

            nextSeq++;
            count++;
            nothingToMerge = false;
            lastSession = record.Session;
            hasLast = (record.Flags & RecordFlags.SessionEnd) == 0;
            isFull = false;
            return coalesced ? AppendResult.AppendedAfterCoalescing : AppendResult.Appended;
        }

        private void WriteRecord(ref Record record)
        {
            SegmentInfo tail = index.Tail();
            if (tail != null && IsAppendable(tail))
            {
                RecordCodec.Encode(ref record, slotBuffer, 0);
                store.Append(tail.Name, slotBuffer, 0, RecordCodec.Size);
                store.Flush(tail.Name);
                tail.Slots++;
                tail.Valid++;
                tail.RangeEnd = record.Seq;
                return;
            }

            string name = SegmentFormat.Name(nextSeq, false);
            if (index.IndexOfName(name) >= 0) name = SegmentFormat.Name(nextSeq, true);
            SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindAppended, generation, nextSeq, 0, 0);
            RecordCodec.Encode(ref record, segmentBuffer, SegmentFormat.HeaderSize);
            store.Append(name, segmentBuffer, 0, SegmentFormat.HeaderSize + RecordCodec.Size);
            store.Flush(name);
            SegmentInfo info = index.Take(generation);
            info.Name = name;
            info.Alternate = name[12] == 'c';
            info.First = nextSeq;
            info.RangeEnd = nextSeq;
            info.Slots = 1;
            info.Valid = 1;
            index.Insert(info);
            forceNewSegment = false;
        }

        // ------------------------------------------------------------------ read

        /// <inheritdoc/>
        public int Read(uint fromSeq, Record[] into, int offset, int count)
        {
            if (into == null) throw new ArgumentNullException(nameof(into));
            if (offset < 0 || count < 0 || offset > into.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            int copied = 0;
            uint after = fromSeq == 0 ? 0 : fromSeq - 1;
            for (int i = 0; i < index.Count && copied < count; i++)
            {
                SegmentInfo s = index.At(i);
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
            int bytes = FileReads.ReadFully(store, s.Name, SegmentFormat.HeaderSize + (long)startSlot * RecordCodec.Size, segmentBuffer, slots * RecordCodec.Size);
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
            int bytes = FileReads.ReadFully(store, s.Name, SegmentFormat.HeaderSize, segmentBuffer, s.Slots * RecordCodec.Size);
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
            int tailIndex = index.TailIndex();
            for (int i = 0; i < index.Count; i++)
            {
                SegmentInfo s = index.At(i);
                if (i == tailIndex || s.Stray || s.RangeEnd > sentUpTo) continue;
                store.Delete(s.Name);
                count -= s.Valid;
                index.RemoveAt(i);
                i--;
                tailIndex--;
            }
        }

        /// <summary>
        /// True when every record of the newest segment was sent and the file kept free for a
        /// coalescing is there to take a new one: the next record then starts a new segment and the
        /// old newest is released (SPEC.md 4.4), so a ring whose records are all sent is never full,
        /// whatever kept files take of its budget.
        /// </summary>
        private bool CanRollTail()
        {
            SegmentInfo tail = index.Tail();
            return tail != null && tail.RangeEnd <= sentUpTo && index.Count < fileBudget;
        }

        private void ReleaseOldTail()
        {
            try
            {
                DeleteSent();
            }
            catch (IOException)
            {
                // The record is committed: a sent segment left behind goes at the next release.
            }
        }

        // ------------------------------------------------------------------ coalescing

        private bool CompactOnce(uint attemptedUpTo)
        {
            int tailIndex = index.TailIndex();
            loadFailed = false;
            for (int i = 0; i + 1 < index.Count; i++)
            {
                SegmentInfo x = index.At(i);
                SegmentInfo y = index.At(i + 1);
                if (i + 1 > tailIndex || x.Stray || y.Stray) continue;
                if (!IsWhole(x) || !IsWhole(y) || y.First != x.RangeEnd + 1 || y.RangeEnd <= attemptedUpTo) continue;
                string name = SegmentFormat.Name(x.First, !x.Alternate);
                if (index.IndexOfName(name) >= 0) continue;
                if (workA == null)
                {
                    workA = new byte[2 * slotsPerSegment * RecordCodec.Size];
                    workB = new byte[2 * slotsPerSegment * RecordCodec.Size];
                }

                int n = LoadRecords(x, workA, 0);
                int m = n < 0 ? -1 : LoadRecords(y, workA, n);
                if (m < 0)
                {
                    loadFailed = true;
                    continue;
                }

                n += m;
                int kept = Coalescer.Merge(workA, workB, n, x.First, slotsPerSegment, attemptedUpTo);
                if (kept < 0) continue;
                byte[] result = (kept & 1) == 0 ? workA : workB;
                int length = kept >> 1;
                WriteCoalesced(name, x.First, y.RangeEnd, result, length);
                string oldX = x.Name;
                string oldY = y.Name;
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
                index.RemoveAt(i + 1);
                coalescings++;
                // Z is complete and the index names it: a failed delete leaves an original that
                // recovery deletes as lying inside Z's range (SPEC.md 4.3, 5).
                store.Delete(oldX);
                store.Delete(oldY);
                return true;
            }

            return false;
        }

        private void WriteCoalesced(string name, uint first, uint replacedLast, byte[] slots, int length)
        {
            // A coalescing the flash refused may have left a prefix of Z under this name: start afresh.
            store.Delete(name);
            SegmentFormat.WriteHeader(segmentBuffer, 0, SegmentFormat.KindCoalesced, generation, first, replacedLast, length);
            Array.Copy(slots, 0, segmentBuffer, SegmentFormat.HeaderSize, length * RecordCodec.Size);

            store.Append(name, segmentBuffer, 0, SegmentFormat.HeaderSize + length * RecordCodec.Size);
            store.Flush(name);
        }

        private static bool IsWhole(SegmentInfo s)
        {
            return !s.Torn && s.FirstBad < 0 && s.Valid == s.Slots && (!s.Coalesced || s.Complete);
        }

        /// <summary>Copies the slots of <paramref name="s"/> into <paramref name="into"/> from slot <paramref name="offset"/>, checking each decodes in its Seq chain; -1 when one does not.</summary>
        private int LoadRecords(SegmentInfo s, byte[] into, int offset)
        {
            int bytes = FileReads.ReadFully(store, s.Name, SegmentFormat.HeaderSize, segmentBuffer, s.Slots * RecordCodec.Size);
            if (bytes != s.Slots * RecordCodec.Size) return -1;
            Record r = default(Record);
            uint seq = s.First;
            for (int k = 0; k < s.Slots; k++)
            {
                if (!RecordCodec.TryDecode(segmentBuffer, k * RecordCodec.Size, seq, ref r)) return -1;
                seq = r.LastSeq + 1;
            }

            if (seq - 1 != s.RangeEnd) return -1;
            Array.Copy(segmentBuffer, 0, into, offset * RecordCodec.Size, bytes);
            return s.Slots;
        }

        // ------------------------------------------------------------------ index helpers

        private int ComputeFreeSlots()
        {
            int spareFiles = fileBudget - 1 - index.Count;
            if (spareFiles < 0) spareFiles = 0;
            SegmentInfo tail = index.Tail();
            int tailFree = tail != null && IsAppendable(tail) ? slotsPerSegment - tail.Slots : 0;
            return tailFree + spareFiles * slotsPerSegment;
        }

        private bool IsAppendable(SegmentInfo s)
        {
            return !forceNewSegment && !s.Coalesced && !s.Stray && !s.Torn && s.FirstBad < 0 && s.Slots < slotsPerSegment
                && s.First + (uint)s.Slots == nextSeq;
        }
    }
}
