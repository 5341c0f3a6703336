using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The instant cost of each acknowledged record, kept by Seq and surviving reboots, so that a
    /// session's cost is the sum of its records' costs and a record acknowledged twice (a 2xx just
    /// before a power cut, before <c>SentUpTo</c> was written) never adds twice. Also remembers which
    /// ended sessions still wait for their <c>/costs/session</c> cross-check. Append-only log of
    /// 24-byte entries with checksums over <see cref="IFileStore"/>; rewritten compactly, keeping
    /// only what a later decision can need (records above <c>SentUpTo</c>, sessions not yet checked).
    /// </summary>
    public sealed class CostStore
    {
        /// <summary>File name in the file store.</summary>
        public const string FileName = "upload-costs.bin";

        /// <summary>Bytes per log entry.</summary>
        public const int EntrySize = 24;

        private const byte OpCost = 1;
        private const byte OpSessionEnded = 2;
        private const byte OpSessionChecked = 3;

        private readonly IFileStore files;
        private readonly byte[] entry = new byte[EntrySize];
        private uint[] seqs = new uint[64];
        private uint[] sessions = new uint[64];
        private long[] costs = new long[64];
        private bool[] hasCost = new bool[64];
        private uint[] endedSessions = new uint[8];
        private bool[] checkedSessions = new bool[8];
        private int endedCount;
        private long fileEntries;
        private long nextCompactCheck = CompactCheckEntries;

        /// <summary>Entries appended between two looks at whether the file is worth rewriting.</summary>
        private const int CompactCheckEntries = 64;

        /// <summary>Creates an empty store over <paramref name="files"/>; call <see cref="Load"/> first.</summary>
        public CostStore(IFileStore files)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            this.files = files;
        }

        /// <summary>Costs held.</summary>
        public int Count { get; private set; }

        /// <summary>Replays the file; returns the entries ignored as damaged (a torn last one).</summary>
        public int Load()
        {
            Count = 0;
            endedCount = 0;
            fileEntries = 0;
            long length = files.Length(FileName);
            int damaged = 0;
            for (long position = 0; position + EntrySize <= length; position += EntrySize)
            {
                if (files.Read(FileName, position, entry, 0, EntrySize) != EntrySize || !Codec.ChecksumOk(entry, EntrySize))
                {
                    damaged++;
                    break;
                }

                fileEntries++;
                uint seq = Codec.GetU32(entry, 4);
                uint session = Codec.GetU32(entry, 8);
                if (entry[0] == OpCost)
                {
                    if (Find(seq) < 0) Put(seq, session, Codec.GetI64(entry, 12), (entry[1] & 1) != 0);
                }
                else if (entry[0] == OpSessionEnded)
                {
                    if (FindSession(session) < 0) PutSession(session);
                }
                else if (entry[0] == OpSessionChecked)
                {
                    int at = FindSession(session);
                    if (at < 0) at = PutSession(session);
                    checkedSessions[at] = true;
                }
            }

            if (length > 0 && length % EntrySize != 0) damaged++;
            if (damaged > 0) Rewrite(0);
            return damaged;
        }

        /// <summary>True when a cost for this Seq is already kept (the record was acknowledged before).</summary>
        public bool Contains(uint seq)
        {
            return Find(seq) >= 0;
        }

        /// <summary>Keeps a record's cost durably; false (and nothing written) when that Seq is already kept.</summary>
        public bool Add(uint seq, uint session, long costMicros, bool known)
        {
            if (Find(seq) >= 0) return false;
            Put(seq, session, costMicros, known);
            Log(OpCost, seq, session, costMicros, known);
            return true;
        }

        /// <summary>Sum of the known costs of a session's records; <paramref name="records"/> counts them, <paramref name="unknown"/> those without a cost.</summary>
        public long SessionSum(uint session, out int records, out int unknown)
        {
            long sum = 0;
            records = 0;
            unknown = 0;
            for (int i = 0; i < Count; i++)
            {
                if (sessions[i] != session) continue;
                records++;
                if (hasCost[i]) sum += costs[i];
                else unknown++;
            }

            return sum;
        }

        /// <summary>Marks a session ended (its cross-check is now due), durably.</summary>
        public void EndSession(uint session)
        {
            if (FindSession(session) >= 0) return;
            PutSession(session);
            Log(OpSessionEnded, 0, session, 0, false);
        }

        /// <summary>The oldest ended session whose cross-check has not answered yet.</summary>
        public bool TryGetUnchecked(out uint session)
        {
            session = 0;
            for (int i = 0; i < endedCount; i++)
            {
                if (!checkedSessions[i] && (session == 0 || endedSessions[i] < session)) session = endedSessions[i];
            }

            return session != 0;
        }

        /// <summary>Marks a session's cross-check done, durably, and drops what no later decision needs.</summary>
        public void MarkChecked(uint session, uint sentUpTo)
        {
            int at = FindSession(session);
            if (at < 0) at = PutSession(session);
            checkedSessions[at] = true;
            Log(OpSessionChecked, 0, session, 0, false);
            if (fileEntries > 2 * (Count + endedCount) + 32) Rewrite(sentUpTo);
        }

        /// <summary>Entries in the file (live and dead), for wear and size figures.</summary>
        public long FileEntries
        {
            get { return fileEntries; }
        }

        /// <summary>Rewrites the file when most of it is dead, so it stays bounded however long the agent runs.</summary>
        /// <returns>True when it was rewritten.</returns>
        public bool MaybeCompact(uint sentUpTo)
        {
            if (fileEntries < nextCompactCheck) return false;
            int needed = endedCount;
            for (int i = 0; i < Count; i++)
            {
                if (seqs[i] > sentUpTo || (sessions[i] != 0 && !IsChecked(sessions[i]))) needed++;
            }

            nextCompactCheck = fileEntries + CompactCheckEntries;
            if (2 * needed > fileEntries) return false;
            Rewrite(sentUpTo);
            nextCompactCheck = fileEntries + CompactCheckEntries;
            return true;
        }

        /// <summary>
        /// Rewrites the file with only the costs still needed: records above <paramref name="sentUpTo"/>
        /// (a repeated 2xx must still be recognised) and records of sessions not yet checked.
        /// </summary>
        public void Rewrite(uint sentUpTo)
        {
            int kept = 0;
            for (int i = 0; i < Count; i++)
            {
                bool needed = seqs[i] > sentUpTo || (sessions[i] != 0 && !IsChecked(sessions[i]));
                if (!needed) continue;
                seqs[kept] = seqs[i];
                sessions[kept] = sessions[i];
                costs[kept] = costs[i];
                hasCost[kept] = hasCost[i];
                kept++;
            }

            Count = kept;
            int keptSessions = 0;
            for (int i = 0; i < endedCount; i++)
            {
                if (checkedSessions[i]) continue;
                endedSessions[keptSessions] = endedSessions[i];
                checkedSessions[keptSessions] = false;
                keptSessions++;
            }

            endedCount = keptSessions;
            byte[] all = new byte[(Count + endedCount) * EntrySize];
            int p = 0;
            for (int i = 0; i < Count; i++, p += EntrySize)
            {
                Encode(OpCost, seqs[i], sessions[i], costs[i], hasCost[i]);
                Array.Copy(entry, 0, all, p, EntrySize);
            }

            for (int i = 0; i < endedCount; i++, p += EntrySize)
            {
                Encode(OpSessionEnded, 0, endedSessions[i], 0, false);
                Array.Copy(entry, 0, all, p, EntrySize);
            }

            files.Write(FileName, all, 0, all.Length);
            files.Flush(FileName);
            fileEntries = Count + endedCount;
        }

        private bool IsChecked(uint session)
        {
            int at = FindSession(session);
            return at >= 0 && checkedSessions[at];
        }

        private int Find(uint seq)
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (seqs[i] == seq) return i;
            }

            return -1;
        }

        private int FindSession(uint session)
        {
            for (int i = 0; i < endedCount; i++)
            {
                if (endedSessions[i] == session) return i;
            }

            return -1;
        }

        private void Put(uint seq, uint session, long cost, bool known)
        {
            if (Count == seqs.Length)
            {
                seqs = Grow(seqs);
                sessions = Grow(sessions);
                long[] c = new long[costs.Length * 2];
                Array.Copy(costs, c, Count);
                costs = c;
                bool[] h = new bool[hasCost.Length * 2];
                Array.Copy(hasCost, h, Count);
                hasCost = h;
            }

            seqs[Count] = seq;
            sessions[Count] = session;
            costs[Count] = cost;
            hasCost[Count] = known;
            Count++;
        }

        private int PutSession(uint session)
        {
            if (endedCount == endedSessions.Length)
            {
                endedSessions = Grow(endedSessions);
                bool[] c = new bool[checkedSessions.Length * 2];
                Array.Copy(checkedSessions, c, endedCount);
                checkedSessions = c;
            }

            endedSessions[endedCount] = session;
            checkedSessions[endedCount] = false;
            return endedCount++;
        }

        private static uint[] Grow(uint[] a)
        {
            uint[] b = new uint[a.Length * 2];
            Array.Copy(a, b, a.Length);
            return b;
        }

        private void Log(byte op, uint seq, uint session, long cost, bool known)
        {
            Encode(op, seq, session, cost, known);
            files.Append(FileName, entry, 0, EntrySize);
            files.Flush(FileName);
            fileEntries++;
        }

        private void Encode(byte op, uint seq, uint session, long cost, bool known)
        {
            entry[0] = op;
            entry[1] = (byte)(known ? 1 : 0);
            entry[2] = 0;
            entry[3] = 0;
            Codec.PutU32(entry, 4, seq);
            Codec.PutU32(entry, 8, session);
            Codec.PutI64(entry, 12, cost);
            Codec.PutChecksum(entry, EntrySize);
        }
    }
}
