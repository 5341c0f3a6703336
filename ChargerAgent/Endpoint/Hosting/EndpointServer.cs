using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace ChargerAgent.Endpoint.Hosting;

/// <summary>
/// Serves a <see cref="FlatpeakEndpoint"/> over HTTPS with ASP.NET Core Kestrel on 127.0.0.1 (HTTP/1.1,
/// keep-alive), with a generated certificate whose authority's PEM clients trust (--ca-file).
/// Faults become real network behaviour: a refused connection is closed without an answer, a lost
/// response is cut after its headers, a delayed one is held.
/// </summary>
public sealed class EndpointServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsCertificates;

    private EndpointServer(FlatpeakEndpoint endpoint, LocalCertificates certificates, bool ownsCertificates, EndpointServerOptions options)
    {
        Endpoint = endpoint;
        Certificates = certificates;
        this.ownsCertificates = ownsCertificates;

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificates.Server);
            });
        });
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>The endpoint being served.</summary>
    public FlatpeakEndpoint Endpoint { get; }

    /// <summary>The certificates being served with.</summary>
    public LocalCertificates Certificates { get; }

    /// <summary>The authority's PEM: write it to a file and pass it as --ca-file.</summary>
    public string AuthorityPem => Certificates.AuthorityPem;

    /// <summary>The port listened on.</summary>
    public int Port { get; private set; }

    /// <summary>The base URL, e.g. https://127.0.0.1:5443 (no trailing slash).</summary>
    public string BaseUrl => "https://127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts serving <paramref name="endpoint"/>; returns once it listens.</summary>
    public static async Task<EndpointServer> StartAsync(FlatpeakEndpoint endpoint, EndpointServerOptions options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new EndpointServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        bool owns = options.Certificates == null;
        LocalCertificates certificates = options.Certificates ?? LocalCertificates.Create();
        var server = new EndpointServer(endpoint, certificates, owns, options);
        try
        {
            await server.app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            server.Port = new Uri(address).Port;
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops listening and closes connections (waits at most 5 s for requests in flight).</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync().ConfigureAwait(false);
        if (ownsCertificates)
        {
            Certificates.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            await WriteAsync(context, new ApiError(413, "invalid_request", "body_too_large", "the request body is too large").ToResponse()).ConfigureAwait(false);
            return;
        }

        EndpointResponse response = Endpoint.Handle(new EndpointRequest
        {
            Method = context.Request.Method,
            PathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value,
            Authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization[0] : null,
            ApiVersion = context.Request.Headers.TryGetValue(ChargerAgent.Core.Upload.FlatpeakClient.ApiVersionHeader, out var version) && version.Count > 0 ? version[0] : null,
            ContentType = context.Request.ContentType,
            Body = body,
        });

        switch (response.Delivery)
        {
            case ResponseDelivery.Refuse:
                // Close the connection without a byte of answer. (.NET's HttpClient does not resend a
                // POST by itself here; the HTTPS tests check that the refused record is not stored.)
                context.Abort();
                return;
            case ResponseDelivery.Lose:
                // Send the status line and headers, then cut the connection inside the body: the
                // client has started receiving, so it cannot retry, and never sees a whole answer.
                context.Response.StatusCode = response.StatusCode;
                context.Response.ContentType = response.ContentType;
                context.Response.ContentLength = response.Body.Length;
                await context.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            case ResponseDelivery.Delay:
                try
                {
                    await Task.Delay(response.DelayMilliseconds, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        await WriteAsync(context, response).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, EndpointResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
