using System;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The Flatpeak side of the uploader: fills the one reused <see cref="HttpRequest"/> for
    /// <c>GET /login</c> (HTTP Basic, account id : API key), <c>POST /costs/instant</c>,
    /// <c>POST /costs/session/{id}</c> and any other API call (<see cref="PrepareApi"/>), all with the
    /// pinned <see cref="ApiVersion"/>, and keeps the bearer token, renewed before its
    /// <c>expires_in</c> runs out. It never blocks and never prints a secret: <see cref="Redact"/>
    /// removes the key and the token from any text meant for people.
    /// </summary>
    public sealed class FlatpeakClient
    {
        /// <summary>Content type of the bodies sent.</summary>
        public const string JsonContentType = "application/json";

        /// <summary>
        /// The API edition the agent is written against, sent as the <c>Flatpeak-Version</c> header on
        /// every request so the account's default edition (set in Flatpeak's dashboard) cannot change
        /// the field names under it.
        /// </summary>
        public const string ApiVersion = "2025-09-14.anode";

        /// <summary>Name of the header that selects the API edition.</summary>
        public const string ApiVersionHeader = HttpRequest.ApiVersionHeader;

        private readonly string basicAuthorization;
        private readonly string apiKey;
        private readonly string loginUrl;
        private readonly string instantUrl;
        private readonly string sessionUrlPrefix;
        private readonly string baseUrl;
        private readonly int deadlineMs;
        private readonly int renewMarginMs;
        private string token;
        private string bearerAuthorization;
        private long renewAtMs;

        /// <summary>Creates a client for validated <paramref name="options"/>.</summary>
        public FlatpeakClient(UploadOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            apiKey = options.ApiKey;
            basicAuthorization = BasicAuth.HeaderValue(options.AccountId, options.ApiKey);
            loginUrl = options.BaseUrl + "/login";
            instantUrl = options.BaseUrl + "/costs/instant" + (options.NonPersistent ? "?non_persistent=true" : string.Empty);
            sessionUrlPrefix = options.BaseUrl + "/costs/session/";
            baseUrl = options.BaseUrl;
            deadlineMs = options.RequestDeadlineMs;
            renewMarginMs = options.TokenRenewMarginMs;
        }

        /// <summary>True while a token is held that need not be renewed yet at <paramref name="nowMs"/>.</summary>
        public bool HasFreshToken(long nowMs)
        {
            return token != null && nowMs < renewAtMs;
        }

        /// <summary>Logins that gave a token so far.</summary>
        public int Logins { get; private set; }

        /// <summary>Forgets the token (after a 401/403): the next request logs in first.</summary>
        public void InvalidateToken()
        {
            token = null;
            bearerAuthorization = null;
            renewAtMs = 0;
        }

        /// <summary>Keeps a new token valid for <paramref name="expiresInSeconds"/> from <paramref name="nowMs"/>.</summary>
        public void SetToken(string bearerToken, long expiresInSeconds, long nowMs)
        {
            if (bearerToken == null || bearerToken.Length == 0) throw new ArgumentException("token expected");
            if (expiresInSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(expiresInSeconds));
            token = bearerToken;
            bearerAuthorization = "Bearer " + bearerToken;
            long lifeMs = expiresInSeconds > 100000000 ? 100000000000 : expiresInSeconds * 1000;
            long renewInMs = lifeMs - renewMarginMs;
            if (renewInMs < lifeMs / 2) renewInMs = lifeMs / 2;
            renewAtMs = nowMs + renewInMs;
            Logins++;
        }

        /// <summary>Fills <paramref name="request"/> for <c>GET /login</c>.</summary>
        public void PrepareLogin(HttpRequest request)
        {
            request.Method = "GET";
            request.Url = loginUrl;
            request.Authorization = basicAuthorization;
            request.ContentType = null;
            request.Body = null;
            request.BodyLength = 0;
            request.DeadlineMilliseconds = deadlineMs;
            request.ApiVersion = ApiVersion;
            request.BodySink = null;
        }

        /// <summary>Fills <paramref name="request"/> for <c>POST /costs/instant</c> with a body already written.</summary>
        /// <exception cref="InvalidOperationException">No token is held.</exception>
        public void PrepareInstant(HttpRequest request, byte[] body, int length)
        {
            if (bearerAuthorization == null) throw new InvalidOperationException("not logged in");
            request.Method = "POST";
            request.Url = instantUrl;
            request.Authorization = bearerAuthorization;
            request.ContentType = JsonContentType;
            request.Body = body;
            request.BodyLength = length;
            request.DeadlineMilliseconds = deadlineMs;
            request.ApiVersion = ApiVersion;
            request.BodySink = null;
        }

        /// <summary>Fills <paramref name="request"/> for <c>POST /costs/session/{id}</c> (no body).</summary>
        /// <exception cref="InvalidOperationException">No token is held.</exception>
        public void PrepareSession(HttpRequest request, string sessionReferenceId)
        {
            if (bearerAuthorization == null) throw new InvalidOperationException("not logged in");
            request.Method = "POST";
            request.Url = sessionUrlPrefix + sessionReferenceId;
            request.Authorization = bearerAuthorization;
            request.ContentType = null;
            request.Body = null;
            request.BodyLength = 0;
            request.DeadlineMilliseconds = deadlineMs;
            request.ApiVersion = ApiVersion;
            request.BodySink = null;
        }

        /// <summary>Fills <paramref name="request"/> for <paramref name="method"/> <paramref name="pathAndQuery"/> (e.g. <c>/devices</c>), with a JSON body when <paramref name="body"/> is not null.</summary>
        /// <exception cref="InvalidOperationException">No token is held.</exception>
        public void PrepareApi(HttpRequest request, string method, string pathAndQuery, byte[] body, int length)
        {
            if (bearerAuthorization == null) throw new InvalidOperationException("not logged in");
            request.Method = method;
            request.Url = baseUrl + pathAndQuery;
            request.Authorization = bearerAuthorization;
            request.ContentType = body == null ? null : JsonContentType;
            request.Body = body;
            request.BodyLength = body == null ? 0 : length;
            request.DeadlineMilliseconds = deadlineMs;
            request.ApiVersion = ApiVersion;
            request.BodySink = null;
        }

        /// <summary>Returns <paramref name="text"/> with the API key, the token and the Basic credentials replaced by "(secret)".</summary>
        public string Redact(string text)
        {
            if (text == null) return null;
            text = Replace(text, apiKey);
            text = Replace(text, token);
            text = Replace(text, basicAuthorization.Substring(6));
            return text;
        }

        private static string Replace(string text, string secret)
        {
            if (secret == null || secret.Length < 4) return text;
            int at = text.IndexOf(secret);
            while (at >= 0)
            {
                text = text.Substring(0, at) + "(secret)" + text.Substring(at + secret.Length);
                at = text.IndexOf(secret);
            }

            return text;
        }
    }
}
