using System;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Sessions
{
    /// <summary>
    /// The file of caller-given session ids: which session number carries which id, so
    /// <c>session_reference_id</c> can be the caller's id instead of the generated one.
    /// </summary>
    /// <remarks>
    /// An <see cref="AppendLog"/> (SPEC.md, "Session ids"), format version <see cref="FormatVersion"/>:
    /// entries of <see cref="EntryBytes"/> bytes: kind (u8, 1 = id), id length (u8, 1-64), session
    /// number (u32), the id packed six bits a character (<c>A-Z</c> 0-25, <c>a-z</c> 26-51,
    /// <c>0-9</c> 52-61, <c>-</c> 62, <c>_</c> 63; low bits first) into 48 bytes, CRC-16. So the 64
    /// ids kept fit one LittleFS block with room for appends. The newest entry for a
    /// number wins (a start cut by a power cut before its checkpoint leaves an entry that a later
    /// start of the same number supersedes). An id is kept (in memory and on flash) while its
    /// session may still have a record not acknowledged: at most <see cref="KeptEntries"/> of them.
    /// When the log is full (<see cref="CompactAtEntries"/> entries) it is rewritten with the ids
    /// still kept, so it never exceeds <see cref="MaxFileBytes"/>. With every slot held by a session
    /// still waiting, a new caller id is refused (<see cref="HasRoom"/>) rather than a record sent
    /// under a generated id. Version 1 files (one ASCII line per id: the number in decimal, a space,
    /// the id, <c>\n</c>) are read as they are; the first write rewrites them as version 2.
    /// </remarks>
    public sealed class SessionIdFile
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "sessions.txt";

        /// <summary>Format version written (1: the ASCII lines before the append log).</summary>
        public const byte FormatVersion = 2;

        /// <summary>Caller ids kept at most: one per session that may still have a record not acknowledged.</summary>
        public const int KeptEntries = 64;

        /// <summary>Bytes of one entry: kind, length, number, the id in 48 bytes, CRC.</summary>
        public const int EntryBytes = 1 + 1 + 4 + PackedIdBytes + 2;

        /// <summary>Entries the file holds at most after its header; the next id compacts it.</summary>
        public const int CompactAtEntries = 72;

        /// <summary>The file's byte budget: 4,088 bytes, one LittleFS block.</summary>
        public const int MaxFileBytes = (1 + CompactAtEntries) * EntryBytes;

        /// <summary>Largest version 1 file read (its own bound was 8,192 bytes and one line).</summary>
        private const int LegacyMaxBytes = 16384;

        private const byte KindId = 1;

        private const int PackedIdBytes = ReferenceIds.MaxLength * 6 / 8;

        private readonly IFileStore files;
        private readonly AppendLog log;
        private readonly uint[] numbers = new uint[KeptEntries];
        private readonly string[] ids = new string[KeptEntries];
        private readonly byte[] entry = new byte[EntryBytes];
        private int count;

        /// <summary>Opens the file in <paramref name="files"/> (null: kept in memory only) and loads it.</summary>
        public SessionIdFile(IFileStore files)
        {
            this.files = files;
            if (files == null) return;
            log = new AppendLog(files, FileName, FormatVersion, EntryBytes, CompactAtEntries);
            AppendLogContent content = log.Open();
            if (content == AppendLogContent.Foreign)
            {
                LoadLegacy();
                return;
            }

            for (int i = 0; i < log.Entries; i++)
            {
                if (!log.Read(i, entry) || entry[0] != KindId) continue;
                int length = entry[1];
                if (length < 1 || length > ReferenceIds.MaxLength) continue;
                Keep(LittleEndian.ReadUInt32(entry, 2), Unpack(entry, 6, length));
            }

            if (content == AppendLogContent.Log && log.Damaged > 0) Rewrite();
        }

        private void LoadLegacy()
        {
            long length = files.Length(FileName);
            if (length <= 0 || length > LegacyMaxBytes) return;
            byte[] all = new byte[(int)length];
            int read = FileReads.ReadFully(files, FileName, 0, all, all.Length);
            int lineStart = 0;
            for (int i = 0; i < read; i++)
            {
                if (all[i] != (byte)'\n') continue;
                ParseLine(all, lineStart, i - lineStart);
                lineStart = i + 1;
            }
        }

        /// <summary>True when <paramref name="id"/> may be used as a caller-given session id.</summary>
        public static bool IsValidId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > ReferenceIds.MaxLength) return false;
            for (int i = 0; i < id.Length; i++)
            {
                if (!ReferenceIds.IsIdChar(id[i])) return false;
            }

            return true;
        }

        /// <summary>The caller-given id of session <paramref name="session"/>, if it has one.</summary>
        public bool TryGetId(uint session, out string id)
        {
            for (int slot = 0; slot < count; slot++)
            {
                if (numbers[slot] == session)
                {
                    id = ids[slot];
                    return true;
                }
            }

            id = null;
            return false;
        }

        /// <summary>Number of caller ids kept.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>True when a new caller id fits: a free slot, or one held by a session below <paramref name="lowestNeeded"/> (all of whose records were acknowledged).</summary>
        public bool HasRoom(uint lowestNeeded)
        {
            if (count < KeptEntries) return true;
            for (int i = 0; i < count; i++)
            {
                if (numbers[i] < lowestNeeded) return true;
            }

            return false;
        }

        /// <summary>Forgets the ids of sessions below <paramref name="lowestNeeded"/> (their records were all acknowledged); in memory, the file follows at its next compaction.</summary>
        public void ForgetBelow(uint lowestNeeded)
        {
            int i = 0;
            while (i < count)
            {
                if (numbers[i] < lowestNeeded)
                {
                    count--;
                    numbers[i] = numbers[count];
                    ids[i] = ids[count];
                    ids[count] = null;
                }
                else
                {
                    i++;
                }
            }
        }

        /// <summary>Keeps <paramref name="id"/> for <paramref name="session"/> durably (one append, one sync).</summary>
        /// <exception cref="InvalidOperationException">Every slot is held by a session still waiting (see <see cref="HasRoom"/>).</exception>
        public void Add(uint session, string id)
        {
            Add(session, id, 0);
        }

        /// <summary>Keeps <paramref name="id"/> for <paramref name="session"/> durably, first forgetting the ids of sessions below <paramref name="lowestNeeded"/>.</summary>
        /// <exception cref="InvalidOperationException">Every slot is held by a session still waiting (see <see cref="HasRoom"/>).</exception>
        public void Add(uint session, string id, uint lowestNeeded)
        {
            if (!IsValidId(id)) throw new ArgumentException("session id must be 1-64 letters, digits, '-' or '_'", nameof(id));
            ForgetBelow(lowestNeeded);
            if (!Remember(session, id)) throw new InvalidOperationException("every caller session id slot is held by a session still waiting for upload");
            if (files == null) return;
            if (log.MustRewrite)
            {
                // The id is in memory already: the rewrite carries it.
                Rewrite();
                return;
            }

            Encode(session, id, entry, 0);
            log.Append(entry);
        }

        private void Rewrite()
        {
            byte[] all = log.RewriteBuffer(count);
            for (int slot = 0; slot < count; slot++) Encode(numbers[slot], ids[slot], all, log.EntryOffset(slot));
            log.Rewrite(all);
        }

        private static void Encode(uint session, string id, byte[] into, int at)
        {
            into[at] = KindId;
            into[at + 1] = (byte)id.Length;
            LittleEndian.WriteUInt32(into, at + 2, session);
            int p = at + 6;
            for (int i = 0; i < PackedIdBytes; i++) into[p + i] = 0;
            int bits = 0;
            int pending = 0;
            for (int i = 0; i < id.Length; i++)
            {
                pending |= Symbol(id[i]) << bits;
                bits += 6;
                while (bits >= 8)
                {
                    into[p++] = (byte)pending;
                    pending >>= 8;
                    bits -= 8;
                }
            }

            if (bits > 0) into[p] = (byte)pending;
        }

        private static string Unpack(byte[] from, int offset, int length)
        {
            char[] chars = new char[length];
            int bits = 0;
            int pending = 0;
            int p = offset;
            for (int k = 0; k < length; k++)
            {
                if (bits < 6)
                {
                    pending |= from[p++] << bits;
                    bits += 8;
                }

                chars[k] = Character(pending & 63);
                pending >>= 6;
                bits -= 6;
            }

            return new string(chars);
        }

        private static int Symbol(char c)
        {
            if (c >= 'A' && c <= 'Z') return c - 'A';
            if (c >= 'a' && c <= 'z') return c - 'a' + 26;
            if (c >= '0' && c <= '9') return c - '0' + 52;
            return c == '-' ? 62 : 63;
        }

        private static char Character(int symbol)
        {
            if (symbol < 26) return (char)('A' + symbol);
            if (symbol < 52) return (char)('a' + symbol - 26);
            if (symbol < 62) return (char)('0' + symbol - 52);
            return symbol == 62 ? '-' : '_';
        }

        private void ParseLine(byte[] bytes, int offset, int length)
        {
            uint number = 0;
            int i = 0;
            while (i < length && bytes[offset + i] >= (byte)'0' && bytes[offset + i] <= (byte)'9')
            {
                number = number * 10 + (uint)(bytes[offset + i] - (byte)'0');
                i++;
            }

            if (i == 0 || i >= length || bytes[offset + i] != (byte)' ') return;
            int idLength = length - i - 1;
            if (idLength <= 0 || idLength > ReferenceIds.MaxLength) return;
            char[] chars = new char[idLength];
            for (int k = 0; k < idLength; k++) chars[k] = (char)bytes[offset + i + 1 + k];
            Keep(number, new string(chars));
        }

        /// <summary>Keeps <paramref name="id"/> for <paramref name="number"/> when it is valid; with every slot taken, the oldest session gives way (more ids on flash than slots: an older file).</summary>
        private void Keep(uint number, string id)
        {
            if (!IsValidId(id)) return;
            if (!Remember(number, id))
            {
                int lowest = 0;
                for (int k = 1; k < count; k++)
                {
                    if (numbers[k] < numbers[lowest]) lowest = k;
                }

                if (numbers[lowest] < number)
                {
                    numbers[lowest] = number;
                    ids[lowest] = id;
                }
            }
        }

        private bool Remember(uint session, string id)
        {
            for (int slot = 0; slot < count; slot++)
            {
                if (numbers[slot] == session)
                {
                    ids[slot] = id;
                    return true;
                }
            }

            if (count == KeptEntries) return false;
            numbers[count] = session;
            ids[count] = id;
            count++;
            return true;
        }
    }
}
