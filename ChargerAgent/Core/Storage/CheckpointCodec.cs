using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// One checkpoint slot on flash (SPEC.md, "Checkpoint slot"): magic "CACP", format version,
    /// payload length, save sequence, the <see cref="Checkpoint"/> fields with the
    /// <see cref="DeliveryWatermarks"/> among them in a fixed order, CRC-16.
    /// Little-endian. A newer version only appends fields; this version reads its own length.
    /// </summary>
    public static class CheckpointCodec
    {
        /// <summary>Magic bytes "CACP" at offset 0.</summary>
        public const uint Magic = 0x50434143;

        /// <summary>Schema version written by this code.</summary>
        public const byte Version = 1;

        /// <summary>Bytes before the payload: magic 4, version 1, reserved 1, payload length 2, sequence 4.</summary>
        public const int HeaderSize = 12;

        /// <summary>Payload bytes of version 1.</summary>
        public const int PayloadSize = 156;

        /// <summary>Whole slot length of version 1 (header, payload, CRC).</summary>
        public const int Size = HeaderSize + PayloadSize + 2;

        /// <summary>Outcome of <see cref="TryDecode"/>: valid.</summary>
        public const int Valid = 0;

        /// <summary>Outcome of <see cref="TryDecode"/>: empty, torn or corrupt.</summary>
        public const int Invalid = 1;

        /// <summary>Outcome of <see cref="TryDecode"/>: written by a newer schema version.</summary>
        public const int FutureVersion = 2;

        /// <summary>Encodes <paramref name="checkpoint"/> and <paramref name="watermarks"/> with save sequence <paramref name="sequence"/>; returns the length.</summary>
        public static int Encode(Checkpoint checkpoint, DeliveryWatermarks watermarks, uint sequence, byte[] buffer)
        {
            if (checkpoint == null) throw new ArgumentNullException(nameof(checkpoint));
            if (watermarks == null) throw new ArgumentNullException(nameof(watermarks));
            if (buffer == null || buffer.Length < Size) throw new ArgumentException("buffer too small", nameof(buffer));
            LittleEndian.WriteUInt32(buffer, 0, Magic);
            buffer[4] = Version;
            buffer[5] = 0;
            LittleEndian.WriteUInt16(buffer, 6, PayloadSize);
            LittleEndian.WriteUInt32(buffer, 8, sequence);
            int p = HeaderSize;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.Generation); p += 4;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.NextSeq); p += 4;
            LittleEndian.WriteUInt32(buffer, p, watermarks.AttemptedUpTo); p += 4;
            LittleEndian.WriteUInt32(buffer, p, watermarks.SentUpTo); p += 4;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.SessionCounter); p += 4;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.OpenSession); p += 4;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.IntervalStart, 8); p += 8;
            buffer[p++] = (byte)(checkpoint.IntervalStartIsBootRelative ? 1 : 0);
            LittleEndian.WriteUInt16(buffer, p, checkpoint.IntervalBoot); p += 2;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.IntervalBaselineWh, 8); p += 8;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.LastMeterWh, 8); p += 8;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.SavedAt, 8); p += 8;
            LittleEndian.WriteUInt16(buffer, p, checkpoint.BootCount); p += 2;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.BootEpoch, 8); p += 8;
            LittleEndian.WriteUInt16(buffer, p, checkpoint.PendingEpochBoot); p += 2;
            buffer[p++] = checkpoint.LastRebootReason;
            LittleEndian.Write(buffer, p, checkpoint.UnaccountedWhBound, 8); p += 8;
            LittleEndian.Write(buffer, p, checkpoint.UnseenSeconds, 8); p += 8;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.Violations); p += 4;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.UtcFloor, 8); p += 8;
            LittleEndian.WriteUInt16(buffer, p, checkpoint.TimelineBoot); p += 2;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.TimelineOffset, 8); p += 8;
            buffer[p++] = checkpoint.IntervalFlags;
            buffer[p++] = (byte)(checkpoint.DowntimePending ? 1 : 0);
            LittleEndian.Write(buffer, p, (ulong)checkpoint.DowntimeFrom, 8); p += 8;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.DowntimeToTimeline, 8); p += 8;
            LittleEndian.Write(buffer, p, (ulong)checkpoint.DowntimeWh, 8); p += 8;
            LittleEndian.WriteUInt32(buffer, p, checkpoint.DowntimeSession); p += 4;
            LittleEndian.Write(buffer, p, checkpoint.MeteredWh, 8); p += 8;
            LittleEndian.Write(buffer, p, checkpoint.RecordedWh, 8); p += 8;
            LittleEndian.WriteUInt16(buffer, p, Crc16.Compute(buffer, 0, p));
            return p + 2;
        }

        /// <summary>
        /// Decodes a slot of <paramref name="length"/> bytes into <paramref name="into"/> and
        /// <paramref name="watermarks"/> (only when valid); the watermarks take the slot's generation.
        /// </summary>
        /// <returns><see cref="Valid"/>, <see cref="Invalid"/> or <see cref="FutureVersion"/>.</returns>
        public static int TryDecode(byte[] buffer, int length, Checkpoint into, DeliveryWatermarks watermarks, out uint sequence)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (into == null) throw new ArgumentNullException(nameof(into));
            if (watermarks == null) throw new ArgumentNullException(nameof(watermarks));
            sequence = 0;
            if (length < HeaderSize + 2 || LittleEndian.ReadUInt32(buffer, 0) != Magic) return Invalid;
            if (buffer[4] > Version) return FutureVersion;
            int payload = LittleEndian.ReadUInt16(buffer, 6);
            if (buffer[4] != Version || payload != PayloadSize || length < HeaderSize + payload + 2) return Invalid;
            if (LittleEndian.ReadUInt16(buffer, HeaderSize + payload) != Crc16.Compute(buffer, 0, HeaderSize + payload)) return Invalid;
            sequence = LittleEndian.ReadUInt32(buffer, 8);
            int p = HeaderSize;
            into.Generation = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.NextSeq = LittleEndian.ReadUInt32(buffer, p); p += 4;
            watermarks.Generation = into.Generation;
            watermarks.AttemptedUpTo = LittleEndian.ReadUInt32(buffer, p); p += 4;
            watermarks.SentUpTo = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.SessionCounter = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.OpenSession = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.IntervalStart = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.IntervalStartIsBootRelative = buffer[p++] != 0;
            into.IntervalBoot = (ushort)LittleEndian.ReadUInt16(buffer, p); p += 2;
            into.IntervalBaselineWh = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.LastMeterWh = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.SavedAt = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.BootCount = (ushort)LittleEndian.ReadUInt16(buffer, p); p += 2;
            into.BootEpoch = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.PendingEpochBoot = (ushort)LittleEndian.ReadUInt16(buffer, p); p += 2;
            into.LastRebootReason = buffer[p++];
            into.UnaccountedWhBound = LittleEndian.Read(buffer, p, 8); p += 8;
            into.UnseenSeconds = LittleEndian.Read(buffer, p, 8); p += 8;
            into.Violations = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.UtcFloor = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.TimelineBoot = (ushort)LittleEndian.ReadUInt16(buffer, p); p += 2;
            into.TimelineOffset = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.IntervalFlags = buffer[p++];
            into.DowntimePending = buffer[p++] != 0;
            into.DowntimeFrom = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.DowntimeToTimeline = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.DowntimeWh = (long)LittleEndian.Read(buffer, p, 8); p += 8;
            into.DowntimeSession = LittleEndian.ReadUInt32(buffer, p); p += 4;
            into.MeteredWh = LittleEndian.Read(buffer, p, 8); p += 8;
            into.RecordedWh = LittleEndian.Read(buffer, p, 8);
            return Valid;
        }
    }
}
