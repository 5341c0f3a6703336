using System;
using ChargerAgent.Core.Network;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// <see cref="IClock"/> on the ESP32. Monotonic time is <c>Environment.TickCount64</c>
    /// (nanoFramework.Runtime.Native/System/Environment.cs: milliseconds since the system started).
    /// The wall clock is trusted once <c>DateTime.UtcNow</c> reaches 2021 (<see cref="WallClock"/>,
    /// the same test nanoFramework's network helper uses to wait for SNTP,
    /// System.Net/NetworkHelper/NetworkHelperInternal.cs, WaitForValidDateTime): the ESP32 starts
    /// at 1970 after a power cut and SNTP (started by the firmware when it gets an IP address) sets
    /// it. Once trusted it stays trusted for the boot.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private const long UnixEpochTicks = 621355968000000000L;
        private const long TicksPerSecond = 10000000L;
        private bool _trusted;

        /// <inheritdoc />
        public long MonotonicMilliseconds => Environment.TickCount64;

        /// <inheritdoc />
        public bool TryGetUtc(out long unixSeconds)
        {
            DateTime now = DateTime.UtcNow;
            if (!_trusted && WallClock.IsSet(now.Ticks)) _trusted = true;
            if (!_trusted)
            {
                unixSeconds = 0;
                return false;
            }

            unixSeconds = (now.Ticks - UnixEpochTicks) / TicksPerSecond;
            return true;
        }
    }
}
