using System;
using System.Collections;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Sessions
{
    /// <summary>
    /// The append-only file of caller-given session ids: which session number carries which id,
    /// so <c>session_reference_id</c> can be the caller's id instead of the generated one.
    /// </summary>
    /// <remarks>
    /// File <see cref="FileName"/>, one ASCII line per entry: the session number in decimal, a
    /// space, the id, <c>\n</c>. The newest line for a number wins (a start cut by a power cut
    /// before its checkpoint leaves a line that a later start of the same number supersedes). A torn
    /// last line has no <c>\n</c> and is ignored. An id is kept (in memory and on flash) while its
    /// session may still have a record not acknowledged: at most <see cref="KeptEntries"/> of them.
    /// Past <see cref="CompactAtBytes"/> the file is rewritten with the ids still kept, so it never
    /// exceeds <see cref="MaxFileBytes"/>. With every slot held by a session still waiting, a new
    /// caller id is refused (<see cref="HasRoom"/>) rather than a record sent under a generated id.
    /// </remarks>
    public sealed class SessionIdFile
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "sessions.txt";

        /// <summary>Caller ids kept at most: one per session that may still have a record not acknowledged.</summary>
        public const int KeptEntries = 64;

        /// <summary>Longest line: a 10-digit number, a space, a 64-character id, the newline.</summary>
        public const int MaxLineBytes = 10 + 1 + 64 + 1;

        /// <summary>The file's byte budget: it is compacted past <see cref="CompactAtBytes"/>, by one line at most.</summary>
        public const int MaxFileBytes = CompactAtBytes + MaxLineBytes;

        /// <summary>Size at which the file is compacted.</summary>
        public const int CompactAtBytes = 8192;

        private readonly IFileStore files;
        private readonly uint[] numbers = new uint[KeptEntries];
        private readonly string[] ids = new string[KeptEntries];
        private int count;

        /// <summary>Opens the file in <paramref name="files"/> (null: kept in memory only) and loads it.</summary>
        public SessionIdFile(IFileStore files)
        {
            this.files = files;
            if (files == null || !files.Exists(FileName)) return;
            long length = files.Length(FileName);
            if (length <= 0 || length > CompactAtBytes * 2) return;
            byte[] all = new byte[(int)length];
            int read = 0;
            while (read < all.Length)
            {
                int n = files.Read(FileName, read, all, read, all.Length - read);
                if (n <= 0) break;
                read += n;
            }

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
            if (files.Length(FileName) > CompactAtBytes)
            {
                Rewrite();
                return;
            }

            byte[] line = Line(session, id);
            files.Append(FileName, line, 0, line.Length);
            files.Flush(FileName);
        }

        private void Rewrite()
        {
            ArrayList lines = new ArrayList();
            int total = 0;
            for (int slot = 0; slot < count; slot++)
            {
                byte[] line = Line(numbers[slot], ids[slot]);
                lines.Add(line);
                total += line.Length;
            }

            byte[] all = new byte[total];
            int p = 0;
            foreach (byte[] line in lines)
            {
                Array.Copy(line, 0, all, p, line.Length);
                p += line.Length;
            }

            files.Write(FileName, all, 0, total);
            files.Flush(FileName);
        }

        private static byte[] Line(uint session, string id)
        {
            byte[] digits = new byte[10];
            int n = ReferenceIds.WriteDecimal(session, digits, 0);
            byte[] line = new byte[n + 1 + id.Length + 1];
            Array.Copy(digits, 0, line, 0, n);
            line[n] = (byte)' ';
            for (int i = 0; i < id.Length; i++) line[n + 1 + i] = (byte)id[i];
            line[line.Length - 1] = (byte)'\n';
            return line;
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
            string id = new string(chars);
            if (!IsValidId(id)) return;
            if (!Remember(number, id))
            {
                // More lines than slots (an older file): the oldest session gives way.
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
