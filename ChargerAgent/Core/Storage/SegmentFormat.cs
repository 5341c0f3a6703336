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

        /// <summary>Writes a header at <paramref name="offset"/>.</summary>
        public static void WriteHeader(byte[] buffer, int offset, byte kind, uint generation, uint firstSeq, uint replacedLast, int recordCount)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - HeaderSize) throw new ArgumentOutOfRangeException(nameof(offset));
            LittleEndian.WriteUInt32(buffer, offset, Magic);
            buffer[offset + 4] = Version;
            buffer[offset + 5] = kind;
            buffer[offset + 6] = RecordCodec.Size;
            buffer[offset + 7] = 0;
            LittleEndian.WriteUInt32(buffer, offset + 8, generation);
            LittleEndian.WriteUInt32(buffer, offset + 12, firstSeq);
            LittleEndian.WriteUInt32(buffer, offset + 16, replacedLast);
            LittleEndian.WriteUInt16(buffer, offset + 20, recordCount);
            LittleEndian.WriteUInt16(buffer, offset + 22, Crc16.Compute(buffer, offset, HeaderSize - 2));
        }

        /// <summary>True when the bytes start with the magic (whatever the version).</summary>
        public static bool HasMagic(byte[] buffer, int offset, int length)
        {
            return length >= 5 && LittleEndian.ReadUInt32(buffer, offset) == Magic;
        }

        /// <summary>The version byte of a header that has the magic.</summary>
        public static byte VersionOf(byte[] buffer, int offset)
        {
            return buffer[offset + 4];
        }

        /// <summary>True when a complete header of this version with a valid CRC is at <paramref name="offset"/>.</summary>
        public static bool IsValidHeader(byte[] buffer, int offset, int length)
        {
            if (length < HeaderSize || !HasMagic(buffer, offset, length)) return false;
            if (buffer[offset + 4] != Version || buffer[offset + 6] != RecordCodec.Size || buffer[offset + 7] != 0) return false;
            if (buffer[offset + 5] != KindAppended && buffer[offset + 5] != KindCoalesced) return false;
            if (LittleEndian.ReadUInt16(buffer, offset + 22) != Crc16.Compute(buffer, offset, HeaderSize - 2)) return false;
            return LittleEndian.ReadUInt32(buffer, offset + 12) != 0;
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
