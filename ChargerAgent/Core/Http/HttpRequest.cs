namespace ChargerAgent.Core.Http
{
    /// <summary>One HTTP request for the transport port. Reused between requests: no allocation per record.</summary>
    public sealed class HttpRequest
    {
        /// <summary>The header that carries <see cref="ApiVersion"/>.</summary>
        public const string ApiVersionHeader = "Flatpeak-Version";

        /// <summary>"GET" or "POST".</summary>
        public string Method = "POST";

        /// <summary>Absolute URL, e.g. https://api.flatpeak.com/costs/instant.</summary>
        public string Url;

        /// <summary>The whole Authorization header value ("Basic …" or "Bearer …"); a secret: never log it.</summary>
        public string Authorization;

        /// <summary>The <c>Flatpeak-Version</c> header value (the API edition asked for), or null to send none.</summary>
        public string ApiVersion;

        /// <summary>Content type of <see cref="Body"/>, or null when there is no body.</summary>
        public string ContentType;

        /// <summary>Body bytes (UTF-8); only the first <see cref="BodyLength"/> count.</summary>
        public byte[] Body;

        /// <summary>Number of bytes of <see cref="Body"/> to send.</summary>
        public int BodyLength;

        /// <summary>When set, the whole response body is streamed to it as it arrives; null: the body goes only to the response's buffer.</summary>
        public IResponseBodySink BodySink;

        /// <summary>The whole exchange (DNS, connect, TLS, send, response) must end within this, in milliseconds.</summary>
        public int DeadlineMilliseconds = 30000;
    }
}
