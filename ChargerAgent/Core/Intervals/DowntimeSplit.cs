using System;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Intervals
{
    /// <summary>
    /// Spreads energy pro rata over the periods a span covers: half-hours in UTC, fixed chunks on a
    /// boot-relative timeline. Shares are differences of rounded-down cumulative shares, so they
    /// add up to the total exactly.
    /// </summary>
    public static class DowntimeSplit
    {
        /// <summary>End of the period of the span [<paramref name="from"/>, <paramref name="to"/>) that starts at <paramref name="start"/>.</summary>
        public static long PeriodEnd(long from, long to, long start, bool relative, int chunkSeconds)
        {
            if (start >= to) throw new ArgumentOutOfRangeException(nameof(start));
            long end = relative ? start + chunkSeconds - (start - from) % chunkSeconds : HalfHour.Next(start);
            return end < to ? end : to;
        }

        /// <summary>The share of <paramref name="totalWh"/> that falls in [<paramref name="start"/>, <paramref name="end"/>) of the span.</summary>
        public static long Share(long from, long to, long totalWh, long start, long end)
        {
            if (to <= from) throw new ArgumentOutOfRangeException(nameof(to));
            if (start < from || end > to || end < start) throw new ArgumentOutOfRangeException(nameof(end));
            return Cumulative(from, to, totalWh, end) - Cumulative(from, to, totalWh, start);
        }

        private static long Cumulative(long from, long to, long totalWh, long at)
        {
            // totalWh below 2^40 and spans below 2^24 s keep the product inside a long.
            return totalWh * (at - from) / (to - from);
        }
    }
}
