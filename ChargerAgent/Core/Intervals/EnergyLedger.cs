using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Intervals
{
    /// <summary>
    /// The agent's accounting (docs/DESIGN.md §3), kept in its checkpoint: the energy the meter
    /// counted, the energy recorded, the energy that could not be seen (bounded above), and the
    /// invariant between them, metered = recorded + open + pending downtime. A violation is
    /// counted and the metered total set to what the records account for, never thrown away.
    /// </summary>
    public sealed class EnergyLedger
    {
        private const long MillisecondsPerHour = 3600000;

        private readonly Checkpoint state;
        private readonly int maxPowerW;

        /// <summary>Keeps the accounting in <paramref name="state"/>; <paramref name="maxPowerW"/> bounds the energy unseen over a time.</summary>
        public EnergyLedger(Checkpoint state, int maxPowerW)
        {
            this.state = state;
            this.maxPowerW = maxPowerW;
        }

        /// <summary>The meter counted <paramref name="wh"/> more (negative values count nothing).</summary>
        public void Metered(long wh)
        {
            if (wh > 0) state.MeteredWh += (ulong)wh;
        }

        /// <summary>A record of <paramref name="wh"/> reached the ring.</summary>
        public void Recorded(long wh)
        {
            if (wh > 0) state.RecordedWh += (ulong)wh;
        }

        /// <summary>Up to <paramref name="wh"/> may have flowed unseen (a pulse count lost with a reboot).</summary>
        public void UnseenEnergy(long wh)
        {
            if (wh > 0) state.UnaccountedWhBound += (ulong)wh;
        }

        /// <summary>The meter was not seen for <paramref name="seconds"/>: counted, and bounded at the largest power.</summary>
        public void UnseenTime(long seconds)
        {
            if (seconds < 0) seconds = 0;
            state.UnseenSeconds += (ulong)seconds;
            state.UnaccountedWhBound += (ulong)(maxPowerW * seconds / 3600);
        }

        /// <summary>The meter was not seen for <paramref name="milliseconds"/> before a new baseline: bounded at the largest power, rounded up.</summary>
        public void UnseenBeforeBaseline(long milliseconds)
        {
            if (milliseconds < 0) milliseconds = 0;
            state.UnaccountedWhBound += (ulong)((maxPowerW * milliseconds + MillisecondsPerHour - 1) / MillisecondsPerHour);
        }

        /// <summary>Counts a violation found outside <see cref="Check"/> (a meter total below the checkpoint's).</summary>
        public void Violation()
        {
            state.Violations++;
        }

        /// <summary>Checks the invariant with <paramref name="openWh"/> in the open interval; a violation is counted and corrected.</summary>
        public void Check(long openWh)
        {
            long expected = (long)state.RecordedWh + openWh + (state.DowntimePending ? state.DowntimeWh : 0);
            if ((long)state.MeteredWh != expected)
            {
                state.Violations++;
                state.MeteredWh = (ulong)(expected < 0 ? 0 : expected);
            }
        }
    }
}
