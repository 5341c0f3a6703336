namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// Keeps the <see cref="DeliveryWatermarks"/> on flash so that a load after any power cut
    /// returns the last complete save or the one before it.
    /// </summary>
    public interface IWatermarkStore
    {
        /// <summary>Loads the newest saved watermarks into <paramref name="into"/>; false when there are none (a new board).</summary>
        bool TryLoad(DeliveryWatermarks into);

        /// <summary>Saves <paramref name="watermarks"/> durably (one file-system sync) before returning.</summary>
        void Save(DeliveryWatermarks watermarks);
    }
}
