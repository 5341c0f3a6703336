namespace ChargerAgent.Core.Storage
{
    /// <summary>What the ring knows in RAM about one segment file.</summary>
    internal sealed class SegmentInfo
    {
        /// <summary>File name.</summary>
        public string Name;

        /// <summary>Ring generation from the header.</summary>
        public uint Generation;

        /// <summary>Seq of the first slot (from the header, or the name when the header is unreadable).</summary>
        public uint First;

        /// <summary>Last Seq this segment covers: replaced range end (coalesced) or first + slots - 1 (appended).</summary>
        public uint RangeEnd;

        /// <summary>Complete record slots in the file (valid or not).</summary>
        public int Slots;

        /// <summary>Slots that decode.</summary>
        public int Valid;

        /// <summary>Written whole by coalescing.</summary>
        public bool Coalesced;

        /// <summary>Named with the alternate extension.</summary>
        public bool Alternate;

        /// <summary>Ends in a partly written slot.</summary>
        public bool Torn;

        /// <summary>First slot that failed to decode, -1 when none.</summary>
        public int FirstBad = -1;

        /// <summary>Coalesced segments after a bad slot: first slot known again by counting back from the end (-1: none).</summary>
        public int AnchorSlot = -1;

        /// <summary>Seq of <see cref="AnchorSlot"/>.</summary>
        public uint AnchorSeq;

        /// <summary>Coalesced: every slot present and valid, covering the whole range.</summary>
        public bool Complete;

        /// <summary>Not readable by this version (unreadable, future version or foreign): kept, never written.</summary>
        public bool Stray;

        /// <summary>Marked for deletion during recovery.</summary>
        public bool Doomed;
    }
}
