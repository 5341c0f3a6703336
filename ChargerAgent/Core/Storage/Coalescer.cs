using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// Merges adjacent pending records of one session when the ring is full (docs/DESIGN.md §3):
    /// Wh summed exactly, the range of Seqs kept in <see cref="Record.SeqCount"/>. Passes over the
    /// records oldest first, merging disjoint neighbour pairs, until few enough remain.
    /// </summary>
    public static class Coalescer
    {
        /// <summary>
        /// True when <paramref name="b"/> may be merged into <paramref name="a"/>: both above the
        /// attempted watermark, same session, adjacent Seqs and contiguous times, both UTC-timed,
        /// <paramref name="a"/> does not end its session and <paramref name="b"/> is not a meter replacement.
        /// </summary>
        public static bool CanMerge(ref Record a, ref Record b, uint attemptedUpTo)
        {
            if (a.Seq <= attemptedUpTo || b.Seq <= attemptedUpTo) return false;
            if (a.Session != b.Session || a.IsBootRelative || b.IsBootRelative) return false;
            if (a.LastSeq + 1 != b.Seq || b.Start != a.End) return false;
            if ((a.Flags & RecordFlags.SessionEnd) != 0 || (b.Flags & RecordFlags.MeterReplaced) != 0) return false;
            if (b.End - a.Start > Record.MaxDurationSeconds) return false;
            if ((ulong)a.Wh + b.Wh > uint.MaxValue) return false;
            return a.SeqCount + b.SeqCount <= ushort.MaxValue;
        }

        /// <summary>Writes the merge of <paramref name="a"/> and <paramref name="b"/> into <paramref name="into"/>.</summary>
        public static void MergeInto(ref Record a, ref Record b, ref Record into)
        {
            uint seq = a.Seq;
            long start = a.Start;
            long end = b.End;
            RecordFlags flags = (a.Flags & ~RecordFlags.SessionEnd) | b.Flags | RecordFlags.Coalesced;
            into.Seq = seq;
            into.SeqCount = (ushort)(a.SeqCount + b.SeqCount);
            into.Start = start;
            into.DurationSeconds = (uint)(end - start);
            into.Wh = a.Wh + b.Wh;
            into.Session = a.Session;
            into.ConfidencePercent = a.ConfidencePercent < b.ConfidencePercent ? a.ConfidencePercent : b.ConfidencePercent;
            into.Boot = 0;
            into.Flags = flags;
        }

        /// <summary>
        /// Reduces <paramref name="n"/> records, encoded slot after slot in <paramref name="a"/> (<see cref="RecordCodec"/>,
        /// the first of Seq <paramref name="firstSeq"/>), to at most <paramref name="target"/> by merging, using
        /// <paramref name="b"/> as the other buffer. Packed, not a <c>Record[]</c>: nanoCLR boxes each element of a struct
        /// array, about ten times the bytes of the slot.
        /// </summary>
        /// <returns>-1 when the target cannot be reached (or a slot does not decode); else (count &lt;&lt; 1) | 1 when the
        /// result is in <paramref name="b"/>, (count &lt;&lt; 1) when it is in <paramref name="a"/>.</returns>
        public static int Merge(byte[] a, byte[] b, int n, uint firstSeq, int target, uint attemptedUpTo)
        {
            const int Size = RecordCodec.Size;
            byte[] source = a;
            byte[] output = b;
            Record current = default(Record);
            Record next = default(Record);
            Record merged = default(Record);
            int need = n - target;
            while (need > 0)
            {
                int m = 0;
                bool any = false;
                int i = 0;
                bool decoded = false;
                if (!RecordCodec.TryDecode(source, 0, firstSeq, ref current)) return -1;
                while (i < n)
                {
                    if (decoded) current = next;
                    decoded = false;
                    if (need == 0 || i + 1 == n)
                    {
                        // Nothing more to merge in this pass: the rest goes as it is.
                        System.Array.Copy(source, i * Size, output, m * Size, (n - i) * Size);
                        m += n - i;
                        break;
                    }

                    if (!RecordCodec.TryDecode(source, (i + 1) * Size, current.LastSeq + 1, ref next)) return -1;
                    if (CanMerge(ref current, ref next, attemptedUpTo))
                    {
                        MergeInto(ref current, ref next, ref merged);
                        RecordCodec.Encode(ref merged, output, m * Size);
                        m++;
                        i += 2;
                        need--;
                        any = true;
                        if (i < n && !RecordCodec.TryDecode(source, i * Size, next.LastSeq + 1, ref current)) return -1;
                        continue;
                    }

                    System.Array.Copy(source, i * Size, output, m * Size, Size);
                    m++;
                    i++;
                    decoded = true;
                }

                byte[] swap = source;
                source = output;
                output = swap;
                n = m;
                if (!any) break;
            }

            if (need > 0) return -1;
            return (n << 1) | (source == b ? 1 : 0);
        }
    }
}
