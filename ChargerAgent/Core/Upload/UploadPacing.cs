namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// When the queue may start its next request: not before the backoff after a failure has run
    /// out, and not sooner than the pace after the last start. A rate limit slows the pace (to at
    /// least a second, doubling, up to <see cref="UploadOptions.MaxPaceMs"/>); each acknowledgement
    /// halves it back towards <see cref="UploadOptions.PaceMs"/>.
    /// </summary>
    public sealed class UploadPacing
    {
        private readonly Backoff backoff;
        private readonly int basePaceMs;
        private readonly int maxPaceMs;
        private int paceMs;
        private long nextAttemptMs;
        private long nextPaceMs;

        /// <summary>Creates the pacing of validated <paramref name="options"/>.</summary>
        public UploadPacing(UploadOptions options)
        {
            backoff = new Backoff(options.BackoffBaseMs, options.BackoffCapMs, options.RandomSeed);
            basePaceMs = options.PaceMs;
            maxPaceMs = options.MaxPaceMs;
            paceMs = options.PaceMs;
        }

        /// <summary>True while the backoff after a failure runs at <paramref name="nowMs"/>.</summary>
        public bool IsBackingOff(long nowMs)
        {
            return nowMs < nextAttemptMs;
        }

        /// <summary>True while the pace after the last start holds the next one back at <paramref name="nowMs"/>.</summary>
        public bool IsPacing(long nowMs)
        {
            return nowMs < nextPaceMs;
        }

        /// <summary>Lets the next request start at <paramref name="nowMs"/> (the backoff's count of failures is kept).</summary>
        public void AllowFrom(long nowMs)
        {
            nextAttemptMs = nowMs;
            nextPaceMs = nowMs;
        }

        /// <summary>Ends the backoff and the pace now, and forgets the failures.</summary>
        public void EndWaits(long nowMs)
        {
            AllowFrom(nowMs);
            backoff.Reset();
        }

        /// <summary>A request started at <paramref name="nowMs"/>: the next one waits the pace.</summary>
        public void Started(long nowMs)
        {
            nextPaceMs = nowMs + paceMs;
        }

        /// <summary>A request failed at <paramref name="nowMs"/>: the next waits the backoff; a rate limit also slows the pace.</summary>
        public void Failed(long nowMs, bool rateLimited)
        {
            if (rateLimited)
            {
                long slower = paceMs < 500 ? 1000 : (long)paceMs * 2;
                paceMs = slower > maxPaceMs ? maxPaceMs : (int)slower;
            }

            nextAttemptMs = nowMs + backoff.Next();
        }

        /// <summary>A record was acknowledged: the backoff starts afresh and the pace halves back towards its base.</summary>
        public void Succeeded()
        {
            backoff.Reset();
            if (paceMs > basePaceMs) paceMs = paceMs / 2 < basePaceMs ? basePaceMs : paceMs / 2;
        }
    }
}
