using System;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The fixed 20-byte flash encoding of a <see cref="Record"/> (SPEC.md, "Record slot"). The
    /// record's Seq is not stored: it is implied by its place in the segment. Little-endian.
    /// </summary>
    /// <remarks>
    /// Offsets: 0 Start (u32), 4 duration (u24), 7 flags (u8), 8 Wh (u32), 12 session (u24),
    /// 15 confidence (u8), 16 aux (u16: boot number when boot-relative, Seq count when coalesced,
    /// else 0), 18 CRC-16 of bytes 0–17. A record that is both coalesced and boot-relative cannot
    /// be encoded (the ring never coalesces boot-relative records).
    /// </remarks>
    public static class RecordCodec
    {
        /// <summary>Bytes per record slot.</summary>
        public const int Size = 20;

        /// <summary>Largest session number the slot holds (24 bits).</summary>
        public const uint MaxSession = 0xFFFFFF;

        /// <summary>Largest start time the slot holds (32 bits: Unix seconds until 2106-02-07).</summary>
        public const long MaxStart = 0xFFFFFFFFL;

        /// <summary>Every flag this format version knows; a slot with another bit set is invalid.</summary>
        public const byte KnownFlags = 0x1F;

        /// <summary>True when <paramref name="record"/> fits the slot's field widths (Seq aside).</summary>
        public static bool CanEncode(ref Record record)
        {
            if (record.DurationSeconds < 1 || record.DurationSeconds > Record.MaxDurationSeconds) return false;
            if (record.Start < 0 || record.Start > MaxStart) return false;
            if (record.Session > MaxSession) return false;
            if (record.ConfidencePercent < 10 || record.ConfidencePercent > 100) return false;
            byte flags = (byte)record.Flags;
            if ((flags & ~KnownFlags) != 0) return false;
            bool coalesced = (record.Flags & RecordFlags.Coalesced) != 0;
            if (coalesced && record.IsBootRelative) return false;
            if (coalesced ? record.SeqCount < 2 : record.SeqCount != 1) return false;
            return true;
        }

        /// <summary>Encodes <paramref name="record"/> into <see cref="Size"/> bytes at <paramref name="offset"/>.</summary>
        public static void Encode(ref Record record, byte[] buffer, int offset)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - Size) throw new ArgumentOutOfRangeException(nameof(offset));
            if (!CanEncode(ref record)) throw new ArgumentException("record does not fit the slot format", nameof(record));

            LittleEndian.WriteUInt32(buffer, offset, (uint)record.Start);
            LittleEndian.Write(buffer, offset + 4, record.DurationSeconds, 3);
            buffer[offset + 7] = (byte)record.Flags;
            LittleEndian.WriteUInt32(buffer, offset + 8, record.Wh);
            LittleEndian.Write(buffer, offset + 12, record.Session, 3);
            buffer[offset + 15] = record.ConfidencePercent;
            int aux = 0;
            if ((record.Flags & RecordFlags.Coalesced) != 0) aux = record.SeqCount;
            else if (record.IsBootRelative) aux = record.Boot;
            LittleEndian.WriteUInt16(buffer, offset + 16, aux);
            LittleEndian.WriteUInt16(buffer, offset + 18, Crc16.Compute(buffer, offset, Size - 2));
        }

        /// <summary>
        /// Decodes the slot at <paramref name="offset"/> into <paramref name="record"/> with the
        /// implied <paramref name="seq"/>; false (record untouched) when the CRC or a field is invalid.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, uint seq, ref Record record)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - Size) throw new ArgumentOutOfRangeException(nameof(offset));
            if (LittleEndian.ReadUInt16(buffer, offset + 18) != Crc16.Compute(buffer, offset, Size - 2)) return false;

            uint duration = (uint)LittleEndian.Read(buffer, offset + 4, 3);
            byte flags = buffer[offset + 7];
            byte confidence = buffer[offset + 15];
            int aux = LittleEndian.ReadUInt16(buffer, offset + 16);
            if (duration < 1 || (flags & ~KnownFlags) != 0 || confidence < 10 || confidence > 100) return false;
            bool coalesced = (flags & (byte)RecordFlags.Coalesced) != 0;
            bool bootRelative = (flags & (byte)RecordFlags.BootRelativeTime) != 0;
            if (coalesced && (bootRelative || aux < 2)) return false;
            if (!coalesced && !bootRelative && aux != 0) return false;
            if (seq == 0) return false;

            record.Seq = seq;
            record.SeqCount = coalesced ? (ushort)aux : (ushort)1;
            record.Start = LittleEndian.ReadUInt32(buffer, offset);
            record.DurationSeconds = duration;
            record.Flags = (RecordFlags)flags;
            record.Wh = LittleEndian.ReadUInt32(buffer, offset + 8);
            record.Session = (uint)LittleEndian.Read(buffer, offset + 12, 3);
            record.ConfidencePercent = confidence;
            record.Boot = bootRelative ? (ushort)aux : (ushort)0;
            return true;
        }

        /// <summary>How many Seqs the valid slot at <paramref name="offset"/> stands for (1, or its coalesced count).</summary>
        internal static int SeqCountOf(byte[] buffer, int offset)
        {
            return (buffer[offset + 7] & (byte)RecordFlags.Coalesced) != 0 ? LittleEndian.ReadUInt16(buffer, offset + 16) : 1;
        }
    }
}
