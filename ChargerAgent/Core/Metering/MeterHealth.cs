namespace ChargerAgent.Core.Metering
{
    /// <summary>How a meter's last read went.</summary>
    public enum MeterHealth : byte
    {
        /// <summary>Not read yet.</summary>
        Unknown = 0,

        /// <summary>The reading is good and may be billed.</summary>
        Ok = 1,

        /// <summary>The meter did not answer (timeout, no pulses counter, port closed).</summary>
        NoAnswer = 2,

        /// <summary>The meter answered with something unusable (CRC, exception code, implausible value).</summary>
        BadData = 3,
    }
}
