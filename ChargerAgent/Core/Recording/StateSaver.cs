using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// Saves the agent's state (one checkpoint write) with the meter total and the time it was
    /// taken, after checking the accounting: the one way the agent's parts save.
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
            store.Save(state);
            SavedMeterWh = interval.MeterWh;
            Saves++;
        }
    }
}
