using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// A small HTTP/1.1 client that keeps its connection between requests when the server allows
    /// it, over an <see cref="IHttpConnection"/>. One exchange at a time, blocking: the device
    /// transport runs it on its worker thread. A drained backlog then pays one DNS lookup and one
    /// TLS handshake per connection instead of one per record.
    /// </summary>
    /// <remarks>
    /// <para>Any error closes the connection, so the next request opens a new one. A request sent on
    /// a held connection that the server had closed in the meantime (it ends before any byte of an
    /// answer) is sent once more on a new connection; every other failure is reported as it is.</para>
    /// <para>Every wait gets what is left of the request's deadline as its bound.</para>
    /// </remarks>
    public sealed class KeepAliveHttpClient
    {
        /// <summary>Default size of the buffer the request head is written into, bytes.</summary>
        public const int DefaultHeadBytes = 1024;

        /// <summary>Default size of one read from the connection, bytes.</summary>
        public const int DefaultReadBytes = 1024;

        private readonly IHttpConnection connection;
        private readonly IClock clock;
        private readonly ConnectionPolicy policy;
        private readonly HttpResponseParser parser;
        private readonly ResponseBody body = new ResponseBody();
        private readonly HttpTarget target = new HttpTarget();
        private readonly byte[] head;
        private readonly byte[] readBuffer;
        private string parsedUrl;
        private string urlProblem;

        /// <summary>Creates the client with the default buffers and response bounds.</summary>
        public KeepAliveHttpClient(IHttpConnection connection, IClock clock, ConnectionPolicy policy)
            : this(connection, clock, policy, new HttpResponseParser(), DefaultHeadBytes, DefaultReadBytes)
        {
        }

        /// <summary>Creates the client.</summary>
        /// <param name="connection">The byte stream (closed at first).</param>
        /// <param name="clock">Monotonic time for deadlines and the idle bound.</param>
        /// <param name="policy">When to keep the connection.</param>
        /// <param name="parser">Reads the answers (its bounds apply).</param>
        /// <param name="headBytes">Size of the request-head buffer, bytes; a body that fits after the head goes in the same write.</param>
        /// <param name="readBytes">Size of one read, bytes.</param>
        public KeepAliveHttpClient(IHttpConnection connection, IClock clock, ConnectionPolicy policy, HttpResponseParser parser, int headBytes, int readBytes)
        {
            if (connection == null) throw new System.ArgumentNullException(nameof(connection));
            if (clock == null) throw new System.ArgumentNullException(nameof(clock));
            if (policy == null) throw new System.ArgumentNullException(nameof(policy));
            if (parser == null) throw new System.ArgumentNullException(nameof(parser));
            if (headBytes < 256) throw new System.ArgumentOutOfRangeException(nameof(headBytes));
            if (readBytes < 64) throw new System.ArgumentOutOfRangeException(nameof(readBytes));
            this.connection = connection;
            this.clock = clock;
            this.policy = policy;
            this.parser = parser;
            head = new byte[headBytes];
            readBuffer = new byte[readBytes];
        }

        /// <summary>Connections opened (each one DNS lookup, TCP connect and, for https, one TLS handshake).</summary>
        public int ConnectionsOpened { get; private set; }

        /// <summary>Requests sent on a connection that an earlier request had used.</summary>
        public int RequestsOnHeldConnection { get; private set; }

        /// <summary>True while a connection is open.</summary>
        public bool IsConnected => policy.IsOpen;

        /// <summary>Monotonic time at which the held connection is to be closed, ms (see <see cref="CloseIfIdle"/>).</summary>
        public long IdleCloseAtMs => policy.IdleCloseAtMs;

        /// <summary>
        /// No later body byte reaches the current request's sink. Safe to call from another thread
        /// while <see cref="Send"/> runs (the transport does so when it gives up at the deadline).
        /// </summary>
        public void DetachSink()
        {
            body.Detach();
        }

        /// <summary>Closes a held connection that has been idle past its bound.</summary>
        public void CloseIfIdle(long nowMs)
        {
            if (policy.IdleExpired(nowMs)) Close();
        }

        /// <summary>Closes the connection, if one is open.</summary>
        public void Close()
        {
            connection.Close();
            policy.Closed();
        }

        /// <summary>
        /// Sends <paramref name="request"/> and reads the answer into <paramref name="response"/>:
        /// the status, content type, the body's first bytes into <see cref="HttpResponse.Body"/>
        /// (truncated flag when longer) and the whole body to <see cref="HttpRequest.BodySink"/>.
        /// Never throws for a network or protocol failure: the outcome says how it ended.
        /// </summary>
        /// <param name="request">The request.</param>
        /// <param name="response">Filled in; its <see cref="HttpResponse.Body"/> buffer is used as it is (null: keep no bytes).</param>
        /// <param name="deadlineAtMs">Monotonic time by which the whole exchange must end, ms.</param>
        public void Send(HttpRequest request, HttpResponse response, long deadlineAtMs)
        {
            if (request == null) throw new System.ArgumentNullException(nameof(request));
            if (response == null) throw new System.ArgumentNullException(nameof(response));
            int headLength;
            string problem = Target(request.Url);

            // Checked before any connection is opened ("keep-alive" is the longer form of the head).
            if (problem == null) problem = HttpRequestWriter.TryWrite(request, target, true, head, out headLength);
            if (problem != null)
            {
                End(response, HttpOutcome.NotSent, "request not sent: " + problem);
                return;
            }

            body.Attach(response.Body, request.BodySink);
            for (int attempt = 0; attempt < 2; attempt++)
            {
                bool held = false;
                bool askedKeepAlive = false;
                bool leftover = false;
                parser.Begin(body, false);
                try
                {
                    held = policy.CanReuse(target.Authority, clock.MonotonicMilliseconds) && connection.IsUsable();
                    if (held)
                    {
                        RequestsOnHeldConnection++;
                    }
                    else
                    {
                        if (policy.IsOpen) Close();
                        connection.Open(target, Remaining(deadlineAtMs));
                        ConnectionsOpened++;
                        policy.Opened(target.Authority, clock.MonotonicMilliseconds);
                    }

                    // The last request a connection may carry asks the server to close it.
                    askedKeepAlive = policy.AskKeepAlive;
                    HttpRequestWriter.TryWrite(request, target, askedKeepAlive, head, out headLength);
                    WriteRequest(request, headLength, deadlineAtMs);
                    leftover = ReadAnswer(deadlineAtMs);
                }
                catch (HttpTransportException e)
                {
                    Close();
                    if (held && attempt == 0 && parser.BytesReceived == 0 && e.Outcome != HttpOutcome.Timeout) continue;
                    End(response, e.Outcome, e.Message);
                    return;
                }
                catch (System.Exception e)
                {
                    // Anything else the platform throws: the connection is not trusted any more.
                    Close();
                    End(response, HttpOutcome.NetworkError, "unexpected failure: " + e.GetType().Name);
                    return;
                }

                if (parser.HasFailed)
                {
                    Close();
                    if (held && attempt == 0 && parser.ClosedBeforeAnswer) continue;
                    End(response, HttpOutcome.NetworkError, "unreadable answer: " + parser.Problem);
                    return;
                }

                response.Outcome = HttpOutcome.Completed;
                response.StatusCode = parser.StatusCode;
                response.ContentType = parser.ContentType;
                response.BodyLength = body.Length;
                response.BodyTruncated = body.Truncated;
                response.Error = null;
                bool reusable = parser.Reusable && !leftover && askedKeepAlive;
                if (!policy.Ended(reusable, parser.KeepAliveTimeoutSeconds, parser.KeepAliveMax, clock.MonotonicMilliseconds)) Close();
                return;
            }
        }

        private string Target(string url)
        {
            if (url != null && url == parsedUrl) return urlProblem;
            parsedUrl = url;
            urlProblem = HttpTarget.TryParse(url, target);
            return urlProblem;
        }

        private void WriteRequest(HttpRequest request, int headLength, long deadlineAtMs)
        {
            int bodyLength = request.Body == null ? 0 : request.BodyLength;
            if (bodyLength > 0 && headLength + bodyLength <= head.Length)
            {
                // One write, so that a small request goes out as one TLS record.
                System.Array.Copy(request.Body, 0, head, headLength, bodyLength);
                connection.Write(head, 0, headLength + bodyLength, Remaining(deadlineAtMs));
                return;
            }

            connection.Write(head, 0, headLength, Remaining(deadlineAtMs));
            if (bodyLength > 0) connection.Write(request.Body, 0, bodyLength, Remaining(deadlineAtMs));
        }

        // Returns true when bytes followed the end of the answer (the connection is then not reused).
        private bool ReadAnswer(long deadlineAtMs)
        {
            bool leftover = false;
            while (!parser.IsComplete && !parser.HasFailed)
            {
                int n = connection.Read(readBuffer, 0, readBuffer.Length, Remaining(deadlineAtMs));
                if (n <= 0)
                {
                    parser.EndOfStream();
                    break;
                }

                if (parser.Feed(readBuffer, 0, n) < n) leftover = true;
            }

            return leftover;
        }

        private int Remaining(long deadlineAtMs)
        {
            long left = deadlineAtMs - clock.MonotonicMilliseconds;
            if (left <= 0) throw new HttpTransportException(HttpOutcome.Timeout, "no answer within the deadline");
            return left > int.MaxValue ? int.MaxValue : (int)left;
        }

        private static void End(HttpResponse response, HttpOutcome outcome, string error)
        {
            response.Outcome = outcome;
            response.StatusCode = 0;
            response.BodyLength = 0;
            response.BodyTruncated = false;
            response.ContentType = null;
            response.Error = error;
        }
    }
}
