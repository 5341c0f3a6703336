using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary><see cref="IRandomSource"/> over <see cref="Random"/>; seed it from something that differs per board and boot.</summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random random;
        private readonly byte[] bytes = new byte[4];

        /// <summary>Creates a source with the given seed.</summary>
        public SystemRandomSource(int seed)
        {
            random = new Random(seed);
        }

        /// <inheritdoc/>
        public uint NextUInt32()
        {
            random.NextBytes(bytes);
            return LittleEndian.ReadUInt32(bytes, 0);
        }
    }
}
