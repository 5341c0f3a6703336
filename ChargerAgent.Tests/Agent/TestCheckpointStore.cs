using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>Keeps one checkpoint in memory; can skip saves to play a power cut before a save.</summary>
    public sealed class TestCheckpointStore : ICheckpointStore
    {
        private readonly Checkpoint saved = new Checkpoint();
        private bool has;
        private long saves;

        /// <summary>While true, saves are dropped (the power is gone before they reach flash).</summary>
        public bool DropSaves;

        /// <inheritdoc />
        public long SaveCount
        {
            get { return saves; }
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
    }
}
