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
    /// last line has no <c>\n</c> and is ignored. Past <see cref="CompactAtBytes"/> the file is
    /// rewritten with the newest <see cref="KeptEntries"/> entries.
    /// </remarks>
    public sealed class SessionIdFile
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "sessions.txt";

        /// <summary>Entries kept in memory and after compaction.</summary>
        public const int KeptEntries = 32;

        /// <summary>Size at which the file is compacted.</summary>
        public const int CompactAtBytes = 8192;

        private readonly IFileStore files;
        private readonly uint[] numbers = new uint[KeptEntries];
        private readonly string[] ids = new string[KeptEntries];
        private int count;
        private int next;

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
            for (int i = 1; i <= count; i++)
            {
                int slot = (next - i + KeptEntries) % KeptEntries;
                if (numbers[slot] == session)
                {
                    id = ids[slot];
                    return true;
                }
            }

            id = null;
            return false;
        }

        /// <summary>Keeps <paramref name="id"/> for <paramref name="session"/> durably (one append, one sync).</summary>
        public void Add(uint session, string id)
        {
            if (!IsValidId(id)) throw new ArgumentException("session id must be 1-64 letters, digits, '-' or '_'", nameof(id));
            Remember(session, id);
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
            for (int i = count; i >= 1; i--)
            {
                int slot = (next - i + KeptEntries) % KeptEntries;
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
            if (IsValidId(id)) Remember(number, id);
        }

        private void Remember(uint session, string id)
        {
            numbers[next] = session;
            ids[next] = id;
            next = (next + 1) % KeptEntries;
            if (count < KeptEntries) count++;
        }
    }
}
