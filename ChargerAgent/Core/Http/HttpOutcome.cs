namespace ChargerAgent.Core.Http
{
    /// <summary>How an HTTP exchange ended, as the transport classifies it.</summary>
    public enum HttpOutcome : byte
    {
        /// <summary>A status line and body were received (any status, 2xx to 5xx).</summary>
        Completed = 0,

        /// <summary>The deadline passed first. The request may still have reached the server.</summary>
        Timeout = 1,

        /// <summary>DNS, connect or a reset: the request did not complete (it may still have reached the server).</summary>
        NetworkError = 2,

        /// <summary>The TLS handshake or certificate validation failed.</summary>
        TlsError = 3,

        /// <summary>The network is down: nothing was sent.</summary>
        NotSent = 4,
    }
}
