using ChargerAgent.Core.Time;

namespace ChargerAgent.Tests.Modbus
{
    /// <summary>A monotonic clock that moves only when told (by a test or a scripted line).</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>Milliseconds since "boot".</summary>
        public long Now;

        public long MonotonicMilliseconds
        {
            get { return Now; }
        }

        public bool TryGetUtc(out long unixSeconds)
        {
            unixSeconds = 0;
            return false;
        }

        public void Advance(long milliseconds)
        {
            Now += milliseconds;
        }
    }
}
