using System;

namespace ChargerAgent.Core.Intervals
{
    /// <summary>
    /// Follows the reads of a meter to place the energy it shows after a gap (reads that failed or were held; an S0
    /// counter that cannot be read still counts): that rise flowed over the whole gap, from the last good read
    /// (<see cref="LastGood"/>), not in the period where the meter answered again. A period that ends during the gap
    /// is recorded up to the last good read (<see cref="CutEnd"/>), so the spread of the rise over [<see cref="From"/>,
    /// now) (<see cref="PastShareWh"/>) starts where the reads stopped. <see cref="From"/> is moved past every record
    /// appended during the gap (<see cref="Recorded"/>), and while the gap lasts empty periods are not recorded
    /// (<see cref="IsOpen"/>), so the spread never overlaps a record. A session edge during the gap moves
    /// <see cref="From"/> to that moment: the spread never reaches across it, and a record cut there lacks the energy
    /// since the last good read (<see cref="Lacks"/>, flagged estimated). The clock becoming known places the gap
    /// on UTC (<see cref="Placed"/>).
    /// </summary>
    public sealed class MeterGap
    {
        /// <summary>Longest span spread, seconds (2^24, about 194 days): keeps <see cref="DowntimeSplit.Share"/> inside a long.</summary>
        public const long MaxSpanSeconds = 16777216;

        /// <summary>
        /// Seconds without a good read a record may lack unflagged: what it lacks then lands at most this long
        /// after it flowed, in the record after it.
        /// </summary>
        public const long UnreadSeconds = 60;

        private bool seen;
        private bool open;
        private long from;
        private long lastGood;
        private bool relative;
        private uint session;

        /// <summary>True while the last read failed after a good one.</summary>
        public bool IsOpen
        {
            get { return open; }
        }

        /// <summary>Where a spread begins: the last good read, or the last record or session edge since.</summary>
        public long From
        {
            get { return from; }
        }

        /// <summary>When the last good read was taken.</summary>
        public long LastGood
        {
            get { return lastGood; }
        }

        /// <summary>
        /// Notes the outcome of this tick's read, after the tick's cuts: <paramref name="ok"/> when the read showed
        /// the count (false when it failed and a later read will show what it missed), at <paramref name="now"/> on
        /// the timeline <paramref name="isBootRelative"/> names, with <paramref name="openSession"/> open.
        /// </summary>
        public void Read(bool ok, long now, bool isBootRelative, uint openSession)
        {
            if (!ok)
            {
                open = seen;
                if (open && openSession != session)
                {
                    from = now;
                    session = openSession;
                }

                return;
            }

            seen = true;
            open = false;
            from = now;
            lastGood = now;
            relative = isBootRelative;
            session = openSession;
        }

        /// <summary>The boot-relative timeline became UTC at <paramref name="epoch"/> (its second 0): the gap moves with it.</summary>
        public void Placed(long epoch)
        {
            if (!relative) return;
            from += epoch;
            lastGood += epoch;
            relative = false;
        }

        /// <summary>
        /// Notes a record appended ending at <paramref name="end"/>: a spread begins after it, also when the gap opens
        /// later in the tick that appended it (the period is cut before the tick's read is noted).
        /// </summary>
        public void Recorded(long end, bool isBootRelative)
        {
            if (isBootRelative == relative && end > from) from = end;
        }

        /// <summary>True when a record ending at <paramref name="end"/> lacks more than <see cref="UnreadSeconds"/> of reads.</summary>
        public bool Lacks(long end, bool isBootRelative)
        {
            return open && isBootRelative == relative && end - lastGood > UnreadSeconds;
        }

        /// <summary>
        /// True while the gap began on another timeline than <paramref name="isBootRelative"/> names (a clock step came
        /// during it): the rise it shows cannot be placed on this one, so the period taking it holds energy of before it.
        /// </summary>
        public bool BeganOnOtherTimeline(bool isBootRelative)
        {
            return open && isBootRelative != relative;
        }

        /// <summary>
        /// Where a period starting at <paramref name="start"/> that ends at <paramref name="periodEnd"/> is cut: at the
        /// last good read when it would lack more than <see cref="UnreadSeconds"/> of reads (the rest is the spread's).
        /// </summary>
        public long CutEnd(long start, long periodEnd, bool isBootRelative)
        {
            return Lacks(periodEnd, isBootRelative) && from > start && from < periodEnd ? from : periodEnd;
        }

        /// <summary>
        /// The part of <paramref name="wh"/>, the rise the first good read after the gap shows at <paramref name="now"/>,
        /// that falls before <paramref name="openStart"/>, the start of the open period: 0 when there was no gap, it
        /// ended inside the open period, or a session edge came in between.
        /// </summary>
        public long PastShareWh(long openStart, bool isBootRelative, uint openSession, long now, long wh)
        {
            if (!open || wh <= 0 || isBootRelative != relative || openSession != session) return 0;
            if (from >= openStart || now < openStart || now - from > MaxSpanSeconds) return 0;
            return DowntimeSplit.Share(from, now, wh, from, openStart);
        }
    }
}
