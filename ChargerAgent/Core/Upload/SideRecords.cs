using System;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The side file of records taken out of the upload queue without being acknowledged:
    /// quarantined (rejected as invalid: kept, counted, shown, re-sendable) and set aside (422:
    /// retried on the slow clock). <c>SentUpTo</c> moves past them, so this file is what keeps them:
    /// each entry holds the whole record (its Seq range and fields), so the ring may delete its
    /// segment. An <see cref="AppendLog"/> (SPEC.md, "Side records") of 34-byte entries (add
    /// quarantined, add set aside, remove); a torn last entry is ignored on load. Rewritten compactly
    /// when mostly dead, and always before it passes its byte budget (<see cref="MaxFileBytes"/>).
    /// </summary>
    /// <remarks>
    /// Format version <see cref="FormatVersion"/>. Version 1 files (36-byte entries, the same fields
    /// with an FNV-1a checksum, no header) are read as they are; the first write rewrites them.
    /// </remarks>
    public sealed class SideRecords
    {
        /// <summary>File name in the file store.</summary>
        public const string FileName = "upload-side.bin";

        /// <summary>Bytes per log entry.</summary>
        public const int EntrySize = 34;

        /// <summary>Format version written (1: the file before the append log).</summary>
        public const byte FormatVersion = 2;

        /// <summary>Most records a table may hold: its file then stays within one LittleFS block.</summary>
        public const int MaxCapacity = 64;

        /// <summary>Entries the log holds beyond the capacity before it is compacted.</summary>
        public const int SlackEntries = 55;

        /// <summary>The file's byte budget at <see cref="MaxCapacity"/>: 4,080 bytes, one LittleFS block.</summary>
        public const int MaxFileBytes = (1 + MaxCapacity + SlackEntries) * EntrySize;

        private const int LegacyEntrySize = 36;

        /// <summary>Kind of an entry: quarantined.</summary>
        public const byte Quarantined = 1;

        /// <summary>Kind of an entry: set aside after 422.</summary>
        public const byte SetAside = 2;

        private const byte OpRemove = 3;

        private readonly IFileStore files;
        private readonly AppendLog log;
        // The records packed as their entries' fields (a Record[] costs ten times the bytes on nanoCLR, which boxes each
        // element), with their Seqs beside them for the lookups.
        private const int Slot = 32;
        private readonly byte[] packed;
        private readonly uint[] seqs;
        private readonly byte[] kinds;
        private readonly long[] dueMs;
        private readonly byte[] entry = new byte[LegacyEntrySize];

        /// <summary>Creates an empty table of at most <paramref name="capacity"/> records over <paramref name="files"/>.</summary>
        public SideRecords(IFileStore files, int capacity)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (capacity < 1 || capacity > MaxCapacity) throw new ArgumentOutOfRangeException(nameof(capacity));
            this.files = files;
            log = new AppendLog(files, FileName, FormatVersion, EntrySize, capacity + SlackEntries);
            packed = new byte[capacity * Slot];
            seqs = new uint[capacity];
            kinds = new byte[capacity];
            dueMs = new long[capacity];
        }

        /// <summary>Records held.</summary>
        public int Count { get; private set; }

        /// <summary>Most records held.</summary>
        public int Capacity
        {
            get { return seqs.Length; }
        }

        /// <summary>True when no more records fit.</summary>
        public bool IsFull
        {
            get { return Count == seqs.Length; }
        }

        /// <summary>Records quarantined.</summary>
        public int QuarantinedCount { get; private set; }

        /// <summary>Records set aside.</summary>
        public int SetAsideCount
        {
            get { return Count - QuarantinedCount; }
        }

        /// <summary>Loads the file (entries past a torn or bad one are ignored); set-aside records become due at <paramref name="nowMs"/>.</summary>
        /// <returns>Entries ignored as damaged.</returns>
        public int Load(long nowMs)
        {
            Count = 0;
            QuarantinedCount = 0;
            AppendLogContent content = log.Open();
            if (content == AppendLogContent.Foreign) return LoadLegacy(nowMs);
            int damaged = 0;
            for (int i = 0; i < log.Entries; i++)
            {
                if (log.Read(i, entry) && !Replay(nowMs)) damaged++;
            }

            damaged += log.Damaged;
            if (damaged > 0) Compact();
            return damaged;
        }

        /// <summary>Version 1: 36-byte entries with an FNV-1a checksum from byte 0, no header; read up to the first damaged one.</summary>
        private int LoadLegacy(long nowMs)
        {
            long length = files.Length(FileName);
            int damaged = 0;
            for (long position = 0; position + LegacyEntrySize <= length; position += LegacyEntrySize)
            {
                if (files.Read(FileName, position, entry, 0, LegacyEntrySize) != LegacyEntrySize || !Fnv1aChecksum.IsValid(entry, LegacyEntrySize))
                {
                    damaged++;
                    break;
                }

                if (!Replay(nowMs)) damaged++;
            }

            if (length % LegacyEntrySize != 0) damaged++;
            if (damaged > 0) Compact();
            return damaged;
        }

        /// <summary>Applies the entry in the buffer; false when it does not fit the table.</summary>
        private bool Replay(long nowMs)
        {
            Record r = Decode(entry, 0);
            int at = Find(r.Seq);
            if (entry[0] == OpRemove)
            {
                if (at >= 0) RemoveAt(at);
            }
            else if (entry[0] != Quarantined && entry[0] != SetAside)
            {
                // a kind a later version added: skipped
            }
            else if (at >= 0)
            {
                SetKind(at, entry[0]);
                Put(at, ref r);
            }
            else if (Count < seqs.Length)
            {
                Put(Count, ref r);
                kinds[Count] = 0;
                SetKind(Count, entry[0]);
                dueMs[Count] = nowMs;
                Count++;
            }
            else
            {
                return false;
            }

            return true;
        }

        /// <summary>Adds (or re-kinds) a record durably before returning.</summary>
        /// <remarks>
        /// When the write throws (a full or failing flash), the table is left as it was: the uploader
        /// moves <c>SentUpTo</c> past any record the table holds, so it may hold only what a restart
        /// would find.
        /// </remarks>
        /// <exception cref="InvalidOperationException">The table is full.</exception>
        public void Add(ref Record record, byte kind, long dueAtMs)
        {
            if (kind != Quarantined && kind != SetAside) throw new ArgumentOutOfRangeException(nameof(kind));
            int at = Find(record.Seq);
            bool added = at < 0;
            if (added)
            {
                if (IsFull) throw new InvalidOperationException("side table full");
                at = Count++;
                kinds[at] = 0;
            }

            Record before = Get(at);
            byte kindBefore = kinds[at];
            long dueBefore = dueMs[at];
            Put(at, ref record);
            SetKind(at, kind);
            dueMs[at] = dueAtMs;
            try
            {
                Log(kind, ref record);
            }
            catch
            {
                SetKind(at, kindBefore);
                Put(at, ref before);
                dueMs[at] = dueBefore;
                if (added) Count--;
                throw;
            }
        }

        /// <summary>Removes the record with this Seq durably (after the API took it).</summary>
        public void Remove(uint seq)
        {
            int at = Find(seq);
            if (at < 0) return;
            Record r = Get(at);
            RemoveAt(at);
            Log(OpRemove, ref r);
            if (log.Entries > 4 * (Count + 8)) Compact();
        }

        /// <summary>True when a record with this Seq is held.</summary>
        public bool Contains(uint seq)
        {
            return Find(seq) >= 0;
        }

        /// <summary>Turns every quarantined record into a set-aside one due at <paramref name="nowMs"/>; returns how many.</summary>
        public int ReleaseQuarantine(long nowMs)
        {
            int moved = 0;
            for (int i = 0; i < Count; i++)
            {
                if (kinds[i] != Quarantined) continue;
                SetKind(i, SetAside);
                dueMs[i] = nowMs;
                Record r = Get(i);
                Log(SetAside, ref r);
                moved++;
            }

            return moved;
        }

        /// <summary>Makes every set-aside record due at <paramref name="nowMs"/> (upload now).</summary>
        public void MakeAllDue(long nowMs)
        {
            for (int i = 0; i < Count; i++)
            {
                if (kinds[i] == SetAside) dueMs[i] = nowMs;
            }
        }

        /// <summary>The oldest set-aside record due at <paramref name="nowMs"/>.</summary>
        /// <returns>False when none is due.</returns>
        public bool TryGetDue(long nowMs, out Record record)
        {
            int best = -1;
            for (int i = 0; i < Count; i++)
            {
                if (kinds[i] == SetAside && dueMs[i] <= nowMs && (best < 0 || seqs[i] < seqs[best])) best = i;
            }

            record = best < 0 ? default(Record) : Get(best);
            return best >= 0;
        }

        /// <summary>Sets when the set-aside record <paramref name="seq"/> is next due (in memory only).</summary>
        public void SetDue(uint seq, long atMs)
        {
            int at = Find(seq);
            if (at >= 0) dueMs[at] = atMs;
        }

        /// <summary>The smallest Seq held, or 0 when empty.</summary>
        public uint LowestSeq()
        {
            uint low = 0;
            for (int i = 0; i < Count; i++)
            {
                if (low == 0 || seqs[i] < low) low = seqs[i];
            }

            return low;
        }

        /// <summary>The record at position <paramref name="i"/> (0..Count-1), for listing.</summary>
        public Record At(int i, out byte kind)
        {
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(i));
            kind = kinds[i];
            return Get(i);
        }

        private void SetKind(int at, byte kind)
        {
            if (kinds[at] == Quarantined) QuarantinedCount--;
            kinds[at] = kind;
            if (kind == Quarantined) QuarantinedCount++;
        }

        private void RemoveAt(int at)
        {
            SetKind(at, 0);
            Count--;
            Array.Copy(packed, Count * Slot, packed, at * Slot, Slot);
            seqs[at] = seqs[Count];
            kinds[at] = kinds[Count];
            dueMs[at] = dueMs[Count];
        }

        private int Find(uint seq)
        {
            for (int i = 0; i < Count; i++)
            {
                if (seqs[i] == seq) return i;
            }

            return -1;
        }

        private void Log(byte op, ref Record r)
        {
            if (log.MustRewrite)
            {
                // The entry's effect is already in memory: the rewrite carries it.
                Compact();
                return;
            }

            Encode(op, ref r, entry, 0);
            log.Append(entry);
        }

        private void Compact()
        {
            byte[] all = log.RewriteBuffer(Count);
            for (int i = 0; i < Count; i++)
            {
                Record r = Get(i);
                Encode(kinds[i], ref r, all, log.EntryOffset(i));
            }
            log.Rewrite(all);
        }

        private static void Encode(byte op, ref Record r, byte[] into, int at)
        {
            into[at] = op;
            into[at + 1] = (byte)r.Flags;
            LittleEndian.WriteUInt16(into, at + 2, r.SeqCount);
            LittleEndian.WriteUInt32(into, at + 4, r.Seq);
            LittleEndian.WriteInt64(into, at + 8, r.Start);
            LittleEndian.WriteUInt32(into, at + 16, r.DurationSeconds);
            LittleEndian.WriteUInt16(into, at + 20, r.Boot);
            LittleEndian.WriteUInt32(into, at + 22, r.Wh);
            LittleEndian.WriteUInt32(into, at + 26, r.Session);
            into[at + 30] = r.ConfidencePercent;
            into[at + 31] = 0;
        }

        private static Record Decode(byte[] from, int at)
        {
            Record r = default(Record);
            r.Flags = (RecordFlags)from[at + 1];
            r.SeqCount = (ushort)LittleEndian.ReadUInt16(from, at + 2);
            r.Seq = LittleEndian.ReadUInt32(from, at + 4);
            r.Start = LittleEndian.ReadInt64(from, at + 8);
            r.DurationSeconds = LittleEndian.ReadUInt32(from, at + 16);
            r.Boot = (ushort)LittleEndian.ReadUInt16(from, at + 20);
            r.Wh = LittleEndian.ReadUInt32(from, at + 22);
            r.Session = LittleEndian.ReadUInt32(from, at + 26);
            r.ConfidencePercent = from[at + 30];
            return r;
        }

        private Record Get(int at)
        {
            return Decode(packed, at * Slot);
        }

        private void Put(int at, ref Record r)
        {
            Encode(0, ref r, packed, at * Slot);
            seqs[at] = r.Seq;
        }
    }
}
