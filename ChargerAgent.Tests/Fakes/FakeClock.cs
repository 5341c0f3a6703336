using ChargerAgent.Core.Time;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A clock set by the test: monotonic milliseconds, and a wall clock that is trusted or not.</summary>
    public sealed class FakeClock : IClock
    {
        /// <summary>Milliseconds since boot.</summary>
        public long Monotonic;

        /// <summary>Wall clock, Unix seconds.</summary>
        public long Utc;

        /// <summary>True when the wall clock is offered.</summary>
        public bool Trusted;

        /// <summary>Milliseconds since boot (the same as <see cref="Monotonic"/>).</summary>
        public long Now
        {
            get { return Monotonic; }
            set { Monotonic = value; }
        }

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

        /// <summary>Moves the monotonic clock on.</summary>
        public void Advance(long milliseconds)
        {
            Monotonic += milliseconds;
        }
    }
}
