using System;

namespace ChargerAgent.Core.Records
{
    /// <summary>Flags of a <see cref="Record"/>; stored on flash as one byte.</summary>
    [Flags]
    public enum RecordFlags : byte
    {
        /// <summary>Nothing special.</summary>
        None = 0,

        /// <summary>The last record of its session.</summary>
        SessionEnd = 0x01,

        /// <summary>Energy placed by estimate, spread over a time nothing measured it: the agent was down, or the register meter did not answer (confidence below 100).</summary>
        EstimatedOverDowntime = 0x02,

        /// <summary>Replaces the original records <c>Seq..LastSeq</c> that a full ring merged into one.</summary>
        Coalesced = 0x04,

        /// <summary>The first record after the meter was replaced or reset (a new baseline was accepted).</summary>
        MeterReplaced = 0x08,

        /// <summary><see cref="Record.Start"/> counts seconds since boot <see cref="Record.Boot"/>, not UTC.</summary>
        BootRelativeTime = 0x10,

        /// <summary>The record's time is estimated, not measured: set on the copy sent when its timeline's epoch could not be measured (never stored).</summary>
        EstimatedTime = 0x20,
    }
}
