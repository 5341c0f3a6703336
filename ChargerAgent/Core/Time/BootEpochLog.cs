using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// The file of boot epochs: for each boot-relative timeline that has records, the Unix seconds
    /// of its second 0, learnt when the clock became trustworthy. A record with
    /// <see cref="Records.RecordFlags.BootRelativeTime"/> becomes UTC as epoch + Start.
    /// </summary>
    /// <remarks>
    /// An <see cref="AppendLog"/> (SPEC.md, "Boot epochs"), format version <see cref="FormatVersion"/>:
    /// entries of <see cref="EntryBytes"/> bytes, little-endian: boot (u16), kind (u8: 1 = measured,
    /// 2 = estimated because the timeline spans boots whose downtime was not seen), 0 (u8), epoch
    /// (i64), 0 (u16), CRC-16. When the log is full (<see cref="CompactAtEntries"/> entries) it is
    /// rewritten with the newest <see cref="KeptEntries"/> (an epoch is needed only while its records
    /// wait in the ring). Version 1 files (the same 12 bytes, then a ×31 sum, no header) are read as
    /// they are; the first write rewrites them as version 2.
    /// </remarks>
    public sealed class BootEpochLog
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "epochs.bin";

        /// <summary>Bytes of one entry.</summary>
        public const int EntryBytes = 16;

        /// <summary>Format version written (1: the file before the append log).</summary>
        public const byte FormatVersion = 2;

        /// <summary>Entries kept in memory and after compaction.</summary>
        public const int KeptEntries = 64;

        /// <summary>Entries the file holds at most after its header; the next epoch compacts it.</summary>
        public const int CompactAtEntries = 2 * KeptEntries - 1;

        /// <summary>The file's byte budget: 2,048 bytes.</summary>
        public const int MaxFileBytes = (1 + CompactAtEntries) * EntryBytes;

        /// <summary>Kind of an entry: the epoch was measured (the timeline lies within one boot).</summary>
        public const byte KindMeasured = 1;

        /// <summary>Kind of an entry: estimated (the timeline continues over reboots of unknown length).</summary>
        public const byte KindEstimated = 2;

        private readonly IFileStore files;
        private readonly AppendLog log;
        private readonly ushort[] boots = new ushort[KeptEntries];
        private readonly long[] epochs = new long[KeptEntries];
        private readonly byte[] kinds = new byte[KeptEntries];
        private readonly byte[] entry = new byte[EntryBytes];
        private int count;
        private int next;
        private bool legacy;

        /// <summary>Opens the log over <paramref name="files"/> (null: kept in memory only) and loads it.</summary>
        public BootEpochLog(IFileStore files)
        {
            this.files = files;
            if (files == null) return;
            log = new AppendLog(files, FileName, FormatVersion, EntryBytes, CompactAtEntries);
            AppendLogContent content = log.Open();
            legacy = content == AppendLogContent.Foreign;
            ScanFile(0, true, out long _, out byte _);

            // A damaged entry or a torn tail: rewrite the file whole, so later appends stay aligned.
            if (content == AppendLogContent.Log && log.Damaged > 0) Compact();
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
            if (files != null && ScanFile(boot, false, out epoch, out byte kind))
            {
                Remember(boot, kind, epoch);
                estimated = kind == KindEstimated;
                return true;
            }

            epoch = 0;
            estimated = false;
            return false;
        }

        /// <summary>Records the epoch of the timeline of <paramref name="boot"/> unless that timeline already has one: a timeline's epoch, once logged, is final.</summary>
        public void AddIfMissing(ushort boot, long epoch, bool estimated)
        {
            if (TryGetEpoch(boot, out long _, out bool _)) return;
            Add(boot, epoch, estimated);
        }

        /// <summary>Records the epoch of the timeline of <paramref name="boot"/> durably (one append and one sync); when the write fails it is not kept in memory either, and the exception propagates.</summary>
        public void Add(ushort boot, long epoch, bool estimated)
        {
            byte kind = estimated ? KindEstimated : KindMeasured;
            int slot = next;
            ushort oldBoot = boots[slot];
            byte oldKind = kinds[slot];
            long oldEpoch = epochs[slot];
            int oldCount = count;
            Remember(boot, kind, epoch);
            if (files == null) return;
            try
            {
                // The entry is in memory already: a rewrite carries it.
                if (log.MustRewrite)
                {
                    Compact();
                }
                else
                {
                    Encode(boot, kind, epoch, entry, 0);
                    log.Append(entry);
                }
            }
            catch
            {
                // Not written: not known either, so a retry (AddIfMissing) writes it rather than
                // finding it in memory, and a reboot does not lose an epoch the agent thought saved.
                boots[slot] = oldBoot;
                kinds[slot] = oldKind;
                epochs[slot] = oldEpoch;
                next = slot;
                count = oldCount;
                throw;
            }
        }

        /// <summary>Reads every valid entry of the file: into memory when <paramref name="remember"/>, else looking for <paramref name="boot"/> (the newest entry wins).</summary>
        private bool ScanFile(ushort boot, bool remember, out long epoch, out byte kind)
        {
            epoch = 0;
            kind = 0;
            bool found = false;
            int entries = legacy ? LegacyEntries() : log.Entries;
            for (int i = 0; i < entries; i++)
            {
                bool read = legacy
                    ? FileReads.ReadFully(files, FileName, (long)i * EntryBytes, entry, EntryBytes) == EntryBytes && LegacyCheckOk(entry)
                    : log.Read(i, entry);
                if (!read || !TryDecode(entry, out ushort b, out byte k, out long e)) continue;
                if (remember)
                {
                    Remember(b, k, e);
                }
                else if (b == boot)
                {
                    epoch = e;
                    kind = k;
                    found = true;
                }
            }

            return found;
        }

        private int LegacyEntries()
        {
            long length = files.Length(FileName);
            return length <= 0 ? 0 : (int)(length / EntryBytes);
        }

        private void Compact()
        {
            byte[] all = log.RewriteBuffer(count);
            for (int i = 0; i < count; i++)
            {
                int slot = (next - count + i + KeptEntries) % KeptEntries;
                Encode(boots[slot], kinds[slot], epochs[slot], all, log.EntryOffset(i));
            }

            log.Rewrite(all);
            legacy = false;
        }

        private void Remember(ushort boot, byte kind, long epoch)
        {
            boots[next] = boot;
            kinds[next] = kind;
            epochs[next] = epoch;
            next = (next + 1) % KeptEntries;
            if (count < KeptEntries) count++;
        }

        private static void Encode(ushort boot, byte kind, long epoch, byte[] into, int at)
        {
            into[at] = (byte)boot;
            into[at + 1] = (byte)(boot >> 8);
            into[at + 2] = kind;
            into[at + 3] = 0;
            for (int i = 0; i < 8; i++) into[at + 4 + i] = (byte)(epoch >> (8 * i));
            into[at + 12] = 0;
            into[at + 13] = 0;
        }

        private static bool TryDecode(byte[] from, out ushort boot, out byte kind, out long epoch)
        {
            boot = (ushort)(from[0] | from[1] << 8);
            kind = from[2];
            epoch = 0;
            for (int i = 7; i >= 0; i--) epoch = (epoch << 8) | from[4 + i];
            return kind == KindMeasured || kind == KindEstimated;
        }

        /// <summary>Version 1 entries end in a ×31 sum of their first 12 bytes, plus 0x5A5A.</summary>
        private static bool LegacyCheckOk(byte[] bytes)
        {
            uint sum = 0x5A5A;
            for (int i = 0; i < 12; i++) sum = sum * 31 + bytes[i];
            uint stored = 0;
            for (int i = 3; i >= 0; i--) stored = (stored << 8) | bytes[12 + i];
            return stored == sum;
        }
    }
}
