using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// The append-only file of boot epochs: for each boot-relative timeline that has records, the
    /// Unix seconds of its second 0, learnt when the clock became trustworthy. A record with
    /// <see cref="Records.RecordFlags.BootRelativeTime"/> becomes UTC as epoch + Start.
    /// </summary>
    /// <remarks>
    /// File <see cref="FileName"/>, entries of <see cref="EntryBytes"/> bytes, little-endian:
    /// boot (u16), kind (u8: 1 = measured, 2 = estimated because the timeline spans boots whose
    /// downtime was not seen), 0 (u8), epoch (i64), check (u32: sum of the 12 bytes before it
    /// times 31, plus 0x5A5A). A torn last entry fails its check and is ignored. When the file
    /// passes <see cref="CompactAtEntries"/> entries, it is rewritten with the newest
    /// <see cref="KeptEntries"/> (an epoch is needed only while its records wait in the ring).
    /// </remarks>
    public sealed class BootEpochLog
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "epochs.bin";

        /// <summary>Bytes of one entry.</summary>
        public const int EntryBytes = 16;

        /// <summary>Entries kept in memory and after compaction.</summary>
        public const int KeptEntries = 64;

        /// <summary>Entries in the file that trigger a compaction.</summary>
        public const int CompactAtEntries = 256;

        /// <summary>Kind of an entry: the epoch was measured (the timeline lies within one boot).</summary>
        public const byte KindMeasured = 1;

        /// <summary>Kind of an entry: estimated (the timeline continues over reboots of unknown length).</summary>
        public const byte KindEstimated = 2;

        private readonly IFileStore files;
        private readonly ushort[] boots = new ushort[KeptEntries];
        private readonly long[] epochs = new long[KeptEntries];
        private readonly byte[] kinds = new byte[KeptEntries];
        private readonly byte[] entry = new byte[EntryBytes];
        private int count;
        private int next;
        private long fileEntries;

        /// <summary>Opens the log over <paramref name="files"/> (null: kept in memory only) and loads it.</summary>
        public BootEpochLog(IFileStore files)
        {
            this.files = files;
            if (files == null || !files.Exists(FileName)) return;
            long length = files.Length(FileName);
            fileEntries = length / EntryBytes;
            for (long position = 0; position + EntryBytes <= length; position += EntryBytes)
            {
                if (files.Read(FileName, position, entry, 0, EntryBytes) != EntryBytes) break;
                if (!TryDecode(entry, out ushort boot, out byte kind, out long epoch)) continue;
                Remember(boot, kind, epoch);
            }

            // A torn last entry would misalign every later append: rewrite the file whole.
            if (length % EntryBytes != 0) Compact();
        }

        /// <summary>Number of epochs held in memory.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>The epoch of the timeline of boot <paramref name="boot"/>, the newest entry winning.</summary>
        public bool TryGetEpoch(ushort boot, out long epoch, out bool estimated)
        {
            for (int i = 1; i <= count; i++)
            {
                int slot = (next - i + KeptEntries) % KeptEntries;
                if (boots[slot] == boot)
                {
                    epoch = epochs[slot];
                    estimated = kinds[slot] == KindEstimated;
                    return true;
                }
            }

            // Older than the entries kept in memory: the file may still have it.
            if (files != null && TryFindInFile(boot, out epoch, out byte kind))
            {
                Remember(boot, kind, epoch);
                estimated = kind == KindEstimated;
                return true;
            }

            epoch = 0;
            estimated = false;
            return false;
        }

        private bool TryFindInFile(ushort boot, out long epoch, out byte kind)
        {
            epoch = 0;
            kind = 0;
            bool found = false;
            if (!files.Exists(FileName)) return false;
            long length = files.Length(FileName);
            for (long position = 0; position + EntryBytes <= length; position += EntryBytes)
            {
                if (files.Read(FileName, position, entry, 0, EntryBytes) != EntryBytes) break;
                if (!TryDecode(entry, out ushort b, out byte k, out long e) || b != boot) continue;
                epoch = e;
                kind = k;
                found = true;
            }

            return found;
        }

        /// <summary>Records the epoch of the timeline of <paramref name="boot"/> unless that timeline already has one: a timeline's epoch, once logged, is final.</summary>
        public void AddIfMissing(ushort boot, long epoch, bool estimated)
        {
            if (TryGetEpoch(boot, out long _, out bool _)) return;
            Add(boot, epoch, estimated);
        }

        /// <summary>Records the epoch of the timeline of <paramref name="boot"/> durably (one append and one sync).</summary>
        public void Add(ushort boot, long epoch, bool estimated)
        {
            byte kind = estimated ? KindEstimated : KindMeasured;
            Remember(boot, kind, epoch);
            if (files == null) return;
            if (fileEntries + 1 > CompactAtEntries)
            {
                Compact();
                return;
            }

            Encode(boot, kind, epoch, entry);
            files.Append(FileName, entry, 0, EntryBytes);
            files.Flush(FileName);
            fileEntries++;
        }

        private void Compact()
        {
            byte[] all = new byte[count * EntryBytes];
            byte[] one = new byte[EntryBytes];
            for (int i = 0; i < count; i++)
            {
                int slot = (next - count + i + KeptEntries) % KeptEntries;
                Encode(boots[slot], kinds[slot], epochs[slot], one);
                Array.Copy(one, 0, all, i * EntryBytes, EntryBytes);
            }

            files.Write(FileName, all, 0, all.Length);
            files.Flush(FileName);
            fileEntries = count;
        }

        private void Remember(ushort boot, byte kind, long epoch)
        {
            boots[next] = boot;
            kinds[next] = kind;
            epochs[next] = epoch;
            next = (next + 1) % KeptEntries;
            if (count < KeptEntries) count++;
        }

        private static void Encode(ushort boot, byte kind, long epoch, byte[] into)
        {
            into[0] = (byte)boot;
            into[1] = (byte)(boot >> 8);
            into[2] = kind;
            into[3] = 0;
            for (int i = 0; i < 8; i++) into[4 + i] = (byte)(epoch >> (8 * i));
            uint check = Check(into);
            for (int i = 0; i < 4; i++) into[12 + i] = (byte)(check >> (8 * i));
        }

        private static bool TryDecode(byte[] from, out ushort boot, out byte kind, out long epoch)
        {
            boot = (ushort)(from[0] | from[1] << 8);
            kind = from[2];
            epoch = 0;
            for (int i = 7; i >= 0; i--) epoch = (epoch << 8) | from[4 + i];
            uint stored = 0;
            for (int i = 3; i >= 0; i--) stored = (stored << 8) | from[12 + i];
            return stored == Check(from) && (kind == KindMeasured || kind == KindEstimated);
        }

        private static uint Check(byte[] bytes)
        {
            uint sum = 0x5A5A;
            for (int i = 0; i < 12; i++) sum = sum * 31 + bytes[i];
            return sum;
        }
    }
}
