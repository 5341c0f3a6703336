namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// What the status LED shows, in priority order: when several hold, the lowest value wins
    /// (see <see cref="LedStates.Select"/>).
    /// </summary>
    public enum LedState : byte
    {
        /// <summary>Starting up.</summary>
        Booting = 0,

        /// <summary>No or invalid configuration: the safe state.</summary>
        NoConfiguration = 1,

        /// <summary>The meter does not answer or answers nonsense: energy is not being measured.</summary>
        MeterFault = 2,

        /// <summary>The ring buffer is nearly (or completely) full: records are at risk.</summary>
        RingNearlyFull = 3,

        /// <summary>No Wi-Fi (no IP address).</summary>
        NoWifi = 4,

        /// <summary>Network up but the wall clock is not set yet (no SNTP answer).</summary>
        NoValidTime = 5,

        /// <summary>The API rejected the credentials, or uploads are paused because records were rejected as invalid.</summary>
        CredentialsRejected = 6,

        /// <summary>Records are waiting or being uploaded.</summary>
        BacklogDraining = 7,

        /// <summary>Everything recorded has been accepted by the API.</summary>
        AllSent = 8,
    }
}
