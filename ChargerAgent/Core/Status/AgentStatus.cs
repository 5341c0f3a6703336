using ChargerAgent.Core.Metering;

namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// What the agent shows: one snapshot, updated in place every tick (no allocation), read by the
    /// LED pattern, the serial console and the desktop status view. Each part fills only its own
    /// fields: the agent the clock, meter, interval, session and accounting ones (and
    /// <see cref="RingFull"/>); the uploader (with its price reader) the upload, cost and price
    /// ones; the runtime <see cref="NetworkUp"/>; the firmware or desktop host the configuration,
    /// boot, memory and fault ones.
    /// </summary>
    public sealed class AgentStatus
    {
        /// <summary>Configuration is missing or invalid: the agent runs in its safe state.</summary>
        public bool ConfigurationMissing;

        /// <summary>What is missing or wrong in the configuration (key and reason), or null.</summary>
        public string ConfigurationProblem;

        /// <summary>The network is up (Wi-Fi joined with an IP address, or the desktop's network).</summary>
        public bool NetworkUp;

        /// <summary>The wall clock is trustworthy (SNTP answered this boot).</summary>
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

        /// <summary>Records not yet acknowledged by the API.</summary>
        public int Backlog;

        /// <summary>Records quarantined (rejected as invalid; re-sendable).</summary>
        public int Quarantined;

        /// <summary>The ring is nearly full (the status LED warns).</summary>
        public bool RingNearlyFull;

        /// <summary>The ring refused a record: energy waits in the open interval.</summary>
        public bool RingFull;

        /// <summary>The flash refused the ring's last write (no space left, or a write error): energy waits in the open interval.</summary>
        public bool FlashWriteFailed;

        /// <summary>The API rejected the credentials (after one re-login).</summary>
        public bool CredentialsRejected;

        /// <summary>Uploading is paused because many requests in a row were rejected as invalid.</summary>
        public bool UploadPausedByConfigurationFault;

        /// <summary>Seq of the last record the API took, 0 when none yet.</summary>
        public uint LastUploadedSeq;

        /// <summary>Unix seconds of the last accepted upload, 0 when none.</summary>
        public long LastUploadAt;

        /// <summary>Cost of the last uploaded record in minor units (e.g. pence), as the API returned it.</summary>
        public long LastUploadCostMinor;

        /// <summary>Currency of <see cref="LastUploadCostMinor"/> (ISO 4217), or null.</summary>
        public string Currency;

        /// <summary>The last upload error shown to people (never contains secrets), or null.</summary>
        public string LastUploadError;

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

        /// <summary>The next record waits for its boot's clock (boot-relative time not yet turned into UTC).</summary>
        public bool UploadWaitingForClock;

        /// <summary>Records set aside after a 422 (kept, retried every 15 minutes).</summary>
        public int SetAside;

        /// <summary>What the uploader is doing, for people ("idle", "sending", "backing off", …).</summary>
        public string UploadState;

        /// <summary>Records acknowledged more than once or re-sent after an uncertain end, all causes together.</summary>
        public uint UploadDuplicates;

        /// <summary>Number of the last ended session whose cost is shown, 0 when none.</summary>
        public uint LastSessionNumber;

        /// <summary>That session's cost: sum of its records' instant costs, in millionths of <see cref="Currency"/>.</summary>
        public long LastSessionCostMicros;

        /// <summary>Records of that session whose cost the sum holds.</summary>
        public int LastSessionCostRecords;

        /// <summary>True when the /costs/session cross-check answered with data.</summary>
        public bool LastSessionServerCostAvailable;

        /// <summary>The /costs/session cross-check's sum, millionths of <see cref="Currency"/>, when available.</summary>
        public long LastSessionServerCostMicros;

        /// <summary>"pending", "not available" or "answered": the state of that cross-check.</summary>
        public string LastSessionServerCostState;
        /// <summary>The Flatpeak device id sent as device_id (configured or registered), or null: records go to the location.</summary>
        public string FlatpeakDevice;

        /// <summary>What the registration through POST /devices is doing, or null when none is configured.</summary>
        public string DeviceRegistration;

        /// <summary>UTC Unix seconds when the last session's cost (local sum or server re-read) last changed, 0 when unknown.</summary>
        public long LastSessionCostAsOf;

        /// <summary>What the price reader is doing ("as of …", "not read yet: …"), or null when prices are not read.</summary>
        public string PriceState;

        /// <summary>Currency of the prices (ISO 4217), or null.</summary>
        public string PriceCurrency;

        /// <summary>The location's time zone as the API names it, shown only, or null.</summary>
        public string PriceTimezone;

        /// <summary>A slot holds now (UTC).</summary>
        public bool PriceNowKnown;

        /// <summary>The current slot's price per kWh, millionths of <see cref="PriceCurrency"/>.</summary>
        public long PriceNowMicros;

        /// <summary>The current slot's valid_from, UTC Unix seconds.</summary>
        public long PriceNowFrom;

        /// <summary>The current slot's valid_to, UTC Unix seconds.</summary>
        public long PriceNowTo;

        /// <summary>The current slot's confidence, thousandths (1000 confirmed, below a forecast), -1 when not given.</summary>
        public int PriceNowConfidencePermille = -1;

        /// <summary>A slot holds the start of the next half-hour.</summary>
        public bool PriceNextKnown;

        /// <summary>The next half-hour's price per kWh, millionths.</summary>
        public long PriceNextMicros;

        /// <summary>That slot's valid_from, UTC Unix seconds.</summary>
        public long PriceNextFrom;

        /// <summary>That slot's valid_to, UTC Unix seconds.</summary>
        public long PriceNextTo;

        /// <summary>That slot's confidence, thousandths, -1 when not given.</summary>
        public int PriceNextConfidencePermille = -1;

        /// <summary>The board is still starting (before the first agent tick); the LED flickers.</summary>
        public bool Booting;

        /// <summary>Free managed memory in bytes at the last measurement, or -1 when not measured.</summary>
        public long FreeMemoryBytes = -1;

        /// <summary>Why the previous boot ended (see <see cref="ChargerAgent.Core.Storage.RebootReason"/>).</summary>
        public byte LastRebootReason;

        /// <summary>Unhandled exceptions (including out-of-memory) caught at the main loop's edge this boot.</summary>
        public uint LoopFaults;
    }
}
