using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The instant costs of acknowledged records, surviving reboots: per session a running sum (so a
    /// session's cost is the sum of its records' costs), and per record above the saved
    /// <c>SentUpTo</c> its own entry: the durable acknowledgement from which a restart derives how
    /// far <c>SentUpTo</c> got (it is saved lazily), and what keeps a record acknowledged twice
    /// from adding twice. Also remembers which ended sessions still wait
    /// for their <c>/costs/session</c> cross-check. An <see cref="AppendLog"/> of 24-byte entries,
    /// rewritten compactly long before it leaves LittleFS's inline limit (512 bytes), so that an
    /// append costs one metadata commit and never a block erase.
    /// Bounded: at most <see cref="MaxSessions"/> sessions and <see cref="MaxFileEntries"/> entries
    /// (<see cref="MaxFileBytes"/> bytes); every query is bounded by those counts, not by the run's length.
    /// </summary>
    /// <remarks>
    /// Format version 3 (SPEC.md, "Cost store"): the log's header, then entries; a rewrite holds a
    /// rewrite entry (<c>SentUpTo</c>), one session entry per session kept, then the costs of records
    /// above <c>SentUpTo</c>. Versions 1 and 2 (the same entries with an FNV-1a checksum and no
    /// header; version 1 without session and rewrite entries) are read as they are, and the first
    /// write rewrites them as version 3. A reader skips the entry kinds it does not know.
    /// </remarks>
    public sealed class CostStore
    {
        /// <summary>File name in the file store.</summary>
        public const string FileName = "upload-costs.bin";

        /// <summary>Bytes per log entry.</summary>
        public const int EntrySize = 24;

        /// <summary>Format version written (1 and 2: the files before the append log).</summary>
        public const int FormatVersion = 3;

        /// <summary>Sessions kept at most; past it the oldest checked one goes, else the oldest ended one's check is given up.</summary>
        public const int MaxSessions = 8;

        /// <summary>Record costs kept at most; the uploader saves <c>SentUpTo</c> before more than this are above the saved one.</summary>
        public const int MaxPendingCosts = 8;

        /// <summary>Entries the file may hold, its header included, before it is rewritten.</summary>
        public const int MaxFileEntries = 20;

        /// <summary>Largest size of the file: 480 bytes, inside LittleFS's inline limit (512).</summary>
        public const int MaxFileBytes = MaxFileEntries * EntrySize;

        private const byte OpCost = 1;
        private const byte OpSessionEnded = 2;
        private const byte OpSessionChecked = 3;
        private const byte OpSession = 4;
        private const byte OpRewrite = 5;

        private const byte SessionEndedFlag = 1;
        private const byte SessionCheckedFlag = 2;

        private readonly IFileStore files;
        private readonly AppendLog log;
        private readonly byte[] entry = new byte[EntrySize];

        // record costs above SentUpTo, by Seq
        private readonly uint[] seqs = new uint[MaxPendingCosts];
        private readonly uint[] seqSessions = new uint[MaxPendingCosts];
        private readonly long[] seqCosts = new long[MaxPendingCosts];
        private readonly bool[] seqKnown = new bool[MaxPendingCosts];

        // sessions: running sums and check state, oldest first
        private readonly uint[] sessions = new uint[MaxSessions];
        private readonly long[] sums = new long[MaxSessions];
        private readonly int[] records = new int[MaxSessions];
        private readonly int[] unknowns = new int[MaxSessions];
        private readonly byte[] sessionFlags = new byte[MaxSessions];
        private int sessionCount;
        private uint lastSentUpTo;

        /// <summary>Creates an empty store over <paramref name="files"/>; call <see cref="Load"/> first.</summary>
        public CostStore(IFileStore files)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            this.files = files;
            log = new AppendLog(files, FileName, FormatVersion, EntrySize, MaxFileEntries - 1);
        }

        /// <summary>Record costs held one by one (those above <c>SentUpTo</c> at the last rewrite and since).</summary>
        public int Count { get; private set; }

        /// <summary>Sessions held.</summary>
        public int SessionCount
        {
            get { return sessionCount; }
        }

        /// <summary>Session checks given up because more than <see cref="MaxSessions"/> sessions waited.</summary>
        public long ChecksGivenUp { get; private set; }

        /// <summary>Entries in the file (live and dead), for wear and size figures.</summary>
        public long FileEntries
        {
            get { return log.Entries + 1; }
        }

        /// <summary>Replays the file; returns the entries ignored as damaged (a torn last one).</summary>
        public int Load()
        {
            Count = 0;
            sessionCount = 0;
            AppendLogContent content = log.Open();
            if (content == AppendLogContent.Foreign) return LoadLegacy();
            for (int i = 0; i < log.Entries; i++)
            {
                if (log.Read(i, entry)) Replay();
            }

            int damaged = log.Damaged;
            if (damaged > 0) Rewrite(lastSentUpTo);
            return damaged;
        }

        /// <summary>Versions 1 and 2: entries with an FNV-1a checksum from byte 0, no header; read up to the first damaged one.</summary>
        private int LoadLegacy()
        {
            long length = files.Length(FileName);
            int damaged = 0;
            long entries = 0;
            for (long position = 0; position + EntrySize <= length; position += EntrySize)
            {
                if (files.Read(FileName, position, entry, 0, EntrySize) != EntrySize || !Fnv1aChecksum.IsValid(entry, EntrySize))
                {
                    damaged++;
                    break;
                }

                entries++;
                Replay();
            }

            if (length > 0 && length % EntrySize != 0) damaged++;
            if (damaged > 0 || entries > MaxFileEntries) Rewrite(lastSentUpTo);
            return damaged;
        }

        private void Replay()
        {
            uint seq = LittleEndian.ReadUInt32(entry, 4);
            uint session = LittleEndian.ReadUInt32(entry, 8);
            if (entry[0] == OpCost)
            {
                if (FindSeq(seq) < 0) Keep(seq, session, LittleEndian.ReadInt64(entry, 12), (entry[1] & 1) != 0);
            }
            else if (entry[0] == OpSession)
            {
                int at = SessionAt(session);
                sums[at] = LittleEndian.ReadInt64(entry, 12);
                records[at] = (ushort)LittleEndian.ReadUInt16(entry, 4);
                unknowns[at] = (ushort)LittleEndian.ReadUInt16(entry, 6);
                sessionFlags[at] = entry[1];
            }
            else if (entry[0] == OpSessionEnded)
            {
                sessionFlags[SessionAt(session)] |= SessionEndedFlag;
            }
            else if (entry[0] == OpSessionChecked)
            {
                sessionFlags[SessionAt(session)] |= SessionEndedFlag | SessionCheckedFlag;
            }
            else if (entry[0] == OpRewrite)
            {
                lastSentUpTo = seq;
            }
        }

        /// <summary>Record costs kept above <paramref name="seq"/>: with <c>SentUpTo</c> saved at <paramref name="seq"/>, the acknowledgements a restart needs.</summary>
        public int CountAbove(uint seq)
        {
            int n = 0;
            for (int i = 0; i < Count; i++)
            {
                if (seqs[i] > seq) n++;
            }

            return n;
        }

        /// <summary>Drops every record cost (not the sessions' sums): for a ring in which nothing was ever sent, whose Seqs they do not count in.</summary>
        public void ForgetRecordCosts()
        {
            if (Count == 0) return;
            Count = 0;
            Rewrite(0);
        }

        /// <summary>True when a cost for this Seq is already kept (the record was acknowledged before).</summary>
        public bool Contains(uint seq)
        {
            return FindSeq(seq) >= 0;
        }

        /// <summary>Keeps a record's cost durably; false (and nothing written) when that Seq is already kept.</summary>
        public bool Add(uint seq, uint session, long costMicros, bool known)
        {
            if (FindSeq(seq) >= 0) return false;
            Keep(seq, session, costMicros, known);
            Log(OpCost, seq, session, costMicros, known);
            return true;
        }

        /// <summary>Sum of the known costs of a session's records; <paramref name="records"/> counts them, <paramref name="unknown"/> those without a cost. Bounded by <see cref="MaxSessions"/>.</summary>
        public long SessionSum(uint session, out int records, out int unknown)
        {
            int at = FindSession(session);
            records = at < 0 ? 0 : this.records[at];
            unknown = at < 0 ? 0 : unknowns[at];
            return at < 0 ? 0 : sums[at];
        }

        /// <summary>Marks a session ended (its cross-check is now due), durably.</summary>
        public void EndSession(uint session)
        {
            int at = FindSession(session);
            if (at >= 0 && (sessionFlags[at] & SessionEndedFlag) != 0) return;
            sessionFlags[SessionAt(session)] |= SessionEndedFlag;
            Log(OpSessionEnded, 0, session, 0, false);
        }

        /// <summary>The oldest ended session whose cross-check has not answered yet.</summary>
        public bool TryGetUnchecked(out uint session)
        {
            session = 0;
            for (int i = 0; i < sessionCount; i++)
            {
                if (sessionFlags[i] != SessionEndedFlag) continue;
                if (session == 0 || sessions[i] < session) session = sessions[i];
            }

            return session != 0;
        }

        /// <summary>Marks a session's cross-check done, durably, and drops what no later decision needs.</summary>
        public void MarkChecked(uint session, uint sentUpTo)
        {
            sessionFlags[SessionAt(session)] |= SessionEndedFlag | SessionCheckedFlag;
            Log(OpSessionChecked, 0, session, 0, false);
            MaybeCompact(sentUpTo);
        }

        /// <summary>Rewrites the file when it is near its bound, so it stays inline in LittleFS however long the agent runs.</summary>
        /// <returns>True when it was rewritten.</returns>
        public bool MaybeCompact(uint sentUpTo)
        {
            lastSentUpTo = sentUpTo;
            if (log.Entries + 1 < MaxFileEntries - 1 && (Count < MaxPendingCosts || CountAbove(sentUpTo) == Count)) return false;
            Rewrite(sentUpTo);
            return true;
        }

        /// <summary>
        /// Rewrites the file with only what is still needed: a format entry, the sessions not yet
        /// checked (their sums include every cost at or below <paramref name="sentUpTo"/>), and the
        /// costs of records above <paramref name="sentUpTo"/> (a repeated 2xx must still be recognised).
        /// </summary>
        public void Rewrite(uint sentUpTo)
        {
            lastSentUpTo = sentUpTo;
            int kept = 0;
            for (int i = 0; i < Count; i++)
            {
                if (seqs[i] <= sentUpTo) continue; // its cost is in its session's sum already
                seqs[kept] = seqs[i];
                seqSessions[kept] = seqSessions[i];
                seqCosts[kept] = seqCosts[i];
                seqKnown[kept] = seqKnown[i];
                kept++;
            }

            Count = kept;
            int keptSessions = 0;
            for (int i = 0; i < sessionCount; i++)
            {
                if ((sessionFlags[i] & SessionCheckedFlag) != 0 && !HasPendingCost(sessions[i])) continue;
                MoveSession(i, keptSessions++);
            }

            sessionCount = keptSessions;
            byte[] all = log.RewriteBuffer(1 + sessionCount + Count);
            int p = log.EntryOffset(0);
            Encode(OpRewrite, sentUpTo, 0, 0, false);
            Array.Copy(entry, 0, all, p, EntrySize);
            p += EntrySize;
            for (int i = 0; i < sessionCount; i++, p += EntrySize)
            {
                EncodeSession(i);
                Array.Copy(entry, 0, all, p, EntrySize);
            }

            for (int i = 0; i < Count; i++, p += EntrySize)
            {
                Encode(OpCost, seqs[i], seqSessions[i], seqCosts[i], seqKnown[i]);
                Array.Copy(entry, 0, all, p, EntrySize);
            }

            log.Rewrite(all);
        }

        private bool HasPendingCost(uint session)
        {
            for (int i = 0; i < Count; i++)
            {
                if (seqSessions[i] == session) return true;
            }

            return false;
        }

        private void Keep(uint seq, uint session, long cost, bool known)
        {
            if (Count == MaxPendingCosts)
            {
                // The lowest Seq goes: the uploader saves SentUpTo before more than MaxPendingCosts
                // costs are above it, so that one is at or below the saved SentUpTo.
                int lowest = 0;
                for (int i = 1; i < Count; i++)
                {
                    if (seqs[i] < seqs[lowest]) lowest = i;
                }

                for (int i = lowest + 1; i < Count; i++)
                {
                    seqs[i - 1] = seqs[i];
                    seqSessions[i - 1] = seqSessions[i];
                    seqCosts[i - 1] = seqCosts[i];
                    seqKnown[i - 1] = seqKnown[i];
                }

                Count--;
            }

            seqs[Count] = seq;
            seqSessions[Count] = session;
            seqCosts[Count] = cost;
            seqKnown[Count] = known;
            Count++;
            if (session == 0) return;
            int at = SessionAt(session);
            records[at]++;
            if (known) sums[at] += cost;
            else unknowns[at]++;
        }

        private int FindSeq(uint seq)
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (seqs[i] == seq) return i;
            }

            return -1;
        }

        private int FindSession(uint session)
        {
            for (int i = 0; i < sessionCount; i++)
            {
                if (sessions[i] == session) return i;
            }

            return -1;
        }

        /// <summary>The session's slot, made when missing (evicting by the rule of <see cref="MaxSessions"/>).</summary>
        private int SessionAt(uint session)
        {
            int at = FindSession(session);
            if (at >= 0) return at;
            if (sessionCount == MaxSessions) Evict();
            at = sessionCount++;
            sessions[at] = session;
            sums[at] = 0;
            records[at] = 0;
            unknowns[at] = 0;
            sessionFlags[at] = 0;
            return at;
        }

        private void Evict()
        {
            int victim = -1;
            for (int i = 0; i < sessionCount && victim < 0; i++)
            {
                if ((sessionFlags[i] & SessionCheckedFlag) != 0) victim = i;
            }

            for (int i = 0; i < sessionCount && victim < 0; i++)
            {
                if ((sessionFlags[i] & SessionEndedFlag) != 0) victim = i;
            }

            if (victim < 0) victim = 0;
            if ((sessionFlags[victim] & SessionCheckedFlag) == 0) ChecksGivenUp++;
            for (int i = victim + 1; i < sessionCount; i++) MoveSession(i, i - 1);
            sessionCount--;
        }

        private void MoveSession(int from, int to)
        {
            sessions[to] = sessions[from];
            sums[to] = sums[from];
            records[to] = records[from];
            unknowns[to] = unknowns[from];
            sessionFlags[to] = sessionFlags[from];
        }

        private void Log(byte op, uint seq, uint session, long cost, bool known)
        {
            if (log.MustRewrite)
            {
                // The entry's effect is already in memory: the rewrite carries it.
                Rewrite(lastSentUpTo);
                return;
            }

            Encode(op, seq, session, cost, known);
            log.Append(entry);
        }

        /// <summary>A session entry holds the session's costs but those kept one by one after it (a load adds them back).</summary>
        private void EncodeSession(int i)
        {
            long sum = sums[i];
            int count = records[i];
            int unknown = unknowns[i];
            for (int k = 0; k < Count; k++)
            {
                if (seqSessions[k] != sessions[i]) continue;
                count--;
                if (seqKnown[k]) sum -= seqCosts[k];
                else unknown--;
            }

            Encode(OpSession, 0, sessions[i], sum, false);
            entry[1] = sessionFlags[i];
            LittleEndian.WriteUInt16(entry, 4, (ushort)(count > 65535 ? 65535 : count));
            LittleEndian.WriteUInt16(entry, 6, (ushort)(unknown > 65535 ? 65535 : unknown));
        }

        private void Encode(byte op, uint seq, uint session, long cost, bool known)
        {
            entry[0] = op;
            entry[1] = (byte)(known ? 1 : 0);
            entry[2] = 0;
            entry[3] = 0;
            LittleEndian.WriteUInt32(entry, 4, seq);
            LittleEndian.WriteUInt32(entry, 8, session);
            LittleEndian.WriteInt64(entry, 12, cost);
            entry[20] = 0;
            entry[21] = 0;
        }
    }
}
