using System;

namespace ChargerAgent.Core.Sessions
{
    /// <summary>Which inputs may start and stop a charging session (configuration; any combination).</summary>
    [Flags]
    public enum SessionSources : byte
    {
        /// <summary>No session is ever started: every record has session 0.</summary>
        None = 0,

        /// <summary>An input signal from the charge controller (a GPIO line; a desktop command).</summary>
        Signal = 0x01,

        /// <summary>The console's start/stop commands, with an optional caller-given id.</summary>
        Console = 0x02,

        /// <summary>The power detector: above a threshold for a while starts, below it for a while stops.</summary>
        PowerDetector = 0x04,
    }
}
