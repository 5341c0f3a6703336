namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// One read of an energy source: the cumulative imported watt-hours, the power where the meter
    /// has it, and how the read went. A value type filled in place, so sampling allocates nothing.
    /// </summary>
    public struct EnergyReading
    {
        /// <summary>
        /// Cumulative imported energy in Wh. Valid only when <see cref="Health"/> is
        /// <see cref="MeterHealth.Ok"/>. Never decreases unless <see cref="Event"/> is
        /// <see cref="MeterEvent.NewBaseline"/>.
        /// </summary>
        public long TotalWh;

        /// <summary>Active power in W, when <see cref="HasPower"/>.</summary>
        public int PowerW;

        /// <summary>True when the meter reports power (or it was derived from pulse timing).</summary>
        public bool HasPower;

        /// <summary>How the read went.</summary>
        public MeterHealth Health;

        /// <summary>A reason a person can read when not <see cref="MeterHealth.Ok"/> (a constant string: no allocation).</summary>
        public string Reason;

        /// <summary>An event downstream code must record.</summary>
        public MeterEvent Event;

        /// <summary>Monotonic milliseconds at which the value was taken.</summary>
        public long TakenAtMs;

        /// <summary>
        /// With <see cref="MeterEvent.NewBaseline"/>: energy the reads that confirmed the new level saw, Wh (from the
        /// first of them to this one). Real energy on the new count, to be billed; 0 otherwise.
        /// </summary>
        public long BaselineSeenWh;

        /// <summary>
        /// With <see cref="MeterEvent.NewBaseline"/>: time between the last good reading of the old level and the first
        /// read of the new one, ms. No read saw the energy of that time; 0 otherwise.
        /// </summary>
        public long BaselineUnseenMs;
    }
}
