using System;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Endpoint.InMemory;

/// <summary>
/// The transport port straight into a <see cref="FlatpeakEndpoint"/>'s handler: no sockets, no
/// threads, deterministic. The request reaches the endpoint at <see cref="Start"/> (so a record is
/// stored even if the caller never polls, as on a real network); its result is taken on a later
/// poll. The endpoint's faults map to outcomes: a refused connection → NetworkError with nothing
/// stored; a lost response → NetworkError after the record was stored; a response delayed past the
/// request's deadline → Timeout after the record was stored.
/// </summary>
public sealed class InMemoryTransport : IHttpTransport
{
    private readonly FlatpeakEndpoint endpoint;
    private readonly InMemoryTransportOptions options;
    private bool busy;
    private long readyAtMs;
    private int pollsLeft;
    private HttpOutcome outcome;
    private int status;
    private byte[] body;
    private string error;
    private IResponseBodySink sink;

    /// <summary>A transport into <paramref name="endpoint"/>; <paramref name="options"/> null means immediate mode.</summary>
    public InMemoryTransport(FlatpeakEndpoint endpoint, InMemoryTransportOptions options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        this.endpoint = endpoint;
        this.options = options ?? new InMemoryTransportOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.LatencyMilliseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.PollsBeforeResult);
    }

    /// <summary>Number of requests started.</summary>
    public int Started { get; private set; }

    /// <inheritdoc />
    public bool IsBusy => busy;

    /// <inheritdoc />
    public void Start(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        sink = request.BodySink;
        if (busy)
        {
            throw new InvalidOperationException("a request is still in flight");
        }

        if (request.Url == null || request.Method == null)
        {
            throw new ArgumentException("the request needs a method and a URL", nameof(request));
        }

        if (request.BodyLength < 0 || request.BodyLength > (request.Body?.Length ?? 0))
        {
            throw new ArgumentException("BodyLength is outside Body", nameof(request));
        }

        Started++;
        EndpointResponse response = endpoint.Handle(new EndpointRequest
        {
            Method = request.Method,
            PathAndQuery = PathOf(request.Url),
            Authorization = request.Authorization,
            ApiVersion = request.ApiVersion,
            ContentType = request.ContentType,
            Body = request.Body == null ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(request.Body, 0, request.BodyLength),
        });

        int waitMs = options.LatencyMilliseconds;
        body = null;
        error = null;
        status = 0;
        switch (response.Delivery)
        {
            case ResponseDelivery.Refuse:
                outcome = HttpOutcome.NetworkError;
                error = "connection refused";
                break;
            case ResponseDelivery.Lose:
                outcome = HttpOutcome.NetworkError;
                error = "connection reset before the response arrived";
                break;
            case ResponseDelivery.Delay when response.DelayMilliseconds + waitMs >= request.DeadlineMilliseconds:
                outcome = HttpOutcome.Timeout;
                error = "no response within the deadline";
                waitMs = request.DeadlineMilliseconds;
                break;
            default:
                if (response.Delivery == ResponseDelivery.Delay)
                {
                    waitMs += response.DelayMilliseconds;
                }

                outcome = HttpOutcome.Completed;
                status = response.StatusCode;
                body = response.Body;
                break;
        }

        readyAtMs = options.NowMilliseconds == null ? 0 : options.NowMilliseconds() + waitMs;
        pollsLeft = options.PollsBeforeResult;
        busy = true;
    }

    /// <inheritdoc />
    public bool TryTakeResult(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!busy)
        {
            return false;
        }

        if (pollsLeft > 0)
        {
            pollsLeft--;
            return false;
        }

        if (options.NowMilliseconds != null && options.NowMilliseconds() < readyAtMs)
        {
            return false;
        }

        busy = false;
        response.Outcome = outcome;
        response.StatusCode = status;
        response.Error = error;
        response.ContentType = body == null ? null : "application/json";
        if (sink != null && outcome == HttpOutcome.Completed)
        {
            // The whole body to the sink, in network-sized pieces; the buffer keeps its first bytes.
            sink.Reset();
            int length = body?.Length ?? 0;
            for (int p = 0; p < length; p += 1460)
            {
                sink.Write(body, p, Math.Min(1460, length - p));
            }
        }

        CopyBody(body, response);
        return true;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the response's reused buffer: a null buffer is allocated
    /// to fit; a smaller one receives what fits and <see cref="HttpResponse.BodyTruncated"/> is set.
    /// </summary>
    internal static void CopyBody(byte[] source, HttpResponse response)
    {
        int length = source?.Length ?? 0;
        if (response.Body == null)
        {
            response.Body = new byte[Math.Max(length, 1)];
        }

        int copied = Math.Min(length, response.Body.Length);
        if (copied > 0)
        {
            Array.Copy(source, response.Body, copied);
        }

        response.BodyLength = copied;
        response.BodyTruncated = copied < length;
    }

    private static string PathOf(string url)
    {
        if (url.StartsWith('/'))
        {
            return url;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out Uri uri))
        {
            return uri.PathAndQuery;
        }

        throw new ArgumentException("the request URL is not absolute", nameof(url));
    }
}
