namespace ChargerAgent.Core.Network
{
    /// <summary>
    /// Whether a wall-clock reading has been set. A board starts at 1970 after a power cut and SNTP
    /// sets the clock when it answers; there is no call that says SNTP has synchronised, so the
    /// clock counts as set once it reads 2021 or later, the test nanoFramework's own network helper
    /// uses while it waits for SNTP.
    /// </summary>
    public static class WallClock
    {
        /// <summary>2021-01-01T00:00:00Z in .NET ticks (100 ns since 0001-01-01).</summary>
        public const long FirstValidTicks = 637450560000000000L;

        /// <summary>True when <paramref name="utcTicks"/> (a <c>DateTime.Ticks</c> in UTC) is at or after 2021-01-01.</summary>
        public static bool IsSet(long utcTicks)
        {
            return utcTicks >= FirstValidTicks;
        }
    }
}
