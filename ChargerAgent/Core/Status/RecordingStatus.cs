using ChargerAgent.Core.Metering;

namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The recording's part of the status: the agent's clock, the meter, the open interval, the
    /// session, the ring's refusals and the accounting. Only the agent (with its parts) writes it,
    /// updated in place every tick; while the agent does not run, the safe state fills the clock
    /// and uptime instead (<see cref="SafeStateControl.FillStatus"/>).
    /// </summary>
    public sealed class RecordingStatus
    {
        /// <summary>The wall clock is trustworthy (SNTP answered this boot, and no step is being confirmed).</summary>
        public bool ClockTrusted;

        /// <summary>UTC now as Unix seconds when <see cref="ClockTrusted"/>.</summary>
        public long UtcNow;

        /// <summary>Seconds since this boot.</summary>
        public long UptimeSeconds;

        /// <summary>Health of the last meter read.</summary>
        public MeterHealth MeterHealth;

        /// <summary>Why the meter is not healthy, or null.</summary>
        public string MeterProblem;

        /// <summary>Last good cumulative meter reading, Wh.</summary>
        public long MeterTotalWh;

        /// <summary>Power in W when <see cref="MeterHasPower"/>.</summary>
        public int MeterPowerW;

        /// <summary>True when the meter reports power.</summary>
        public bool MeterHasPower;

        /// <summary>Start of the open interval (Unix seconds, or seconds since boot before the clock is known).</summary>
        public long IntervalStart;

        /// <summary>Energy in the open interval so far, Wh.</summary>
        public long IntervalWh;

        /// <summary>Open session number, 0 when none.</summary>
        public uint Session;

        /// <summary>The ring refused a record: energy waits in the open interval.</summary>
        public bool RingFull;

        /// <summary>The flash refused the ring's last write (no space left, or a write error): energy waits in the open interval.</summary>
        public bool FlashWriteFailed;

        /// <summary>Accounting invariant violations counted by the agent.</summary>
        public uint Violations;

        /// <summary>Energy the agent could not see, bounded above, lifetime, Wh (see <see cref="UnaccountedCause"/>).</summary>
        public ulong UnaccountedWhBound;

        /// <summary>
        /// What <see cref="UnaccountedWhBound"/> counts: for a register meter only the time around a replaced or reset
        /// meter (<see cref="CauseMeterRebase"/>), for a pulse meter the time it was not seen (<see cref="CauseUnseenTime"/>).
        /// </summary>
        public string UnaccountedCause;

        /// <summary>Times this boot the meter's count was taken as a new baseline (a replaced or reset meter).</summary>
        public uint MeterRebases;

        /// <summary>Cause of unaccounted energy: a replaced or reset register meter.</summary>
        public const string CauseMeterRebase = "meter replaced or reset";

        /// <summary>Cause of unaccounted energy: time a pulse meter was not counted (downtime, boot).</summary>
        public const string CauseUnseenTime = "time the pulse meter was not counted";
    }
}
