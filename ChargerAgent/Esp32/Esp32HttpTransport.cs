using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// The HTTP transport port on the ESP32: the project's own HTTP/1.1 client
    /// (<see cref="KeepAliveHttpClient"/>, framing and reuse in the portable core) over
    /// <see cref="Esp32Connection"/> (socket and TLS), run on one worker thread so the agent's tick
    /// never waits on the network. nanoFramework's <c>HttpClient</c> is not used: it sends
    /// <c>Connection: close</c> on every request (System.Net.Http 1.5.209, Http/HttpClient.cs:152), so
    /// each record paid a DNS lookup and a full TLS handshake, and its <c>Timeout</c> (infinite by
    /// default, HttpClient.cs:149) becomes the web request's timeout (Http/HttpClientHandler.cs:309),
    /// a timer that runs only while the response headers are read, after DNS, connect and the TLS
    /// handshake (Http/System.Net.HttpWebRequest.cs:1805-1823); no socket timeout is set before the
    /// handshake (HttpWebRequest.cs:1436-1516).
    /// </summary>
    /// <remarks>
    /// <para>The connection is kept between requests while the server allows it and closed after
    /// <see cref="ConnectionPolicy.DefaultIdleCloseMs"/> idle (a held TLS session costs about 33 KB
    /// of heap), so a drained backlog pays one handshake per connection; any error closes it and
    /// the next request opens a new one.</para>
    /// <para>Each request's deadline bounds every wait the platform lets bound (see
    /// <see cref="Esp32Connection"/>). Past the deadline the exchange is reported as a timeout while
    /// the worker keeps <see cref="IsBusy"/> true until it really ends; its late result is dropped
    /// and the request's body sink gets nothing more. A TLS handshake or DNS lookup that blocks
    /// inside its native call stops every managed thread, this deadline check included, until it
    /// ends: see docs/FIRMWARE.md.</para>
    /// <para>TLS is always verified (<c>SslVerification.CertificateRequired</c>) against the
    /// device's CA store plus, when given, the roots of a <c>ca.pem</c>.</para>
    /// </remarks>
    public sealed class Esp32HttpTransport : IHttpTransport
    {
        private const int Idle = 0;
        private const int Running = 1;
        private const int Done = 2;

        private readonly object sync = new object();
        private readonly AutoResetEvent wake = new AutoResetEvent(false);
        private readonly KeepAliveHttpClient client;
        private readonly IClock clock;
        private readonly HttpResponse result = new HttpResponse();
        private readonly Thread worker;
        private int state = Idle;
        private bool abandoned;
        private long deadlineAtMs;
        private HttpRequest current;

        /// <summary>Creates the transport and starts its worker thread.</summary>
        /// <param name="extraRoots">Root certificates to trust besides the device CA store (they add, they do not replace), or null.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="maxResponseBytes">Bytes of a response body kept in the response's buffer; a longer one is marked truncated (and still reaches the request's body sink whole).</param>
        public Esp32HttpTransport(X509Certificate extraRoots, IClock clock, int maxResponseBytes)
        {
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            if (maxResponseBytes < 256) throw new ArgumentOutOfRangeException(nameof(maxResponseBytes));
            this.clock = clock;
            result.Body = new byte[maxResponseBytes];
            client = new KeepAliveHttpClient(new Esp32Connection(extraRoots), clock, new ConnectionPolicy());
            worker = new Thread(Work);
            worker.Start();
        }

        /// <summary>Connections opened since boot (each one DNS lookup, TCP connect and TLS handshake).</summary>
        public int ConnectionsOpened => client.ConnectionsOpened;

        /// <summary>Requests sent on a connection an earlier request had used.</summary>
        public int RequestsOnHeldConnection => client.RequestsOnHeldConnection;

        /// <inheritdoc />
        public bool IsBusy
        {
            get
            {
                lock (sync)
                {
                    return state != Idle;
                }
            }
        }

        /// <inheritdoc />
        public void Start(HttpRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.Url == null) throw new ArgumentException("request.Url is required");
            lock (sync)
            {
                if (state != Idle) throw new InvalidOperationException("a request is still in flight");
                state = Running;
                abandoned = false;
                current = request;
                deadlineAtMs = clock.MonotonicMilliseconds + request.DeadlineMilliseconds;
            }

            wake.Set();
        }

        /// <inheritdoc />
        public bool TryTakeResult(HttpResponse response)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            lock (sync)
            {
                if (state == Done)
                {
                    response.Outcome = result.Outcome;
                    response.StatusCode = result.StatusCode;
                    if (response.Body == null || response.Body.Length < result.BodyLength) response.Body = new byte[result.Body.Length];
                    Array.Copy(result.Body, response.Body, result.BodyLength);
                    response.BodyLength = result.BodyLength;
                    response.BodyTruncated = result.BodyTruncated;
                    response.ContentType = result.ContentType;
                    response.Error = result.Error;
                    state = Idle;
                    current = null;
                    return true;
                }

                if (state == Running && !abandoned && clock.MonotonicMilliseconds > deadlineAtMs)
                {
                    // The worker cannot be cancelled safely mid-call: give up on it, keep the port
                    // busy until it ends, drop what it brings, and keep its body off the sink.
                    abandoned = true;
                    client.DetachSink();
                    response.Outcome = HttpOutcome.Timeout;
                    response.StatusCode = 0;
                    response.BodyLength = 0;
                    response.BodyTruncated = false;
                    response.ContentType = null;
                    response.Error = "no answer within the deadline";
                    return true;
                }

                return false;
            }
        }

        private void Work()
        {
            while (true)
            {
                // Sleep until a request comes, or until the held connection's idle bound passes.
                int waitMs = Timeout.Infinite;
                if (client.IsConnected)
                {
                    long left = client.IdleCloseAtMs - clock.MonotonicMilliseconds;
                    waitMs = left < 1 ? 1 : (left > int.MaxValue ? int.MaxValue : (int)left);
                }

                wake.WaitOne(waitMs, false);
                HttpRequest request;
                long deadline;
                lock (sync)
                {
                    request = state == Running ? current : null;
                    deadline = deadlineAtMs;
                }

                if (request == null)
                {
                    client.CloseIfIdle(clock.MonotonicMilliseconds);
                    continue;
                }

                try
                {
                    client.Send(request, result, deadline);
                }
                catch (Exception e)
                {
                    // Send reports network and protocol failures in the outcome; this is anything
                    // else (out of memory included): the connection is dropped, the record stays queued.
                    client.Close();
                    result.Outcome = HttpOutcome.NetworkError;
                    result.StatusCode = 0;
                    result.BodyLength = 0;
                    result.BodyTruncated = false;
                    result.ContentType = null;
                    result.Error = "unexpected failure: " + e.GetType().Name;
                }

                lock (sync)
                {
                    if (abandoned)
                    {
                        state = Idle;
                        current = null;
                    }
                    else
                    {
                        state = Done;
                    }
                }
            }
        }
    }
}
