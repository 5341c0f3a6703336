using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Upload.Fakes
{
    /// <summary>Keeps the last saved checkpoint in memory; a save can be cut by the power line.</summary>
    public class FakeCheckpointStore : ICheckpointStore
    {
        private readonly PowerLine power;
        private Checkpoint saved;

        public FakeCheckpointStore(PowerLine power)
        {
            this.power = power;
        }

        public long SaveCount { get; private set; }

        /// <summary>The durable copy (what a reboot would load), or null.</summary>
        public Checkpoint Saved
        {
            get { return saved; }
        }

        public bool TryLoad(Checkpoint into, out string problem)
        {
            problem = null;
            if (saved == null) return false;
            into.CopyFrom(saved);
            return true;
        }

        public void Save(Checkpoint checkpoint)
        {
            if (power != null) power.BeforeDurableWrite();
            if (saved == null) saved = new Checkpoint();
            saved.CopyFrom(checkpoint);
            SaveCount++;
        }
    }
}
