namespace ChargerAgent.Core.Network
{
    /// <summary>What <see cref="NetworkMonitor"/> makes of the board's network (byte constants: nanoFramework prints enums as numbers).</summary>
    public static class NetworkState
    {
        /// <summary>The Wi-Fi interface has no IPv4 address.</summary>
        public const byte NoAddress = 0;

        /// <summary>An address, but the wall clock has not been set yet (SNTP has not answered).</summary>
        public const byte WaitingForClock = 1;

        /// <summary>An address and a set wall clock: uploads can run.</summary>
        public const byte Ready = 2;

        /// <summary>A short name for logs and the console.</summary>
        public static string Name(byte state)
        {
            switch (state)
            {
                case NoAddress: return "no address";
                case WaitingForClock: return "waiting for the clock (SNTP)";
                case Ready: return "ready";
                default: return "unknown";
            }
        }
    }
}
