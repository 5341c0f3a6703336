using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The retry policy, as one table a person can read and change. The first row that matches the
    /// HTTP status (and the error <c>code</c>, when the row names one) decides. Failures without a
    /// status (timeout, network, TLS, network down) back off. No row discards a record.
    /// </summary>
    public static class RetryPolicy
    {
        private const int AnyCode = 255;

        // status from, status to, error code (AnyCode = any), action
        private static readonly int[] Rows =
        {
            200, 299, AnyCode,                         (int)RetryAction.Sent,
            401, 401, AnyCode,                         (int)RetryAction.Relogin,     // a gateway's word for a bad token
            403, 403, AnyCode,                         (int)RetryAction.Relogin,     // Flatpeak: bad or expired credentials
            408, 408, AnyCode,                         (int)RetryAction.Backoff,     // request timeout: transient
            400, 499, (int)ApiErrorCode.NoPriceData,     (int)RetryAction.SlowRetry,
            400, 499, (int)ApiErrorCode.PendingConnect,  (int)RetryAction.SlowRetry,
            400, 499, (int)ApiErrorCode.AccountDisabled, (int)RetryAction.SlowRetry,
            422, 422, AnyCode,                         (int)RetryAction.SlowRetry,
            429, 429, AnyCode,                         (int)RetryAction.RateLimited,
            400, 499, (int)ApiErrorCode.RateLimit,     (int)RetryAction.RateLimited,
            400, 499, AnyCode,                         (int)RetryAction.Quarantine,  // invalid_request and any other 4xx
            500, 599, AnyCode,                         (int)RetryAction.Backoff,     // api_error
            0,   999, AnyCode,                         (int)RetryAction.Backoff,     // 1xx, 3xx: not the API talking
        };

        /// <summary>The action for one exchange's end.</summary>
        public static RetryAction Decide(HttpOutcome outcome, int statusCode, ApiErrorCode code)
        {
            if (outcome != HttpOutcome.Completed) return RetryAction.Backoff;
            for (int i = 0; i < Rows.Length; i += 4)
            {
                if (statusCode >= Rows[i] && statusCode <= Rows[i + 1] && (Rows[i + 2] == AnyCode || Rows[i + 2] == (int)code))
                {
                    return (RetryAction)Rows[i + 3];
                }
            }

            return RetryAction.Backoff;
        }

        /// <summary>The action's name for the console (enum names print as numbers on the device).</summary>
        public static string Name(RetryAction action)
        {
            switch (action)
            {
                case RetryAction.Sent: return "sent";
                case RetryAction.Relogin: return "log in again";
                case RetryAction.SlowRetry: return "retry in 15 minutes";
                case RetryAction.Backoff: return "back off";
                case RetryAction.RateLimited: return "rate limited";
                case RetryAction.Quarantine: return "quarantine";
                default: return "unknown";
            }
        }
    }
}
