namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// The pulse-counter port behind an S0 meter: a hardware counter of the meter's impulses (on the
    /// ESP32 the PCNT unit through GpioPulseCounter). The count starts at 0 when counting starts
    /// (every boot) and only grows, but the S0 logic must survive it restarting or wrapping anyway.
    /// Reading is instant: it never blocks.
    /// </summary>
    public interface IPulseCounter
    {
        /// <summary>Reads the pulses counted since counting started.</summary>
        /// <returns>False when the counter cannot be read (not started, hardware fault).</returns>
        bool TryRead(out long count);
    }
}
