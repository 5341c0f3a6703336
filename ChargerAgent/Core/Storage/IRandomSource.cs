namespace ChargerAgent.Core.Storage
{
    /// <summary>A source of random numbers (the ring generation); injected so tests are reproducible.</summary>
    public interface IRandomSource
    {
        /// <summary>A uniformly distributed 32-bit number.</summary>
        uint NextUInt32();
    }
}
