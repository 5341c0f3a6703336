namespace ChargerAgent.Core.Http
{
    /// <summary>The result of one exchange through the transport port. Reused between requests.</summary>
    public sealed class HttpResponse
    {
        /// <summary>How the exchange ended.</summary>
        public HttpOutcome Outcome;

        /// <summary>HTTP status code when <see cref="Outcome"/> is <see cref="HttpOutcome.Completed"/>, else 0.</summary>
        public int StatusCode;

        /// <summary>Body bytes; only the first <see cref="BodyLength"/> count.</summary>
        public byte[] Body;

        /// <summary>Number of valid bytes in <see cref="Body"/>.</summary>
        public int BodyLength;

        /// <summary>True when the body was longer than the buffer and was cut.</summary>
        public bool BodyTruncated;

        /// <summary>The response's content type, or null.</summary>
        public string ContentType;

        /// <summary>A short description of a failure for people (never contains secrets), or null.</summary>
        public string Error;
    }
}
