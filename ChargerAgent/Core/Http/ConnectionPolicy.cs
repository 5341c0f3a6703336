namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// Whether the held connection may carry the next request: it must go to the same host and
    /// port, the last answer must have allowed it, the server's request limit must not be reached,
    /// and it must not have been idle longer than the bound. The idle bound is short because a held
    /// TLS session keeps its buffers (on an ESP32 two records of about 16.3 KB each, some 33 KB of
    /// heap): a drained backlog reuses one connection, a half-hourly record gets a fresh one.
    /// </summary>
    public sealed class ConnectionPolicy
    {
        /// <summary>Default idle bound, ms.</summary>
        public const long DefaultIdleCloseMs = 15000;

        /// <summary>Default most requests on one connection.</summary>
        public const int DefaultMaxRequests = 500;

        // A server's advertised idle timeout is cut by this much: the close may already be on its way.
        private const long ServerTimeoutMarginMs = 1000;

        private readonly long idleCloseMs;
        private readonly int maxRequests;
        private string authority;
        private long lastUsedMs;
        private long idleBoundMs;
        private int requestsLeft;

        /// <summary>Creates the policy with the default bounds.</summary>
        public ConnectionPolicy() : this(DefaultIdleCloseMs, DefaultMaxRequests)
        {
        }

        /// <summary>Creates the policy.</summary>
        /// <param name="idleCloseMs">Longest idle time of a held connection, ms (0: never hold one).</param>
        /// <param name="maxRequests">Most requests on one connection.</param>
        public ConnectionPolicy(long idleCloseMs, int maxRequests)
        {
            if (idleCloseMs < 0) throw new System.ArgumentOutOfRangeException(nameof(idleCloseMs));
            if (maxRequests < 1) throw new System.ArgumentOutOfRangeException(nameof(maxRequests));
            this.idleCloseMs = idleCloseMs;
            this.maxRequests = maxRequests;
        }

        /// <summary>True while a connection is open (held idle or in use).</summary>
        public bool IsOpen => authority != null;

        /// <summary>Requests the open connection may still carry.</summary>
        public int RequestsLeft => requestsLeft;

        /// <summary>Monotonic time at which a held connection is to be closed, ms (meaningless when none is open).</summary>
        public long IdleCloseAtMs => lastUsedMs + idleBoundMs;

        /// <summary>A new connection to <paramref name="to"/> ("host:port") is open.</summary>
        public void Opened(string to, long nowMs)
        {
            authority = to;
            lastUsedMs = nowMs;
            idleBoundMs = idleCloseMs;
            requestsLeft = maxRequests;
        }

        /// <summary>True when the open connection may carry a request to <paramref name="to"/> now.</summary>
        public bool CanReuse(string to, long nowMs)
        {
            return authority != null && authority == to && requestsLeft > 0 && nowMs - lastUsedMs < idleBoundMs;
        }

        /// <summary>True when the next request should ask to keep the connection (it is not the last one allowed).</summary>
        public bool AskKeepAlive => idleCloseMs > 0 && requestsLeft > 1;

        /// <summary>
        /// An exchange on the open connection ended with a complete answer. Returns whether the
        /// connection is kept; when it is not, the caller closes it and reports <see cref="Closed"/>.
        /// </summary>
        /// <param name="reusable">The answer allowed reuse (<see cref="HttpResponseParser.Reusable"/>, nothing left over, keep-alive asked).</param>
        /// <param name="serverTimeoutSeconds">The server's Keep-Alive timeout, or -1.</param>
        /// <param name="serverMax">The server's Keep-Alive max, or -1.</param>
        /// <param name="nowMs">Now, monotonic ms.</param>
        public bool Ended(bool reusable, int serverTimeoutSeconds, int serverMax, long nowMs)
        {
            requestsLeft--;
            if (serverMax >= 0 && serverMax < requestsLeft) requestsLeft = serverMax;
            if (serverTimeoutSeconds >= 0)
            {
                long server = serverTimeoutSeconds * 1000L - ServerTimeoutMarginMs;
                if (server < idleBoundMs) idleBoundMs = server;
            }

            lastUsedMs = nowMs;
            return reusable && requestsLeft > 0 && idleBoundMs > 0;
        }

        /// <summary>The connection was closed.</summary>
        public void Closed()
        {
            authority = null;
            requestsLeft = 0;
        }

        /// <summary>True when a connection is held idle past its bound and should be closed now.</summary>
        public bool IdleExpired(long nowMs)
        {
            return authority != null && nowMs - lastUsedMs >= idleBoundMs;
        }
    }
}
