using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// The HTTP transport port over nanoFramework's blocking <c>HttpClient</c>, run on a worker
    /// thread so the agent's tick never waits on the network. The transport keeps its own deadline:
    /// <c>HttpClient.Timeout</c> bounds only the wait for the response headers, not DNS, connect or
    /// the TLS handshake (System.Net.Http, Http/HttpClient.cs: the constructor sets
    /// <c>InfiniteTimeSpan</c>; HttpClientHandler.cs passes it to the web request), so after
    /// <see cref="HttpRequest.DeadlineMilliseconds"/> the exchange is reported as a timeout while the
    /// worker keeps <see cref="IsBusy"/> true until it really ends; its late result is dropped.
    /// TLS is always verified (<c>SslVerification.CertificateRequired</c>) against the given PEM
    /// bundle or, when none is given, the device's CA store.
    /// </summary>
    public sealed class Esp32HttpTransport : IHttpTransport
    {
        private const int Idle = 0;
        private const int Running = 1;
        private const int Done = 2;

        private readonly object sync = new object();
        private readonly HttpClient client;
        private readonly byte[] resultBody;
        private int state = Idle;
        private bool abandoned;
        private long deadlineAtMs;
        private HttpRequest current;
        private HttpOutcome outcome;
        private int statusCode;
        private int resultLength;
        private bool resultTruncated;
        private string resultContentType;
        private string resultError;

        /// <summary>Creates the transport.</summary>
        /// <param name="caBundlePem">PEM text of the root certificates to trust (several may be concatenated), or null to use the device CA store.</param>
        /// <param name="headerTimeoutMs">Bound of the wait for response headers, milliseconds (the overall deadline comes with each request).</param>
        /// <param name="maxResponseBytes">Largest response body kept; a longer one is reported truncated.</param>
        public Esp32HttpTransport(string caBundlePem, int headerTimeoutMs, int maxResponseBytes)
        {
            if (headerTimeoutMs < 1000) throw new ArgumentOutOfRangeException(nameof(headerTimeoutMs));
            if (maxResponseBytes < 256) throw new ArgumentOutOfRangeException(nameof(maxResponseBytes));
            resultBody = new byte[maxResponseBytes];
            client = new HttpClient();

            // Properties are locked after the first send (HttpClient.cs, CheckDisposedOrStarted): set them once here.
            client.Timeout = TimeSpan.FromMilliseconds(headerTimeoutMs);
            client.SslProtocols = SslProtocols.Tls12;
            client.SslVerification = SslVerification.CertificateRequired;
            if (caBundlePem != null) client.HttpsAuthentCert = new X509Certificate(caBundlePem);
        }

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
                deadlineAtMs = Environment.TickCount64 + request.DeadlineMilliseconds;
            }

            Thread worker = new Thread(Work);
            worker.Start();
        }

        /// <inheritdoc />
        public bool TryTakeResult(HttpResponse response)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            lock (sync)
            {
                if (state == Done)
                {
                    response.Outcome = outcome;
                    response.StatusCode = statusCode;
                    if (response.Body == null || response.Body.Length < resultLength) response.Body = new byte[resultBody.Length];
                    Array.Copy(resultBody, response.Body, resultLength);
                    response.BodyLength = resultLength;
                    response.BodyTruncated = resultTruncated;
                    response.ContentType = resultContentType;
                    response.Error = resultError;
                    state = Idle;
                    current = null;
                    return true;
                }

                if (state == Running && !abandoned && Environment.TickCount64 > deadlineAtMs)
                {
                    // The worker cannot be cancelled safely mid-handshake: give up on it, stay busy
                    // until it ends, and drop what it brings.
                    abandoned = true;
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
            HttpRequest request = current;
            HttpOutcome endOutcome = HttpOutcome.NetworkError;
            int endStatus = 0;
            int length = 0;
            bool truncated = false;
            string type = null;
            string error = null;
            HttpRequestMessage message = null;
            HttpResponseMessage answer = null;
            try
            {
                message = new HttpRequestMessage(request.Method == "GET" ? HttpMethod.Get : HttpMethod.Post, request.Url);

                // On each message, never DefaultRequestHeaders: Add there appends ("a,b") and cannot be removed.
                if (request.Authorization != null) message.Headers.Add("Authorization", request.Authorization);
                if (request.Body != null && request.BodyLength > 0)
                {
                    ByteArrayContent content = new ByteArrayContent(request.Body, 0, request.BodyLength);
                    if (request.ContentType != null) content.Headers.ContentType = new System.Net.Http.Http.Headers.MediaTypeHeaderValue(request.ContentType);
                    message.Content = content;
                }

                answer = client.Send(message, HttpCompletionOption.ResponseHeadersRead);
                endStatus = (int)answer.StatusCode;
                endOutcome = HttpOutcome.Completed;
                if (answer.Content != null)
                {
                    // A missing or odd Content-Type/Content-Length header throws from the header
                    // parsers (Headers/MediaTypeHeaderValue.cs Parse, Headers/HttpContentHeaders.cs
                    // Convert.ToInt64): the status still stands, the header is then unknown.
                    type = ReadContentType(answer);
                    long declared = ReadContentLength(answer);
                    if (declared > resultBody.Length && request.BodySink == null)
                    {
                        truncated = true;
                    }
                    else
                    {
                        try
                        {
                            // nanoFramework buffers the whole body here (StreamContent.cs, CreateContentReadStream).
                            byte[] bytes = answer.Content.ReadAsByteArray();
                            length = bytes.Length < resultBody.Length ? bytes.Length : resultBody.Length;
                            truncated = bytes.Length > resultBody.Length;
                            lock (sync)
                            {
                                if (!abandoned) Array.Copy(bytes, resultBody, length);
                            }

                            // Minimal sink support: the whole body, already buffered by the library.
                            if (request.BodySink != null && !abandoned)
                            {
                                request.BodySink.Reset();
                                request.BodySink.Write(bytes, 0, bytes.Length);
                            }
                        }
                        catch (Exception e)
                        {
                            // The status arrived but the body did not: an empty body, which the
                            // reader reports, and the record stays queued.
                            length = 0;
                            error = Describe("body unreadable", e);
                        }
                    }
                }
            }
            catch (HttpRequestException e)
            {
                endOutcome = Classify(e.InnerException);
                error = Describe("request failed", e.InnerException);
            }
            catch (WebException e)
            {
                endOutcome = e.Status == WebExceptionStatus.Timeout ? HttpOutcome.Timeout : Classify(e);
                error = Describe("web exception", e);
            }
            catch (SocketException e)
            {
                // On a request with a body a TLS failure can escape as a raw SocketException.
                endOutcome = HttpOutcome.NetworkError;
                error = "socket error " + e.ErrorCode;
            }
            catch (Exception e)
            {
                endOutcome = HttpOutcome.NetworkError;
                error = Describe("unexpected failure", e);
            }
            finally
            {
                if (answer != null) answer.Dispose();
                if (message != null) message.Dispose();
            }

            lock (sync)
            {
                if (abandoned)
                {
                    state = Idle;
                    current = null;
                    return;
                }

                outcome = endOutcome;
                statusCode = endOutcome == HttpOutcome.Completed ? endStatus : 0;
                resultLength = endOutcome == HttpOutcome.Completed ? length : 0;
                resultTruncated = truncated;
                resultContentType = type;
                resultError = error;
                state = Done;
            }
        }

        private static string ReadContentType(HttpResponseMessage answer)
        {
            try
            {
                System.Net.Http.Http.Headers.MediaTypeHeaderValue media = answer.Content.Headers.ContentType;
                return media == null ? null : media.MediaType;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static long ReadContentLength(HttpResponseMessage answer)
        {
            try
            {
                return answer.Content.Headers.ContentLength;
            }
            catch (Exception)
            {
                return -1;
            }
        }

        private static HttpOutcome Classify(Exception e)
        {
            WebException web = e as WebException;
            if (web == null) return HttpOutcome.NetworkError;
            switch (web.Status)
            {
                case WebExceptionStatus.Timeout: return HttpOutcome.Timeout;
                case WebExceptionStatus.NameResolutionFailure:
                case WebExceptionStatus.ConnectFailure: return HttpOutcome.NotSent;
                case WebExceptionStatus.SecureChannelFailure:
                case WebExceptionStatus.TrustFailure: return HttpOutcome.TlsError;
                default: return HttpOutcome.NetworkError;
            }
        }

        // Only the exception's type and status go out: messages can quote request headers.
        private static string Describe(string what, Exception e)
        {
            if (e == null) return what;
            WebException web = e as WebException;
            if (web != null) return what + ": web status " + (int)web.Status;
            return what + ": " + e.GetType().Name;
        }
    }
}
