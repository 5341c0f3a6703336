using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A counting random source (first, first + 1, …), so a generation choice is reproducible.</summary>
    public sealed class FakeRandomSource : IRandomSource
    {
        private uint next;

        /// <summary>Starts the count at <paramref name="first"/>.</summary>
        public FakeRandomSource(uint first)
        {
            next = first;
        }

        /// <inheritdoc />
        public uint NextUInt32()
        {
            return next++;
        }
    }
}
