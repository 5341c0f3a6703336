using System.Collections;

namespace ChargerAgent.Core.Storage
{
    /// <summary>What <see cref="RecordRing.Open"/> found and skipped while scanning the flash.</summary>
    public sealed class RecoveryReport
    {
        private readonly ArrayList lines = new ArrayList();

        /// <summary>Segment files read with a valid header.</summary>
        public int Segments;

        /// <summary>Records recovered (a coalesced record counts once).</summary>
        public int Records;

        /// <summary>Complete slots that failed their CRC or field checks (flipped bits, zeros, random bytes).</summary>
        public int BadRecords;

        /// <summary>Files that ended in a partly written slot (a cut during an append).</summary>
        public int TornTails;

        /// <summary>Segment-named files with no valid header (zeros, random bytes, truncated): kept, not read.</summary>
        public int UnreadableFiles;

        /// <summary>Segments written by a newer format version: kept and not written into.</summary>
        public int FutureVersionFiles;

        /// <summary>Segments of another ring generation: kept, not read.</summary>
        public int ForeignFiles;

        /// <summary>Original segments deleted because a complete coalesced segment replaces them.</summary>
        public int ReplacedSegmentsDeleted;

        /// <summary>Unfinished coalesced segments deleted because their originals are still there.</summary>
        public int UnfinishedCoalescingUndone;

        /// <summary>Seqs missing between segments (deleted or lost files, skipped numbers).</summary>
        public long MissingSeqs;

        /// <summary>Storage errors caught during the scan.</summary>
        public int Errors;

        /// <summary>True when the ring was created by this open (no segment was found).</summary>
        public bool Created;

        /// <summary>True when something was skipped, repaired or lost.</summary>
        public bool HasProblems
        {
            get
            {
                return BadRecords + TornTails + UnreadableFiles + FutureVersionFiles + ForeignFiles + ReplacedSegmentsDeleted
                    + UnfinishedCoalescingUndone + Errors > 0 || MissingSeqs > 0;
            }
        }

        /// <summary>One human-readable line per finding, in scan order.</summary>
        public string[] Lines
        {
            get
            {
                string[] result = new string[lines.Count];
                for (int i = 0; i < result.Length; i++) result[i] = (string)lines[i];
                return result;
            }
        }

        /// <summary>A one-line summary for the console.</summary>
        public override string ToString()
        {
            return "ring: " + Segments + " segments, " + Records + " records; skipped " + BadRecords + " bad records, "
                + TornTails + " torn tails, " + UnreadableFiles + " unreadable, " + FutureVersionFiles + " future-version, "
                + ForeignFiles + " foreign files; " + ReplacedSegmentsDeleted + " replaced and " + UnfinishedCoalescingUndone
                + " unfinished coalesced segments removed; " + MissingSeqs + " Seqs missing; " + Errors + " errors";
        }

        internal void Add(string line)
        {
            if (lines.Count < 64) lines.Add(line);
        }
    }
}
