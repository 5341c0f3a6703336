namespace ChargerAgent.Core.Upload
{
    /// <summary>The Flatpeak error <c>code</c> values the retry policy distinguishes.</summary>
    public enum ApiErrorCode : byte
    {
        /// <summary>No error body, or a code not listed here.</summary>
        Unknown = 0,

        /// <summary><c>invalid_request</c>: the request itself is wrong.</summary>
        InvalidRequest = 1,

        /// <summary><c>no_price_data</c>: the tariff has no price for the period yet.</summary>
        NoPriceData = 2,

        /// <summary><c>pending_connect</c>: the location's tariff is not connected yet.</summary>
        PendingConnect = 3,

        /// <summary><c>account_disabled</c>.</summary>
        AccountDisabled = 4,

        /// <summary><c>rate_limit</c>.</summary>
        RateLimit = 5,

        /// <summary><c>api_error</c>: the server failed.</summary>
        ApiError = 6,
    }
}
