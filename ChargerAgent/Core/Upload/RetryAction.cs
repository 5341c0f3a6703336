namespace ChargerAgent.Core.Upload
{
    /// <summary>What the uploader does with a record after one exchange (see <see cref="RetryPolicy"/>).</summary>
    public enum RetryAction : byte
    {
        /// <summary>The API took the record: move on.</summary>
        Sent = 0,

        /// <summary>The token was refused: log in again and retry once, then back off as "credentials rejected".</summary>
        Relogin = 1,

        /// <summary>The account cannot price it yet: retry no sooner than the slow clock (15 minutes); set it aside if later records go through.</summary>
        SlowRetry = 2,

        /// <summary>A transient failure: exponential backoff with jitter, capped.</summary>
        Backoff = 3,

        /// <summary>Rate limited: back off and slow the pace of the drain.</summary>
        RateLimited = 4,

        /// <summary>The request itself is wrong: quarantine the record (kept, shown, re-sendable) and go on.</summary>
        Quarantine = 5,
    }
}
