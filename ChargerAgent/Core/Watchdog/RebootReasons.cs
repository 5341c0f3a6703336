using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Watchdog
{
    /// <summary>Names of <see cref="RebootReason"/> values for people.</summary>
    public static class RebootReasons
    {
        /// <summary>The reason's name.</summary>
        public static string Name(byte reason)
        {
            switch (reason)
            {
                case RebootReason.PowerLossOrUnknown: return "power loss or unknown";
                case RebootReason.Requested: return "requested";
                case RebootReason.Watchdog: return "watchdog (main loop stopped)";
                case RebootReason.RepeatedFaults: return "repeated faults";
                case RebootReason.Configuration: return "configuration change";
                case RebootReason.OutOfMemory: return "out of memory";
                case RebootReason.Stopped: return "stopped cleanly";
                default: return "reason " + reason.ToString();
            }
        }
    }
}
