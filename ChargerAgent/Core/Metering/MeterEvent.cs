namespace ChargerAgent.Core.Metering
{
    /// <summary>Something that happened to the meter that downstream code must record.</summary>
    public enum MeterEvent : byte
    {
        /// <summary>Nothing.</summary>
        None = 0,

        /// <summary>
        /// A new baseline was accepted (the meter was replaced or reset, or its counter restarted):
        /// <see cref="EnergyReading.TotalWh"/> is not comparable with earlier readings.
        /// </summary>
        NewBaseline = 1,

        /// <summary>A reading was held back as implausible (lower than the last, or a jump above maximum power).</summary>
        ReadingHeld = 2,
    }
}
