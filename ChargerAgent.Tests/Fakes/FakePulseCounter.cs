using ChargerAgent.Core.Metering;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A pulse counter a test sets by hand.</summary>
    public sealed class FakePulseCounter : IPulseCounter
    {
        public long Count;

        public bool Broken;

        public bool TryRead(out long count)
        {
            count = Broken ? 0 : Count;
            return !Broken;
        }
    }
}
