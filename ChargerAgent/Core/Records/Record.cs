namespace ChargerAgent.Core.Records
{
    /// <summary>
    /// One energy record: the imported watt-hours of one period of one session (or of no session).
    /// This is the record contract that the intervals, the ring, the uploader and the simulator
    /// share (docs/DESIGN.md §3); change it here and nowhere else.
    /// </summary>
    /// <remarks>
    /// Times are Unix seconds (UTC) once the boot's clock is known. A record closed before the
    /// first clock sync of its boot carries <see cref="RecordFlags.BootRelativeTime"/>: then
    /// <see cref="Start"/> counts seconds since boot number <see cref="Boot"/>, and becomes UTC
    /// through that boot's epoch when it is learnt, so a record is written once and never rewritten.
    /// </remarks>
    public struct Record
    {
        /// <summary>Largest period a record may cover: 24 bits of seconds (about 194 days).</summary>
        public const uint MaxDurationSeconds = 0xFFFFFF;

        /// <summary>Per-device sequence number, starting at 1, never reused.</summary>
        public uint Seq;

        /// <summary>
        /// How many sequence numbers this record stands for: 1, or for a coalesced record the
        /// count of the originals <see cref="Seq"/>..<see cref="LastSeq"/> that it replaces.
        /// </summary>
        public ushort SeqCount;

        /// <summary>Start of the period: Unix seconds, or seconds since boot (see remarks).</summary>
        public long Start;

        /// <summary>Length of the period in seconds; at least 1, at most <see cref="MaxDurationSeconds"/>.</summary>
        public uint DurationSeconds;

        /// <summary>The boot number that a boot-relative <see cref="Start"/> counts from.</summary>
        public ushort Boot;

        /// <summary>Imported energy over the period, in watt-hours.</summary>
        public uint Wh;

        /// <summary>Session number (0 = no session: the charger's own draw between sessions).</summary>
        public uint Session;

        /// <summary>How sure the energy is, 10–100 percent (below 100 when estimated over downtime).</summary>
        public byte ConfidencePercent;

        /// <summary>What else is true of the record.</summary>
        public RecordFlags Flags;

        /// <summary>End of the period, in the same time base as <see cref="Start"/>.</summary>
        public long End
        {
            get { return Start + DurationSeconds; }
        }

        /// <summary>The last sequence number this record stands for.</summary>
        public uint LastSeq
        {
            get { return Seq + (uint)(SeqCount == 0 ? 0 : SeqCount - 1); }
        }

        /// <summary>True when <see cref="Start"/> counts from boot, not from the Unix epoch.</summary>
        public bool IsBootRelative
        {
            get { return (Flags & RecordFlags.BootRelativeTime) != 0; }
        }

        /// <summary>True when the fields satisfy the contract's ranges (not whether the energy is right).</summary>
        public bool IsWellFormed
        {
            get
            {
                return Seq != 0 && SeqCount >= 1 && DurationSeconds >= 1 && DurationSeconds <= MaxDurationSeconds
                    && ConfidencePercent >= 10 && ConfidencePercent <= 100 && Start >= 0
                    && Seq + (uint)(SeqCount - 1) >= Seq;
            }
        }
    }
}
