using System;

namespace ChargerAgent.Core.Intervals
{
    /// <summary>
    /// Follows the reads of a register meter to place the energy it shows after a gap (reads that failed or were
    /// held): that rise happened over the whole gap, not in the period where the meter answered again. The share of
    /// it that falls in the periods before the open one is given by <see cref="PastShareWh"/>, pro rata over
    /// [<see cref="From"/>, now). <see cref="From"/> is the end of the period that held the last good read (that
    /// period was recorded with what was known then), moved past every record appended during the gap
    /// (<see cref="Recorded"/>), and while the gap lasts empty periods are not recorded (<see cref="IsOpen"/>), so the
    /// spread never overlaps a record. A session edge or a change of timeline (the clock becoming known) during the
    /// gap moves <see cref="From"/> to that moment: the spread never reaches across it.
    /// </summary>
    public sealed class MeterGap
    {
        /// <summary>Longest span spread, seconds (2^24, about 194 days): keeps <see cref="DowntimeSplit.Share"/> inside a long.</summary>
        public const long MaxSpanSeconds = 16777216;

        private bool seen;
        private bool open;
        private long from;
        private bool relative;
        private uint session;

        /// <summary>True while the last read failed after a good one.</summary>
        public bool IsOpen
        {
            get { return open; }
        }

        /// <summary>Where a spread begins: the end of the period that held the last good read.</summary>
        public long From
        {
            get { return from; }
        }

        /// <summary>
        /// Notes the outcome of this tick's read, after the tick's cuts: <paramref name="periodEnd"/> is the end of
        /// the open period, on the timeline <paramref name="isBootRelative"/> names, with <paramref name="openSession"/> open.
        /// </summary>
        public void Read(bool ok, long now, long periodEnd, bool isBootRelative, uint openSession)
        {
            if (!ok)
            {
                open = seen;
                if (open && (openSession != session || isBootRelative != relative))
                {
                    from = now;
                    session = openSession;
                    relative = isBootRelative;
                }

                return;
            }

            seen = true;
            open = false;
            from = periodEnd > now ? periodEnd : now;
            relative = isBootRelative;
            session = openSession;
        }

        /// <summary>Notes a record appended ending at <paramref name="end"/>: a spread begins after it.</summary>
        public void Recorded(long end, bool isBootRelative)
        {
            if (open && isBootRelative == relative && end > from) from = end;
        }

        /// <summary>
        /// The part of <paramref name="wh"/>, the rise the first good read after the gap shows at <paramref name="now"/>,
        /// that falls before <paramref name="openStart"/>, the start of the open period: 0 when there was no gap, it
        /// ended inside the open period, or a session edge or a change of timeline came in between.
        /// </summary>
        public long PastShareWh(long openStart, bool isBootRelative, uint openSession, long now, long wh)
        {
            if (!open || wh <= 0 || isBootRelative != relative || openSession != session) return 0;
            if (from >= openStart || now < openStart || now - from > MaxSpanSeconds) return 0;
            return DowntimeSplit.Share(from, now, wh, from, openStart);
        }
    }
}
