using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// Saves the agent's state (one checkpoint write) with the meter total and the time it was
    /// taken, after checking the accounting: the one way the agent's parts save. While records cut
    /// at a session edge wait in memory (<see cref="HeldRecords"/>), the saved open period starts
    /// where the oldest of them does, its energy with theirs, flagged estimated: a cut loses the held
    /// edges (learnt again at boot), never their energy.
    /// </summary>
    public sealed class StateSaver
    {
        private readonly Checkpoint state;
        private readonly ICheckpointStore store;
        private readonly OpenInterval interval;
        private readonly Timeline timeline;

        /// <summary>Creates the saver of <paramref name="state"/> into <paramref name="store"/>.</summary>
        public StateSaver(Checkpoint state, ICheckpointStore store, OpenInterval interval, Timeline timeline)
        {
            this.state = state;
            this.store = store;
            this.interval = interval;
            this.timeline = timeline;
        }

        /// <summary>The meter total at the last save, Wh.</summary>
        public long SavedMeterWh { get; private set; }

        /// <summary>Saves done since the agent started.</summary>
        public long Saves { get; private set; }

        /// <summary>Checks the accounting and saves the state now.</summary>
        public void Save()
        {
            interval.CheckInvariant();
            state.LastMeterWh = interval.MeterWh;
            state.SavedAt = timeline.Now;
            HeldRecords held = interval.Held;
            if (held.Count == 0 || held.First.IsBootRelative != state.IntervalStartIsBootRelative)
            {
                // Held records on another timeline than the open period's (a clock step since): the
                // open period keeps their energy, flagged, where it starts.
                if (held.Count > 0) SaveHolding(state.IntervalStart, state.IntervalStartIsBootRelative, state.IntervalBoot, held.Wh);
                else store.Save(state);
            }
            else
            {
                Record first = held.First;
                SaveHolding(first.Start, first.IsBootRelative, first.Boot, held.Wh);
            }

            SavedMeterWh = interval.MeterWh;
            Saves++;
        }

        /// <summary>Saves the state now as <see cref="Save"/>; false when the flash refused it (the last checkpoint stands).</summary>
        public bool TrySave()
        {
            try
            {
                Save();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>Saves the state with the open period starting at <paramref name="start"/> and holding <paramref name="heldWh"/> more.</summary>
        private void SaveHolding(long start, bool relative, ushort boot, long heldWh)
        {
            long openStart = state.IntervalStart, baseline = state.IntervalBaselineWh;
            bool openRelative = state.IntervalStartIsBootRelative;
            ushort openBoot = state.IntervalBoot;
            byte flags = state.IntervalFlags;
            state.IntervalStart = start;
            state.IntervalStartIsBootRelative = relative;
            state.IntervalBoot = boot;
            state.IntervalBaselineWh = baseline - heldWh;
            state.IntervalFlags = (byte)(flags | (byte)RecordFlags.EstimatedOverDowntime);
            try
            {
                store.Save(state);
            }
            finally
            {
                state.IntervalStart = openStart;
                state.IntervalStartIsBootRelative = openRelative;
                state.IntervalBoot = openBoot;
                state.IntervalBaselineWh = baseline;
                state.IntervalFlags = flags;
            }
        }
    }
}
