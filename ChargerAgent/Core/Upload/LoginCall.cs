using System;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// <c>GET /login</c>: asks for a bearer token with HTTP Basic (account id : API key) and hands the
    /// token of a readable answer (<c>bearer_token</c>, <c>expires_in</c>) to the
    /// <see cref="FlatpeakClient"/>, which keeps it and renews it in time.
    /// </summary>
    public sealed class LoginCall
    {
        private readonly FlatpeakClient client;
        private readonly ResponseReader reader;
        private readonly string url;

        /// <summary>Creates the call against <paramref name="baseUrl"/>; answers are read with <paramref name="reader"/>.</summary>
        public LoginCall(FlatpeakClient client, ResponseReader reader, string baseUrl)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            this.client = client;
            this.reader = reader;
            url = baseUrl + "/login";
        }

        /// <summary>Why the last answer was unreadable (never a secret), or null.</summary>
        public string Problem
        {
            get { return reader.Problem; }
        }

        /// <summary>Fills <paramref name="request"/> for <c>GET /login</c>.</summary>
        public void Prepare(HttpRequest request)
        {
            client.PrepareBasic(request, "GET", url);
        }

        /// <summary>Reads a 2xx answer; true when it carried a token, now held by the client from <paramref name="nowMs"/>.</summary>
        public bool TryRead(HttpResponse response, long nowMs)
        {
            if (!reader.TryReadLogin(response, out string token)) return false;
            client.SetToken(token, reader.ExpiresInSeconds, nowMs);
            return true;
        }
    }
}
