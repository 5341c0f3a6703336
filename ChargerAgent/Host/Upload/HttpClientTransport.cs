using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Host.Upload;

/// <summary>
/// The transport port over .NET <see cref="HttpClient"/>, with keep-alive (one pooled connection is
/// reused between requests). Each request runs on a task bounded by its own deadline; the result is
/// polled. Certificate validation is always on: the system's trust store, plus optionally extra
/// authorities from a PEM file (--ca-file), accepted only when the server's chain builds to one of
/// them and the host name matches. There is no way to switch validation off.
/// </summary>
public sealed class HttpClientTransport : IHttpTransport, IDisposable
{
    /// <summary>Default largest response body kept, in bytes.</summary>
    public const int DefaultMaxResponseBytes = 16 * 1024;

    private readonly HttpClient client;
    private readonly X509Certificate2Collection extraAuthorities;
    private readonly byte[] workerBuffer;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private Task worker;
    private CancellationTokenSource deadline;
    private bool resultPending;
    private long deadlineAtMs;

    // Written by the worker before it completes; read after it completed.
    private HttpOutcome outcome;
    private int status;
    private int bodyLength;
    private bool truncated;
    private volatile SslPolicyErrors lastPolicyErrors;
    private string contentType;
    private string error;

    /// <summary>A transport trusting the system store and, when given, the authorities in <paramref name="caFile"/> (PEM).</summary>
    public HttpClientTransport(string caFile = null, int maxResponseBytes = DefaultMaxResponseBytes)
        : this(caFile == null ? null : LoadAuthorities(caFile), maxResponseBytes)
    {
    }

