namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The agent's durable state (docs/DESIGN.md §3): everything needed after a reboot or a power
    /// cut to continue without losing or double-counting a watt-hour. One instance lives for the
    /// agent's life; only the agent writes it, and saves it through <see cref="ICheckpointStore"/>
    /// at record and session edges and (for pulse meters) every configured energy step. The
    /// delivery's watermarks are a record of their own (<see cref="DeliveryWatermarks"/>).
    /// </summary>
    public sealed class Checkpoint
    {
        /// <summary>Ring generation this state belongs to.</summary>
        public uint Generation;

        /// <summary>The Seq the next record gets. A ring record at or above it means the interval was already closed.</summary>
        public uint NextSeq = 1;

        /// <summary>Number of the last session generated (sessions are numbered from 1).</summary>
        public uint SessionCounter;

        /// <summary>The open session's number, 0 when no session is open.</summary>
        public uint OpenSession;

        /// <summary>Start of the open interval: Unix seconds, or seconds since boot <see cref="IntervalBoot"/> when <see cref="IntervalStartIsBootRelative"/>.</summary>
        public long IntervalStart;

        /// <summary>True while the open interval's start counts from boot, before the clock was known.</summary>
        public bool IntervalStartIsBootRelative;

        /// <summary>Boot number the open interval's start counts from.</summary>
        public ushort IntervalBoot;

        /// <summary>Meter reading (Wh) at the start of the open interval.</summary>
        public long IntervalBaselineWh;

        /// <summary>Last good meter reading (Wh) at the time of this checkpoint.</summary>
        public long LastMeterWh;

        /// <summary>Time of this checkpoint: Unix seconds, or seconds since boot when <see cref="IntervalStartIsBootRelative"/>.</summary>
        public long SavedAt;

        /// <summary>Boots so far, this one included.</summary>
        public ushort BootCount;

        /// <summary>This boot's epoch: the Unix seconds of its second 0, once the clock was known; 0 before.</summary>
        public long BootEpoch;

        /// <summary>Boot number whose epoch is still needed by boot-relative records in the ring (0 = none).</summary>
        public ushort PendingEpochBoot;

        /// <summary>Why the previous boot ended (see <see cref="RebootReason"/>).</summary>
        public byte LastRebootReason;

        /// <summary>Energy the agent knows it could not see (pulse meters), in Wh, bounded above.</summary>
        public ulong UnaccountedWhBound;

        /// <summary>Seconds the agent was down or blind to the meter, summed.</summary>
        public ulong UnseenSeconds;

        /// <summary>Accounting invariant violations counted so far (never thrown away).</summary>
        public uint Violations;

        /// <summary>No period in UTC may start before this instant: the latest end of any UTC period recorded or reserved.</summary>
        public long UtcFloor;

        /// <summary>Boot whose second 0 the current boot-relative timeline counts from (a boot without a clock continues the previous one's).</summary>
        public ushort TimelineBoot;

        /// <summary>Timeline seconds at this boot's second 0 (0 for a boot that starts its own timeline).</summary>
        public long TimelineOffset;

        /// <summary>Flags carried by the open interval into its record (e.g. meter replaced).</summary>
        public byte IntervalFlags;

        /// <summary>True while energy used during a downtime waits for the clock to be placed in UTC.</summary>
        public bool DowntimePending;

        /// <summary>UTC start of the pending downtime (the open interval's start, or the last save for a pulse meter).</summary>
        public long DowntimeFrom;

        /// <summary>Timeline seconds (of <see cref="TimelineBoot"/>) at which the pending downtime ended.</summary>
        public long DowntimeToTimeline;

        /// <summary>Energy of the pending downtime (register meters; 0 for pulse meters), Wh.</summary>
        public long DowntimeWh;

        /// <summary>Session the pending downtime belongs to.</summary>
        public uint DowntimeSession;

        /// <summary>Energy the agent has seen the meter count, lifetime, Wh (accounting invariant).</summary>
        public ulong MeteredWh;

        /// <summary>Energy appended to the ring in records, lifetime, Wh (accounting invariant).</summary>
        public ulong RecordedWh;

        /// <summary>Copies every field from <paramref name="other"/>.</summary>
        public void CopyFrom(Checkpoint other)
        {
            Generation = other.Generation;
            NextSeq = other.NextSeq;
            SessionCounter = other.SessionCounter;
            OpenSession = other.OpenSession;
            IntervalStart = other.IntervalStart;
            IntervalStartIsBootRelative = other.IntervalStartIsBootRelative;
            IntervalBoot = other.IntervalBoot;
            IntervalBaselineWh = other.IntervalBaselineWh;
            LastMeterWh = other.LastMeterWh;
            SavedAt = other.SavedAt;
            BootCount = other.BootCount;
            BootEpoch = other.BootEpoch;
            PendingEpochBoot = other.PendingEpochBoot;
            LastRebootReason = other.LastRebootReason;
            UnaccountedWhBound = other.UnaccountedWhBound;
            UnseenSeconds = other.UnseenSeconds;
            Violations = other.Violations;
            UtcFloor = other.UtcFloor;
            TimelineBoot = other.TimelineBoot;
            TimelineOffset = other.TimelineOffset;
            IntervalFlags = other.IntervalFlags;
            DowntimePending = other.DowntimePending;
            DowntimeFrom = other.DowntimeFrom;
            DowntimeToTimeline = other.DowntimeToTimeline;
            DowntimeWh = other.DowntimeWh;
            DowntimeSession = other.DowntimeSession;
            MeteredWh = other.MeteredWh;
            RecordedWh = other.RecordedWh;
        }
    }
}
