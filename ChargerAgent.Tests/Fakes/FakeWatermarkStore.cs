using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>Keeps the last saved watermarks in memory; a save can be cut by the power line.</summary>
    public class FakeWatermarkStore : IWatermarkStore
    {
        private readonly FakePowerLine power;
        private DeliveryWatermarks saved;

        public FakeWatermarkStore(FakePowerLine power)
        {
            this.power = power;
        }

        public long SaveCount { get; private set; }

        /// <summary>The durable copy (what a reboot would load), or null.</summary>
        public DeliveryWatermarks Saved
        {
            get { return saved; }
        }

        public bool TryLoad(DeliveryWatermarks into)
        {
            if (saved == null) return false;
            into.CopyFrom(saved);
            return true;
        }

        public void Save(DeliveryWatermarks watermarks)
        {
            if (power != null) power.BeforeDurableWrite();
            if (saved == null) saved = new DeliveryWatermarks();
            saved.CopyFrom(watermarks);
            SaveCount++;
        }
    }
}
