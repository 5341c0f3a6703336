using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// Keeps the last saved checkpoint in memory. A save can be cut by the power line, or dropped
    /// while <see cref="DropSaves"/> is set (the power gone before it reached flash).
    /// </summary>
    public sealed class FakeCheckpointStore : ICheckpointStore
    {
        private readonly FakePowerLine power;
        private Checkpoint saved;

        /// <summary>A store that never loses power.</summary>
        public FakeCheckpointStore()
        {
        }

        /// <summary>A store whose saves count as durable writes on <paramref name="power"/> (null: none).</summary>
        public FakeCheckpointStore(FakePowerLine power)
        {
            this.power = power;
        }

        /// <summary>While true, saves are dropped (the power is gone before they reach flash).</summary>
        public bool DropSaves;

        /// <inheritdoc />
        public long SaveCount { get; private set; }

        /// <summary>The durable copy (what a reboot would load), or null.</summary>
        public Checkpoint Saved
        {
            get { return saved; }
        }

        /// <inheritdoc />
        public bool TryLoad(Checkpoint into, out string problem)
        {
            problem = null;
            if (saved == null) return false;
            into.CopyFrom(saved);
            return true;
        }

        /// <inheritdoc />
        public void Save(Checkpoint checkpoint)
        {
            if (DropSaves) return;
            if (power != null) power.BeforeDurableWrite();
            if (saved == null) saved = new Checkpoint();
            saved.CopyFrom(checkpoint);
            SaveCount++;
        }
    }
}
