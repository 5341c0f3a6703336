namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// The clock port. Monotonic time never goes back and restarts at 0 at every boot; wall time
    /// is offered only once it is trustworthy (SNTP answered, or a configured RTC), because the
    /// ESP32 loses its clock at every power cut and must never stamp a record with 1970.
    /// Both reads are instant: they never block.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since this boot; never decreases.</summary>
        long MonotonicMilliseconds { get; }

        /// <summary>UTC now as Unix seconds, when the wall clock is trustworthy.</summary>
        /// <returns>False while the time is not known (before the first SNTP answer of the boot).</returns>
        bool TryGetUtc(out long unixSeconds);
    }
}
