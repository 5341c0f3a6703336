using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// Keeps one checkpoint and one set of watermarks in memory, as the two-slot store keeps both
    /// in one slot: a save of either keeps the other's last save. Can skip saves to play a power
    /// cut before a save.
    /// </summary>
    public sealed class TestCheckpointStore : ICheckpointStore, IWatermarkStore
    {
        private readonly Checkpoint saved = new Checkpoint();
        private readonly DeliveryWatermarks savedMarks = new DeliveryWatermarks();
        private bool has;
        private long saves;

        /// <summary>While true, saves are dropped (the power is gone before they reach flash).</summary>
        public bool DropSaves;

        /// <inheritdoc />
        public long SaveCount
        {
            get { return saves; }
        }

        /// <summary>The watermarks as last saved.</summary>
        public DeliveryWatermarks SavedWatermarks
        {
            get { return savedMarks; }
        }

        /// <inheritdoc />
        public bool TryLoad(Checkpoint into, out string problem)
        {
            problem = has ? null : "empty";
            if (has) into.CopyFrom(saved);
            return has;
        }

        /// <inheritdoc />
        public void Save(Checkpoint checkpoint)
        {
            if (DropSaves) return;
            saved.CopyFrom(checkpoint);
            has = true;
            saves++;
        }

        /// <inheritdoc />
        public bool TryLoad(DeliveryWatermarks into)
        {
            if (has) into.CopyFrom(savedMarks);
            return has;
        }

        /// <inheritdoc />
        public void Save(DeliveryWatermarks watermarks)
        {
            if (DropSaves) return;
            savedMarks.CopyFrom(watermarks);
            has = true;
            saves++;
        }
    }
}
