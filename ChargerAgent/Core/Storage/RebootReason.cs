namespace ChargerAgent.Core.Storage
{
    /// <summary>Why a boot ended, as kept in <see cref="Checkpoint.LastRebootReason"/>.</summary>
    public static class RebootReason
    {
        /// <summary>Unknown: power cut or crash (nothing was written before the end).</summary>
        public const byte PowerLossOrUnknown = 0;

        /// <summary>Asked for on the console or the desktop agent.</summary>
        public const byte Requested = 1;

        /// <summary>The software watchdog saw the main loop stop.</summary>
        public const byte Watchdog = 2;

        /// <summary>Repeated unhandled exceptions or out-of-memory at the loop's edge.</summary>
        public const byte RepeatedFaults = 3;

        /// <summary>A configuration change that needs a restart.</summary>
        public const byte Configuration = 4;

        /// <summary>The uploader ran out of memory five times within ten minutes (a fragmented heap).</summary>
        public const byte OutOfMemory = 5;

        /// <summary>Stopped cleanly (the desktop agent on SIGTERM, SIGINT or the end of its run), state saved.</summary>
        public const byte Stopped = 6;
    }
}
