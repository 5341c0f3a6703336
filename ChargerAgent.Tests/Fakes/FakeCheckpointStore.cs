using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// Keeps the last saved checkpoint and watermarks in memory, as the two-slot store keeps both in
    /// one slot: a save of either keeps the other's last save. A save can be cut by the power line,
    /// or dropped while <see cref="DropSaves"/> is set (the power gone before it reached flash).
    /// </summary>
    public sealed class FakeCheckpointStore : ICheckpointStore, IWatermarkStore
    {
        private readonly FakePowerLine power;
        private readonly DeliveryWatermarks savedMarks = new DeliveryWatermarks();
        private Checkpoint saved;
        private bool hasMarks;

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

        /// <summary>While true, saves of the checkpoint throw <see cref="System.IO.IOException"/>, as a full flash's do.</summary>
        public bool SavesFail;

        /// <inheritdoc />
        public long SaveCount { get; private set; }

        /// <summary>The durable copy (what a reboot would load), or null.</summary>
        public Checkpoint Saved
        {
            get { return saved; }
        }

        /// <summary>The watermarks as last saved.</summary>
        public DeliveryWatermarks SavedWatermarks
        {
            get { return savedMarks; }
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
            if (SavesFail) throw new System.IO.IOException("no space left (test)");
            if (DropSaves) return;
            if (power != null) power.BeforeDurableWrite();
            if (saved == null) saved = new Checkpoint();
            saved.CopyFrom(checkpoint);
            SaveCount++;
        }
    
        /// <inheritdoc />
        public bool TryLoad(DeliveryWatermarks into)
        {
            bool has = hasMarks || saved != null;
            if (has) into.CopyFrom(savedMarks);
            return has;
        }

        /// <inheritdoc />
        public void Save(DeliveryWatermarks watermarks)
        {
            if (DropSaves) return;
            if (power != null) power.BeforeDurableWrite();
            savedMarks.CopyFrom(watermarks);
            hasMarks = true;
            SaveCount++;
        }
    }
}
