using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// A small checkpoint save (SPEC.md 4.6): the 4-byte words of a checkpoint slot's payload that
    /// differ from a full save already on flash, named by that save's sequence, when only the
    /// meter's progress fields changed. A pulse meter saves
    /// every 20 Wh, and between records only its meter reading, save time and metered total change:
    /// a delta of a few words fits one 128-byte program unit of the board's LittleFS, where the full
    /// 170-byte slot takes two, so each such save costs half the metadata space and half the erases.
    /// Layout: magic "CADL", version, word count, 2 reserved, save sequence u32, base sequence u32,
    /// then per word its index (u8) and 4 bytes, then CRC-16 of everything before.
    /// </summary>
    public static class CheckpointDelta
    {
        /// <summary>Magic bytes "CADL" at offset 0.</summary>
        public const uint Magic = 0x4C444143;

        /// <summary>Format version written by this code.</summary>
        public const byte Version = 1;

        /// <summary>Words a delta may carry; a save that changes more is written in full.</summary>
        public const int MaxWords = 10;

        /// <summary>Bytes before the words.</summary>
        public const int HeaderSize = 16;

        /// <summary>Largest delta file.</summary>
        public const int MaxSize = HeaderSize + MaxWords * 5 + 2;

        private const int Words = CheckpointCodec.PayloadSize / 4;

        /// <summary>
        /// Payload byte ranges a delta may change, as (start, end) pairs: LastMeterWh, SavedAt,
        /// UnaccountedWhBound, UnseenSeconds, UtcFloor, MeteredWh. What a pulse-meter save between
        /// records moves; a save that changes anything else (a Seq, a session, an interval) is whole.
        /// </summary>
        private static readonly int[] Progress = new int[] { 43, 59, 72, 88, 92, 100, 140, 148 };

        /// <summary>
        /// Encodes the difference of <paramref name="image"/> from <paramref name="baseImage"/> (both
        /// whole version-1 slots) into <paramref name="buffer"/>; returns its length, or 0 when more
        /// than <see cref="MaxWords"/> words differ.
        /// </summary>
        public static int Encode(byte[] baseImage, byte[] image, uint sequence, uint baseSequence, byte[] buffer)
        {
            if (baseImage == null || image == null || buffer == null || buffer.Length < MaxSize) throw new ArgumentException("buffers too small");
            for (int i = 0; i < CheckpointCodec.PayloadSize; i++)
            {
                int at = CheckpointCodec.HeaderSize + i;
                if (baseImage[at] != image[at] && !IsProgress(i)) return 0;
            }

            int count = 0;
            int p = HeaderSize;
            for (int w = 0; w < Words; w++)
            {
                int at = CheckpointCodec.HeaderSize + 4 * w;
                if (baseImage[at] == image[at] && baseImage[at + 1] == image[at + 1] && baseImage[at + 2] == image[at + 2] && baseImage[at + 3] == image[at + 3]) continue;
                if (++count > MaxWords) return 0;
                buffer[p++] = (byte)w;
                Array.Copy(image, at, buffer, p, 4);
                p += 4;
            }

            LittleEndian.WriteUInt32(buffer, 0, Magic);
            buffer[4] = Version;
            buffer[5] = (byte)count;
            buffer[6] = 0;
            buffer[7] = 0;
            LittleEndian.WriteUInt32(buffer, 8, sequence);
            LittleEndian.WriteUInt32(buffer, 12, baseSequence);
            LittleEndian.WriteUInt16(buffer, p, Crc16.Compute(buffer, 0, p));
            return p + 2;
        }

        private static bool IsProgress(int payloadOffset)
        {
            for (int i = 0; i < Progress.Length; i += 2)
            {
                if (payloadOffset >= Progress[i] && payloadOffset < Progress[i + 1]) return true;
            }

            return false;
        }

        /// <summary>Reads the sequences of a delta; false when it is torn, corrupt or of another version.</summary>
        public static bool TryRead(byte[] buffer, int length, out uint sequence, out uint baseSequence)
        {
            sequence = 0;
            baseSequence = 0;
            if (buffer == null || length < HeaderSize + 2) return false;
            if (LittleEndian.ReadUInt32(buffer, 0) != Magic || buffer[4] != Version || buffer[5] > MaxWords) return false;
            int end = HeaderSize + buffer[5] * 5;
            if (length != end + 2 || LittleEndian.ReadUInt16(buffer, end) != Crc16.Compute(buffer, 0, end)) return false;
            for (int i = 0; i < buffer[5]; i++)
            {
                if (buffer[HeaderSize + i * 5] >= Words) return false;
            }

            sequence = LittleEndian.ReadUInt32(buffer, 8);
            baseSequence = LittleEndian.ReadUInt32(buffer, 12);
            return true;
        }

        /// <summary>Applies a delta read by <see cref="TryRead"/> to a copy of its base slot, giving a whole valid slot with the delta's sequence.</summary>
        public static void Apply(byte[] delta, byte[] image)
        {
            int count = delta[5];
            for (int i = 0; i < count; i++)
            {
                int p = HeaderSize + i * 5;
                Array.Copy(delta, p + 1, image, CheckpointCodec.HeaderSize + 4 * delta[p], 4);
            }

            Array.Copy(delta, 8, image, 8, 4);
            int end = CheckpointCodec.Size - 2;
            LittleEndian.WriteUInt16(image, end, Crc16.Compute(image, 0, end));
        }
    }
}
