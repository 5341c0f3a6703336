using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// What the ring knows in RAM of its segment files: one <see cref="SegmentInfo"/> per file,
    /// ordered by first Seq (a coalesced segment before an appended one of the same first Seq).
    /// The newest segment this version can read is the tail: the one appends go to.
    /// </summary>
    internal sealed class SegmentIndex
    {
        private SegmentInfo[] segments;
        private int count;
        private SegmentInfo spare;

        /// <summary>An empty index sized for <paramref name="expected"/> files (it grows past them).</summary>
        public SegmentIndex(int expected)
        {
            segments = new SegmentInfo[expected < 1 ? 1 : expected];
        }

        /// <summary>Files indexed, unreadable ones included.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>The segment at position <paramref name="i"/>, oldest first.</summary>
        public SegmentInfo At(int i)
        {
            return segments[i];
        }

        /// <summary>Position of the newest readable segment, -1 when none.</summary>
        public int TailIndex()
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (!segments[i].Stray) return i;
            }

            return -1;
        }

        /// <summary>The newest readable segment, null when none.</summary>
        public SegmentInfo Tail()
        {
            int i = TailIndex();
            return i < 0 ? null : segments[i];
        }

        /// <summary>Position of the file <paramref name="name"/>, -1 when not indexed.</summary>
        public int IndexOfName(string name)
        {
            for (int i = 0; i < count; i++)
            {
                if (segments[i].Name == name) return i;
            }

            return -1;
        }

        /// <summary>Adds a segment at its place in the order.</summary>
        public void Insert(SegmentInfo info)
        {
            if (count == segments.Length)
            {
                SegmentInfo[] larger = new SegmentInfo[segments.Length * 2];
                Array.Copy(segments, larger, count);
                segments = larger;
            }

            int at = count;
            while (at > 0 && Before(info, segments[at - 1])) at--;
            for (int i = count; i > at; i--) segments[i] = segments[i - 1];
            segments[at] = info;
            count++;
        }

        /// <summary>Drops the segment at <paramref name="index"/>; its entry is reused by the next <see cref="Take"/>.</summary>
        public void RemoveAt(int index)
        {
            spare = segments[index];
            for (int i = index; i < count - 1; i++) segments[i] = segments[i + 1];
            count--;
            segments[count] = null;
        }

        /// <summary>A cleared entry of generation <paramref name="generation"/>: the last removed one when there is one, so appends allocate nothing.</summary>
        public SegmentInfo Take(uint generation)
        {
            SegmentInfo info = spare;
            if (info == null)
            {
                info = new SegmentInfo();
                info.Generation = generation;
                return info;
            }

            spare = null;
            info.Name = null;
            info.Generation = generation;
            info.First = 0;
            info.RangeEnd = 0;
            info.Slots = 0;
            info.Valid = 0;
            info.Coalesced = false;
            info.Alternate = false;
            info.Torn = false;
            info.FirstBad = -1;
            info.AnchorSlot = -1;
            info.AnchorSeq = 0;
            info.Complete = false;
            info.Stray = false;
            info.Doomed = false;
            return info;
        }

        private static bool Before(SegmentInfo a, SegmentInfo b)
        {
            if (a.First != b.First) return a.First < b.First;
            return a.Coalesced && !b.Coalesced;
        }
    }
}
