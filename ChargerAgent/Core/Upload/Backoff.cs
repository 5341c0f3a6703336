namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Exponential backoff with jitter, capped: the n-th consecutive failure waits a uniformly random
    /// time between half and all of min(cap, base × 2^(n-1)). The random source is a seeded
    /// xorshift32, so a run replays exactly on every platform.
    /// </summary>
    public sealed class Backoff
    {
        private readonly int baseMs;
        private readonly int capMs;
        private uint state;

        /// <summary>Creates a backoff starting at <paramref name="baseMs"/>, never above <paramref name="capMs"/>.</summary>
        public Backoff(int baseMs, int capMs, int seed)
        {
            if (baseMs < 1) throw new System.ArgumentOutOfRangeException(nameof(baseMs));
            if (capMs < baseMs) throw new System.ArgumentOutOfRangeException(nameof(capMs));
            this.baseMs = baseMs;
            this.capMs = capMs;
            state = (uint)seed ^ 0x9E3779B9u;
            if (state == 0) state = 1;
        }

        /// <summary>Failures in a row so far.</summary>
        public int Failures { get; private set; }

        /// <summary>Counts one more failure and returns the time to wait, milliseconds.</summary>
        public int Next()
        {
            if (Failures < 30) Failures++;
            long ceiling = baseMs;
            for (int i = 1; i < Failures && ceiling < capMs; i++) ceiling *= 2;
            if (ceiling > capMs) ceiling = capMs;
            long half = ceiling / 2;
            return (int)(half + NextRandom() % (uint)(ceiling - half + 1));
        }

        /// <summary>Forgets the failures (after a success).</summary>
        public void Reset()
        {
            Failures = 0;
        }

        private uint NextRandom()
        {
            uint x = state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            state = x;
            return x;
        }
    }
}
