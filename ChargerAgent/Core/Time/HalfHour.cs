using System;

namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// The half-hour grid that records align to: every period starts and ends on a UTC :00 or :30
    /// boundary, unless a session edge cuts it. Instants are Unix seconds.
    /// </summary>
    public static class HalfHour
    {
        /// <summary>Length of one settlement period, in seconds.</summary>
        public const int LengthSeconds = 1800;

        /// <summary>The boundary at or before <paramref name="unixSeconds"/>.</summary>
        public static long Floor(long unixSeconds)
        {
            long remainder = unixSeconds % LengthSeconds;
            if (remainder < 0)
            {
                remainder += LengthSeconds;
            }

            return unixSeconds - remainder;
        }

        /// <summary>The first boundary strictly after <paramref name="unixSeconds"/>.</summary>
        public static long Next(long unixSeconds)
        {
            return Floor(unixSeconds) + LengthSeconds;
        }

        /// <summary>True when <paramref name="unixSeconds"/> is exactly on a boundary.</summary>
        public static bool IsBoundary(long unixSeconds)
        {
            return Floor(unixSeconds) == unixSeconds;
        }

        /// <summary>
        /// Number of boundaries in the half-open range (<paramref name="fromUnixSeconds"/>,
        /// <paramref name="toUnixSeconds"/>], i.e. how many periods a span touches beyond its first.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The range ends before it starts.</exception>
        public static long BoundariesCrossed(long fromUnixSeconds, long toUnixSeconds)
        {
            if (toUnixSeconds < fromUnixSeconds) throw new ArgumentOutOfRangeException(nameof(toUnixSeconds));
            return (Floor(toUnixSeconds) - Floor(fromUnixSeconds)) / LengthSeconds;
        }
    }
}
