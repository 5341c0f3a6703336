using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>What <see cref="AppendLog.Open"/> found in the file.</summary>
    public enum AppendLogContent
    {
        /// <summary>No file, an empty one, or a header cut short by a power cut: nothing was ever committed.</summary>
        None = 0,

        /// <summary>A log header: the entries after it are readable with <see cref="AppendLog.Read"/>.</summary>
        Log = 1,

        /// <summary>Bytes without a log header: a file of the format before the log (its store reads it its own way), or damage.</summary>
        Foreign = 2,
    }

    /// <summary>
    /// The one file format of the agent's small files (SPEC.md, "Append log"): a header entry, then
    /// fixed-size entries, each ending in the CRC-16 of the bytes before it. Appending one entry is
    /// one append and one sync. A power cut tears at most the last entry; its bytes (a file length
    /// that is not a whole number of entries) and any entry whose CRC fails are counted in
    /// <see cref="Damaged"/>, and the store rewrites the file whole. The file never holds more than
    /// <see cref="MaxEntries"/> entries (<see cref="MaxFileBytes"/> bytes): when it is full the
    /// store rewrites it with only what is live (compaction).
    /// </summary>
    /// <remarks>
    /// Header entry (<see cref="EntrySize"/> bytes): magic "CALG" (u32), log version (u8), the
    /// store's format version (u8), entry size (u16), zeros, CRC-16. A store's later format only adds
    /// entry kinds, so an older reader skips the entries it does not know.
    /// </remarks>
    public sealed class AppendLog
    {
        /// <summary>Magic bytes "CALG" at offset 0 of the header entry.</summary>
        public const uint Magic = 0x474C4143;

        /// <summary>The log layout version this code writes and reads.</summary>
        public const byte LogVersion = 1;

        /// <summary>Bytes of the CRC-16 that ends every entry.</summary>
        public const int CrcSize = 2;

        /// <summary>Smallest entry: the header's fields and its CRC.</summary>
        public const int MinEntrySize = 8 + CrcSize;

        private readonly IFileStore files;
        private readonly string name;
        private readonly byte formatVersion;
        private readonly int entrySize;
        private readonly int maxEntries;
        private readonly byte[] header;
        private bool hasHeader;
        private int entries;

        /// <summary>A log named <paramref name="name"/> in <paramref name="files"/> of entries of <paramref name="entrySize"/> bytes (CRC included), at most <paramref name="maxEntries"/> after the header, written with <paramref name="formatVersion"/>.</summary>
        public AppendLog(IFileStore files, string name, byte formatVersion, int entrySize, int maxEntries)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (entrySize < MinEntrySize || entrySize > 255) throw new ArgumentOutOfRangeException(nameof(entrySize));
            if (maxEntries < 1) throw new ArgumentOutOfRangeException(nameof(maxEntries));
            this.files = files;
            this.name = name;
            this.formatVersion = formatVersion;
            this.entrySize = entrySize;
            this.maxEntries = maxEntries;
            header = new byte[entrySize];
            LittleEndian.WriteUInt32(header, 0, Magic);
            header[4] = LogVersion;
            header[5] = formatVersion;
            LittleEndian.WriteUInt16(header, 6, entrySize);
            Seal(header, 0, entrySize);
        }

        /// <summary>Bytes per entry, the CRC included; a store's fields fill bytes 0 to <see cref="EntrySize"/> - 3.</summary>
        public int EntrySize
        {
            get { return entrySize; }
        }

        /// <summary>Entries the file holds at most after its header.</summary>
        public int MaxEntries
        {
            get { return maxEntries; }
        }

        /// <summary>The file's byte budget: the header and <see cref="MaxEntries"/> entries.</summary>
        public int MaxFileBytes
        {
            get { return (1 + maxEntries) * entrySize; }
        }

        /// <summary>Whole entries after the header (valid or not), as of <see cref="Open"/> and the writes since.</summary>
        public int Entries
        {
            get { return entries; }
        }

        /// <summary>The store's format version in the header read by <see cref="Open"/> (0 when there was none).</summary>
        public byte FileVersion { get; private set; }

        /// <summary>Damage seen since <see cref="Open"/>: entries whose CRC failed, plus one for a torn tail or a torn header.</summary>
        public int Damaged { get; private set; }

        /// <summary>True when the file has no room for another entry, or cannot take one (no header of this log yet, or a torn tail): the store must <see cref="Rewrite"/> instead.</summary>
        public bool MustRewrite
        {
            get { return !hasHeader || entries >= maxEntries || Damaged > 0; }
        }

        /// <summary>Reads the header and counts the entries; never writes.</summary>
        public AppendLogContent Open()
        {
            hasHeader = false;
            entries = 0;
            Damaged = 0;
            FileVersion = 0;
            long length = files.Exists(name) ? files.Length(name) : -1;
            if (length <= 0) return AppendLogContent.None;
            byte[] first = new byte[entrySize];
            int got = FileReads.ReadFully(files, name, 0, first, entrySize);
            if (got < MinEntrySize || LittleEndian.ReadUInt32(first, 0) != Magic || first[4] != LogVersion || LittleEndian.ReadUInt16(first, 6) != entrySize || !IsSealed(first, 0, entrySize) || got < entrySize)
            {
                if (IsHeaderPrefix(first, got))
                {
                    Damaged = 1;
                    return AppendLogContent.None;
                }

                return AppendLogContent.Foreign;
            }

            hasHeader = true;
            FileVersion = first[5];
            entries = (int)((length - entrySize) / entrySize);
            if ((length - entrySize) % entrySize != 0) Damaged = 1;
            return AppendLogContent.Log;
        }

        /// <summary>Reads entry <paramref name="index"/> (0 = the first after the header) into <paramref name="entry"/>; false when it is cut short or its CRC fails (counted in <see cref="Damaged"/>).</summary>
        public bool Read(int index, byte[] entry)
        {
            if (index < 0 || index >= entries) throw new ArgumentOutOfRangeException(nameof(index));
            int got = FileReads.ReadFully(files, name, (long)(1 + index) * entrySize, entry, entrySize);
            if (got == entrySize && IsSealed(entry, 0, entrySize)) return true;
            Damaged++;
            return false;
        }

        /// <summary>Appends one entry (its CRC is written here) and syncs it: the entry is durable when this returns.</summary>
        /// <remarks>
        /// When the append or its sync throws, the file's tail is unknown (the entry may be there,
        /// in part or whole): it counts as damage, so the store's next write is a rewrite, which
        /// holds every live entry once, instead of an append after a tail it cannot count.
        /// </remarks>
        /// <exception cref="InvalidOperationException"><see cref="MustRewrite"/> is true.</exception>
        public void Append(byte[] entry)
        {
            if (MustRewrite) throw new InvalidOperationException(name + ": the log must be rewritten before it takes another entry");
            Seal(entry, 0, entrySize);
            try
            {
                files.Append(name, entry, 0, entrySize);
                files.Flush(name);
            }
            catch
            {
                Damaged++;
                throw;
            }

            entries++;
        }

        /// <summary>A buffer for a rewrite of <paramref name="count"/> entries, the header already in place: fill entry k at <see cref="EntryOffset"/>(k), then <see cref="Rewrite"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">More entries than <see cref="MaxEntries"/>.</exception>
        public byte[] RewriteBuffer(int count)
        {
            if (count < 0 || count > maxEntries) throw new ArgumentOutOfRangeException(nameof(count), name + ": " + count.ToString() + " entries exceed the budget of " + maxEntries.ToString());
            byte[] all = new byte[(1 + count) * entrySize];
            Array.Copy(header, 0, all, 0, entrySize);
            return all;
        }

        /// <summary>Where entry <paramref name="index"/> starts in a <see cref="RewriteBuffer"/>.</summary>
        public int EntryOffset(int index)
        {
            return (1 + index) * entrySize;
        }

        /// <summary>Replaces the whole file with the header and the entries of <paramref name="buffer"/> (from <see cref="RewriteBuffer"/>; their CRCs are written here) and syncs it.</summary>
        public void Rewrite(byte[] buffer)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            int count = buffer.Length / entrySize - 1;
            if (count < 0 || count > maxEntries || buffer.Length % entrySize != 0) throw new ArgumentException(name + ": not a rewrite buffer of this log", nameof(buffer));
            for (int k = 0; k < count; k++) Seal(buffer, EntryOffset(k), entrySize);
            files.Write(name, buffer, 0, buffer.Length);
            files.Flush(name);
            hasHeader = true;
            FileVersion = formatVersion;
            entries = count;
            Damaged = 0;
        }

        private bool IsHeaderPrefix(byte[] first, int got)
        {
            if (got >= entrySize) return false;
            for (int i = 0; i < got; i++)
            {
                if (first[i] != header[i]) return false;
            }

            return true;
        }

        private static void Seal(byte[] buffer, int offset, int size)
        {
            LittleEndian.WriteUInt16(buffer, offset + size - CrcSize, Crc16.Compute(buffer, offset, size - CrcSize));
        }

        private static bool IsSealed(byte[] buffer, int offset, int size)
        {
            return LittleEndian.ReadUInt16(buffer, offset + size - CrcSize) == Crc16.Compute(buffer, offset, size - CrcSize);
        }
    }
}
