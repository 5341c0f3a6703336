using ChargerAgent.Core.Time;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>A clock set by the test: monotonic milliseconds, and a wall clock that is trusted or not.</summary>
    public sealed class TestClock : IClock
    {
        /// <summary>Milliseconds since boot.</summary>
        public long Monotonic;

        /// <summary>Wall clock, Unix seconds.</summary>
        public long Utc;

        /// <summary>True when the wall clock is offered.</summary>
        public bool Trusted;

        /// <inheritdoc />
        public long MonotonicMilliseconds
        {
            get { return Monotonic; }
        }

        /// <inheritdoc />
        public bool TryGetUtc(out long unixSeconds)
        {
            unixSeconds = Trusted ? Utc : 0;
            return Trusted;
        }
    }
}
