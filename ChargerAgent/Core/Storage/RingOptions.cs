using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>Sizes of a <see cref="RecordRing"/>.</summary>
    public sealed class RingOptions
    {
        /// <summary>Default budget: 96 KB of segment files (24 segments, 4,669 records).</summary>
        public const int DefaultTotalBytes = 96 * 1024;

        /// <summary>Default number of slots kept for session-edge records once ordinary records are refused.</summary>
        public const int DefaultEdgeReserve = 16;

        /// <summary>Bytes of flash the ring's files may occupy in all (one segment of it stays free for coalescing).</summary>
        public int TotalBytes = DefaultTotalBytes;

        /// <summary>Bytes per segment file: one LittleFS block (tests use smaller segments to reach every case quickly).</summary>
        public int SegmentBytes = SegmentFormat.DefaultSegmentBytes;

        /// <summary>Slots only a record that ends a session or starts another may take.</summary>
        public int EdgeReserve = DefaultEdgeReserve;

        /// <summary>Throws when the sizes cannot make a working ring.</summary>
        public void Validate()
        {
            if (SegmentBytes < SegmentFormat.HeaderSize + 2 * RecordCodec.Size || SegmentBytes > 65536) throw new ArgumentOutOfRangeException(nameof(SegmentBytes));
            if (TotalBytes / SegmentBytes < 3) throw new ArgumentOutOfRangeException(nameof(TotalBytes), "the ring needs at least three segments");
            if (EdgeReserve < 0 || EdgeReserve >= SegmentFormat.SlotsPerSegment(SegmentBytes)) throw new ArgumentOutOfRangeException(nameof(EdgeReserve));
        }
    }
}
