namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The delivery's part of the status: the upload queue, the last upload and its cost, the last
    /// session's cost and the Flatpeak device. Only the delivery (the uploader, its status view and
    /// the runtime's delivery step) writes it, after each of its steps.
    /// </summary>
    public sealed class DeliveryStatus
    {
        /// <summary>Records not yet acknowledged by the API.</summary>
        public int Backlog;

        /// <summary>
        /// The records not yet acknowledged fill at least <see cref="RingNearlyFullPercent"/> % of the ring
        /// (the status LED warns: the uplink has been failing for long, and the ring will soon refuse records).
        /// </summary>
        public bool RingNearlyFull;

        /// <summary>Share of the ring's capacity, in percent, from which <see cref="RingNearlyFull"/> is set.</summary>
        public const int RingNearlyFullPercent = 80;

        /// <summary>Records quarantined (rejected as invalid; re-sendable).</summary>
        public int Quarantined;

        /// <summary>Records set aside after a 422 (kept, retried every 15 minutes).</summary>
        public int SetAside;

        /// <summary>The API rejected the credentials (after one re-login).</summary>
        public bool CredentialsRejected;

        /// <summary>Uploading is paused because many requests in a row were rejected as invalid.</summary>
        public bool UploadPausedByConfigurationFault;

        /// <summary>The next record waits for its boot's clock (boot-relative time not yet turned into UTC).</summary>
        public bool UploadWaitingForClock;

        /// <summary>What the uploader is doing, for people ("idle", "sending", "backing off", …).</summary>
        public string UploadState;

        /// <summary>Records acknowledged more than once or re-sent after an uncertain end, all causes together.</summary>
        public uint UploadDuplicates;

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

        /// <summary>UTC Unix seconds when the last session's cost (local sum or server re-read) last changed, 0 when unknown.</summary>
        public long LastSessionCostAsOf;

        /// <summary>The Flatpeak device id sent as device_id (configured or registered), or null: records go to the location.</summary>
        public string FlatpeakDevice;

        /// <summary>What the registration through POST /devices is doing, or null when none is configured.</summary>
        public string DeviceRegistration;
    }
}
