namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The host's part of the status: what the firmware (or the desktop host) knows about the board
    /// itself, the configuration, the network, the boot, memory and faults at the main loop's edge.
    /// Only the host that runs the agent writes it.
    /// </summary>
    public sealed class BoardStatus
    {
        /// <summary>Configuration is missing or invalid: the agent runs in its safe state.</summary>
        public bool ConfigurationMissing;

        /// <summary>What is missing or wrong in the configuration (key and reason), or null.</summary>
        public string ConfigurationProblem;

        /// <summary>The network is up (Wi-Fi joined with an IP address, or the desktop's network).</summary>
        public bool NetworkUp;

        /// <summary>The board is still starting (before the first agent tick); the LED flickers.</summary>
        public bool Booting;

        /// <summary>Free managed memory in bytes at the last measurement, or -1 when not measured.</summary>
        public long FreeMemoryBytes = -1;

        /// <summary>Why the previous boot ended (see <see cref="ChargerAgent.Core.Storage.RebootReason"/>).</summary>
        public byte LastRebootReason;

        /// <summary>Unhandled exceptions (including out-of-memory) caught at the main loop's edge this boot.</summary>
        public uint LoopFaults;
    }
}
