using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>Sizes of a <see cref="RecordRing"/>.</summary>
    public sealed class RingOptions
    {
        /// <summary>Default budget: 96 KB of segment files (24 segments, 4,669 records).</summary>
        public const int DefaultTotalBytes = 96 * 1024;

        /// <summary>The flash partition the agent's files share with the device's own (the 256 KB <c>config</c> partition of 4 MB ESP32 boards).</summary>
        public const int DefaultPartitionBytes = 256 * 1024;

        /// <summary>
        /// Bytes the agent's other files and LittleFS's own metadata take at their budgets, besides
        /// the ring (SPEC.md, "Byte budgets"; measured on littlefs v2.11.2: 15 blocks at the peak of a rewrite).
        /// </summary>
        public const int SideFilesBytes = 60 * 1024;

        /// <summary>Default number of slots kept for session-edge records once ordinary records are refused.</summary>
        public const int DefaultEdgeReserve = 16;

        /// <summary>Bytes of flash the ring's files may occupy in all (one segment of it stays free for coalescing).</summary>
        public int TotalBytes = DefaultTotalBytes;

        /// <summary>Bytes per segment file: one LittleFS block (tests use smaller segments to reach every case quickly).</summary>
        public int SegmentBytes = SegmentFormat.DefaultSegmentBytes;

        /// <summary>Slots only a record that ends a session or starts another may take.</summary>
        public int EdgeReserve = DefaultEdgeReserve;

        /// <summary>Bytes of the flash partition the agent runs on; the ring and the side files may use five eighths of it (160 KB of 256 KB), the rest stays for the device's own files and free blocks for wear levelling.</summary>
        public int PartitionBytes = DefaultPartitionBytes;

        /// <summary>Bytes of <paramref name="partitionBytes"/> the agent's files may use: five eighths.</summary>
        public static int AgentBytes(int partitionBytes)
        {
            return partitionBytes / 8 * 5;
        }

        /// <summary>Throws when the sizes cannot make a working ring.</summary>
        public void Validate()
        {
            if (SegmentBytes < SegmentFormat.HeaderSize + 2 * RecordCodec.Size || SegmentBytes > 65536) throw new ArgumentOutOfRangeException(nameof(SegmentBytes));
            if (TotalBytes / SegmentBytes < 3) throw new ArgumentOutOfRangeException(nameof(TotalBytes), "the ring needs at least three segments");
            if (EdgeReserve < 0 || EdgeReserve >= SegmentFormat.SlotsPerSegment(SegmentBytes)) throw new ArgumentOutOfRangeException(nameof(EdgeReserve));
            int usable = AgentBytes(PartitionBytes);
            if (TotalBytes > usable - SideFilesBytes)
            {
                int room = usable - SideFilesBytes;
                throw new ArgumentException("a ring of " + (TotalBytes / 1024).ToString() + " KB does not fit a " + (PartitionBytes / 1024).ToString()
                    + " KB flash partition: the agent may use " + (usable / 1024).ToString() + " KB of it and its other files take "
                    + (SideFilesBytes / 1024).ToString() + " KB, so the ring can have at most " + (room < 0 ? "0" : (room / 1024).ToString()) + " KB", nameof(TotalBytes));
            }
        }
    }
}