    /// <summary>A transport trusting the system store plus <paramref name="extraAuthorities"/> (may be null).</summary>
    public HttpClientTransport(X509Certificate2Collection extraAuthorities, int maxResponseBytes = DefaultMaxResponseBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseBytes, 1);
        this.extraAuthorities = extraAuthorities == null || extraAuthorities.Count == 0 ? null : extraAuthorities;
        workerBuffer = new byte[maxResponseBytes];
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            MaxConnectionsPerServer = 1,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = Validate,
            },
        };
        client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Number of requests started.</summary>
    public int Started { get; private set; }

    /// <inheritdoc />
    public bool IsBusy => resultPending || (worker != null && !worker.IsCompleted);

    /// <summary>Reads every certificate of a PEM file; each must be a certificate authority.</summary>
    /// <exception cref="InvalidDataException">The file holds no certificate, or one that is not an authority.</exception>
    public static X509Certificate2Collection LoadAuthorities(string pemFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pemFile);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemFile);
        if (collection.Count == 0)
        {
            throw new InvalidDataException($"{pemFile} holds no PEM certificate");
        }

        foreach (X509Certificate2 certificate in collection)
        {
            bool isAuthority = false;
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509BasicConstraintsExtension constraints && constraints.CertificateAuthority)
                {
                    isAuthority = true;
                }
            }

            if (!isAuthority)
            {
                throw new InvalidDataException($"{pemFile}: {certificate.Subject} is not a certificate authority");
            }
        }

        return collection;
    }

    /// <inheritdoc />
    public void Start(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsBusy)
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

        ArgumentOutOfRangeException.ThrowIfLessThan(request.DeadlineMilliseconds, 1);

        Started++;
        deadline?.Dispose();
        deadline = new CancellationTokenSource(request.DeadlineMilliseconds);
        deadlineAtMs = clock.ElapsedMilliseconds + request.DeadlineMilliseconds;
        resultPending = true;
        string method = request.Method, url = request.Url, authorization = request.Authorization, type = request.ContentType, version = request.ApiVersion;
        byte[] body = request.Body;
        int length = request.BodyLength;
        CancellationToken token = deadline.Token;
        IResponseBodySink sink = request.BodySink;
        worker = Task.Run(() => SendAsync(method, url, authorization, version, type, body, length, sink, token));
    }

    /// <inheritdoc />
    public bool TryTakeResult(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!resultPending)
        {
            return false;
        }

        if (worker.IsCompleted)
        {
            resultPending = false;
            response.Outcome = outcome;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.Error = error;
            if (response.Body == null)
            {
                response.Body = new byte[Math.Max(bodyLength, 1)];
            }

            int copied = Math.Min(bodyLength, response.Body.Length);
            Array.Copy(workerBuffer, response.Body, copied);
            response.BodyLength = copied;
            response.BodyTruncated = truncated || copied < bodyLength;
            return true;
        }

        if (clock.ElapsedMilliseconds >= deadlineAtMs)
        {
            // The worker is still winding down: report the timeout now; IsBusy stays true until it ends.
            resultPending = false;
            response.Outcome = HttpOutcome.Timeout;
            response.StatusCode = 0;
            response.BodyLength = 0;
            response.BodyTruncated = false;
            response.ContentType = null;
            response.Error = "no response within the deadline";
            return true;
        }

        return false;
    }

    /// <summary>
    /// Blocks until <see cref="TryTakeResult"/> would return the result (the request ended or its
    /// deadline passed), at most <paramref name="timeoutMilliseconds"/>. For a desktop loop that wants
    /// to step as soon as an answer arrives instead of on its next timer tick; not part of the port.
    /// </summary>
    /// <returns>True when the result can be taken now.</returns>
    public bool WaitForResult(int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMilliseconds);
        if (!resultPending)
        {
            return false;
        }

        long untilDeadline = Math.Max(0, deadlineAtMs - clock.ElapsedMilliseconds);
        worker.Wait((int)Math.Min(timeoutMilliseconds, untilDeadline));
        return worker.IsCompleted || clock.ElapsedMilliseconds >= deadlineAtMs;
    }

    /// <summary>Waits (at most <paramref name="timeoutMilliseconds"/>) until the request in flight has ended.</summary>
    public bool WaitIdle(int timeoutMilliseconds)
    {
        Task running = worker;
        return running == null || running.Wait(timeoutMilliseconds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        deadline?.Cancel();
        worker?.Wait(5000);
        deadline?.Dispose();
        client.Dispose();
    }

    private async Task SendAsync(string method, string url, string authorization, string version, string type, byte[] body, int length, IResponseBodySink bodySink, CancellationToken token)
    {
        outcome = HttpOutcome.NetworkError;
        status = 0;
        bodyLength = 0;
        truncated = false;
        contentType = null;
        error = null;
        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(method), url);
            if (authorization != null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            if (version != null)
            {
                message.Headers.TryAddWithoutValidation(ChargerAgent.Core.Upload.FlatpeakClient.ApiVersionHeader, version);
            }

            if (body != null && method != "GET")
            {
                var content = new ByteArrayContent(body, 0, length);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(type ?? "application/octet-stream");
                message.Content = content;
            }

            using HttpResponseMessage answer = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            contentType = answer.Content.Headers.ContentType?.ToString();
            using Stream stream = await answer.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            int total = 0;
            bodySink?.Reset();
            var piece = new byte[4096];
            while (true)
            {
                // The buffer keeps the first bytes; the sink (when given) gets every byte, in order.
                int read = await stream.ReadAsync(piece, token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                int fits = Math.Min(read, workerBuffer.Length - total);
                Array.Copy(piece, 0, workerBuffer, total, fits);
                total += fits;
                if (fits < read)
                {
                    truncated = true;
                }

                bodySink?.Write(piece, 0, read);
            }

            bodyLength = total;
            status = (int)answer.StatusCode;
            outcome = HttpOutcome.Completed;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            outcome = HttpOutcome.Timeout;
            error = "no response within the deadline";
        }
        catch (HttpRequestException e) when (Find<AuthenticationException>(e) != null)
        {
            outcome = HttpOutcome.TlsError;
            error = DescribeTls(Find<AuthenticationException>(e));
        }
        catch (HttpRequestException e)
        {
            outcome = HttpOutcome.NetworkError;
            error = "network error: " + e.HttpRequestError + " (" + Innermost(e).GetType().Name + ")";
        }
        catch (IOException e)
        {
            outcome = HttpOutcome.NetworkError;
            error = "connection lost while reading the response (" + Innermost(e).GetType().Name + ")";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome = HttpOutcome.NetworkError;
            error = "request failed (" + e.GetType().Name + ")";
        }
    }

    private string DescribeTls(AuthenticationException e)
    {
        SslPolicyErrors errors = lastPolicyErrors;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return "the server's certificate is for another host name (check the API URL)";
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return "the server sent no certificate";
        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return extraAuthorities == null
                ? "the server's certificate is not trusted: pass --ca-file with the authority that signed it"
                : "the server's certificate is not signed by the --ca-file authorities nor the system's: pass the right --ca-file";
        }

        return e.Message;
    }

    private bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
    {
        lastPolicyErrors = errors;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain may be rescued by the extra authorities; a wrong host name or a
        // missing certificate never is.
        if (extraAuthorities == null || certificate == null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(extraAuthorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain != null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        X509Certificate2 leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    private static T Find<T>(Exception e)
        where T : Exception
    {
        for (Exception at = e; at != null; at = at.InnerException)
        {
            if (at is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
