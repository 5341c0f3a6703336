using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The segment file: a 24-byte header followed by 20-byte record slots, one LittleFS block
    /// (4096 bytes) in all (SPEC.md, "Segment file"). Files are named <c>r</c> + the first Seq as
    /// eight lowercase hex digits + <c>.seg</c> or <c>.sec</c> (the two names a coalesced
    /// segment alternates between, so it never has the name of a segment it replaces).
    /// </summary>
    public static class SegmentFormat
    {
        /// <summary>Header length in bytes.</summary>
        public const int HeaderSize = 24;

        /// <summary>Default segment size: one LittleFS block.</summary>
        public const int DefaultSegmentBytes = 4096;

        /// <summary>The format version this code writes and reads.</summary>
        public const byte Version = 1;

        /// <summary>Header kind: records appended one by one; Seq of slot i is first Seq + i.</summary>
        public const byte KindAppended = 0;

        /// <summary>Header kind: written whole by coalescing; it replaces the Seq range first..replaced last.</summary>
        public const byte KindCoalesced = 1;

        /// <summary>Magic bytes "CASG" at offset 0.</summary>
        public const uint Magic = 0x47534143;

        /// <summary>Length of a segment file name.</summary>
        public const int NameLength = 13;

        // header field offsets (SPEC.md 3.1); magic and version stay at 0 and 4 in every version
        private const int MagicAt = 0;
        private const int VersionAt = 4;
        private const int KindAt = 5;
        private const int SlotSizeAt = 6;
        private const int ReservedAt = 7;
        private const int GenerationAt = 8;
        private const int FirstSeqAt = 12;
        private const int ReplacedLastAt = 16;
        private const int RecordCountAt = 20;
        private const int CrcAt = 22;

        /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> could be the start of a header this version wrote (a creation cut short).</summary>
        public static bool IsHeaderPrefix(byte[] buffer, int offset, int length)
        {
            if (length >= 4 && LittleEndian.ReadUInt32(buffer, offset + MagicAt) != Magic) return false;
            if (length < 4)
            {
                for (int i = 0; i < length; i++)
                {
                    if (buffer[offset + i] != (byte)(Magic >> (8 * i))) return false;
                }
            }

            return length <= VersionAt || buffer[offset + VersionAt] <= Version;
        }

        /// <summary>Writes a header at <paramref name="offset"/>.</summary>
        public static void WriteHeader(byte[] buffer, int offset, byte kind, uint generation, uint firstSeq, uint replacedLast, int recordCount)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - HeaderSize) throw new ArgumentOutOfRangeException(nameof(offset));
            LittleEndian.WriteUInt32(buffer, offset + MagicAt, Magic);
            buffer[offset + VersionAt] = Version;
            buffer[offset + KindAt] = kind;
            buffer[offset + SlotSizeAt] = RecordCodec.Size;
            buffer[offset + ReservedAt] = 0;
            LittleEndian.WriteUInt32(buffer, offset + GenerationAt, generation);
            LittleEndian.WriteUInt32(buffer, offset + FirstSeqAt, firstSeq);
            LittleEndian.WriteUInt32(buffer, offset + ReplacedLastAt, replacedLast);
            LittleEndian.WriteUInt16(buffer, offset + RecordCountAt, recordCount);
            LittleEndian.WriteUInt16(buffer, offset + CrcAt, Crc16.Compute(buffer, offset, CrcAt));
        }

        /// <summary>The kind of a valid header: <see cref="KindAppended"/> or <see cref="KindCoalesced"/>.</summary>
        public static byte KindOf(byte[] buffer, int offset)
        {
            return buffer[offset + KindAt];
        }

        /// <summary>The ring generation of a valid header.</summary>
        public static uint GenerationOf(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset + GenerationAt);
        }

        /// <summary>The Seq of slot 0 of a valid header.</summary>
        public static uint FirstSeqOf(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset + FirstSeqAt);
        }

        /// <summary>A coalesced header's last replaced Seq (0 in an appended one).</summary>
        public static uint ReplacedLastOf(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset + ReplacedLastAt);
        }

        /// <summary>A coalesced header's number of slots written (0 in an appended one).</summary>
        public static int RecordCountOf(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt16(buffer, offset + RecordCountAt);
        }

        /// <summary>True when the bytes start with the magic (whatever the version).</summary>
        public static bool HasMagic(byte[] buffer, int offset, int length)
        {
            return length >= VersionAt + 1 && LittleEndian.ReadUInt32(buffer, offset + MagicAt) == Magic;
        }

        /// <summary>The version byte of a header that has the magic.</summary>
        public static byte VersionOf(byte[] buffer, int offset)
        {
            return buffer[offset + VersionAt];
        }

        /// <summary>True when a complete header of this version with a valid CRC is at <paramref name="offset"/>.</summary>
        public static bool IsValidHeader(byte[] buffer, int offset, int length)
        {
            if (length < HeaderSize || !HasMagic(buffer, offset, length)) return false;
            if (buffer[offset + VersionAt] != Version || buffer[offset + SlotSizeAt] != RecordCodec.Size || buffer[offset + ReservedAt] != 0) return false;
            if (buffer[offset + KindAt] != KindAppended && buffer[offset + KindAt] != KindCoalesced) return false;
            if (LittleEndian.ReadUInt16(buffer, offset + CrcAt) != Crc16.Compute(buffer, offset, CrcAt)) return false;
            return FirstSeqOf(buffer, offset) != 0;
        }

        /// <summary>Record slots a segment of <paramref name="segmentBytes"/> holds.</summary>
        public static int SlotsPerSegment(int segmentBytes)
        {
            return (segmentBytes - HeaderSize) / RecordCodec.Size;
        }

        /// <summary>The file name of a segment: <c>r{firstSeq:x8}.seg</c>, or <c>.sec</c> when <paramref name="alternate"/>.</summary>
        public static string Name(uint firstSeq, bool alternate)
        {
            char[] chars = new char[NameLength];
            chars[0] = 'r';
            for (int i = 0; i < 8; i++)
            {
                int nibble = (int)((firstSeq >> (28 - 4 * i)) & 0xF);
                chars[1 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }

            chars[9] = '.';
            chars[10] = 's';
            chars[11] = 'e';
            chars[12] = alternate ? 'c' : 'g';
            return new string(chars);
        }

        /// <summary>Parses a segment file name; false for any other file.</summary>
        public static bool TryParseName(string name, out uint firstSeq, out bool alternate)
        {
            firstSeq = 0;
            alternate = false;
            if (name == null || name.Length != NameLength || name[0] != 'r' || name[9] != '.' || name[10] != 's' || name[11] != 'e') return false;
            if (name[12] != 'g' && name[12] != 'c') return false;
            uint value = 0;
            for (int i = 1; i <= 8; i++)
            {
                char c = name[i];
                int nibble;
                if (c >= '0' && c <= '9') nibble = c - '0';
                else if (c >= 'a' && c <= 'f') nibble = c - 'a' + 10;
                else return false;
                value = (value << 4) | (uint)nibble;
            }

            firstSeq = value;
            alternate = name[12] == 'c';
            return value != 0;
        }
    }
}
