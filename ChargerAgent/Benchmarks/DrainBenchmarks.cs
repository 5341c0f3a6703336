using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Http;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Upload;

namespace ChargerAgent.Benchmarks;

/// <summary>
/// Draining a 90-day backlog (4,320 half-hour records) to the local endpoint over HTTPS with
/// keep-alive, one request at a time: through <see cref="HttpClientTransport"/> (start, wait for the
/// answer, take it, as the uploader does on its next step) against a bare HttpClient loop posting the same
/// bodies. Goal: the transport reaches at least 80 % of the bare loop's rate.
/// </summary>
[MemoryDiagnoser]
public class DrainBenchmarks
{
    /// <summary>Records in a 90-day backlog of half-hour records.</summary>
    public const int Backlog = 4320;

    private FlatpeakEndpoint endpoint;
    private EndpointServer server;
    private string caFile;
    private string bearer;
    private byte[][] bodies;
    private HttpClientTransport transport;
    private HttpClient bare;
    private HttpRequest request;
    private HttpResponse response;

    [GlobalSetup]
    public void Setup()
    {
        endpoint = new FlatpeakEndpoint();
        server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
        caFile = Path.Combine(Path.GetTempPath(), "chargeragent-drain-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(caFile, server.AuthorityPem);
        transport = new HttpClientTransport(caFile);
        bare = CreateBareClient(HttpClientTransport.LoadAuthorities(caFile));
        bearer = "Bearer " + Login();
        bodies = new byte[Backlog][];
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < Backlog; i++)
        {
            DateTime at = start.AddMinutes(30 * i);
            bodies[i] = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{{\"location_id\":\"loc_bench\",\"session_reference_id\":\"dev1-00c0ffee-s{i / 8}\",\"record_reference_id\":\"dev1-00c0ffee-{i}\",\"units\":\"WH\",\"value\":{1000 + (i % 7000)},\"start_time\":\"{at:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"end_time\":\"{at.AddMinutes(30):yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}"));
        }

        request = new HttpRequest { Method = "POST", Url = server.BaseUrl + "/costs/instant", Authorization = bearer, ContentType = "application/json", DeadlineMilliseconds = 30000 };
        response = new HttpResponse { Body = new byte[4096] };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        transport.Dispose();
        bare.Dispose();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        File.Delete(caFile);
    }

    [IterationSetup]
    public void ForgetStoredRecords() => endpoint.Ledger.Clear();

    /// <summary>The reference: a plain synchronous HttpClient loop posting the same bodies.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Backlog)]
    public int BareHttpClientLoop()
    {
        int ok = 0;
        var buffer = new byte[4096];
        foreach (byte[] body in bodies)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Url);
            message.Headers.TryAddWithoutValidation("Authorization", bearer);
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage answer = bare.Send(message, HttpCompletionOption.ResponseHeadersRead);
            using Stream stream = answer.Content.ReadAsStream();
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }

            ok += answer.IsSuccessStatusCode ? 1 : 0;
        }

        return Check(ok);
    }

    /// <summary>The same bodies through the transport port: start, then poll until the result is there.</summary>
    [Benchmark(OperationsPerInvoke = Backlog)]
    public int HttpClientTransportDrain()
    {
        int ok = 0;
        foreach (byte[] body in bodies)
        {
            request.Body = body;
            request.BodyLength = body.Length;
            transport.Start(request);
            while (!transport.TryTakeResult(response))
            {
                // Wake as soon as the answer is there (the desktop loop can do the same), rather than
                // spinning against the request's own worker for the CPU.
                transport.WaitForResult(request.DeadlineMilliseconds);
            }

            ok += response.Outcome == HttpOutcome.Completed && response.StatusCode == 200 ? 1 : 0;
        }

        return Check(ok);
    }

    private static int Check(int ok) =>
        ok == Backlog ? ok : throw new InvalidOperationException($"only {ok} of {Backlog} records were accepted");

    private string Login()
    {
        var login = new HttpRequest
        {
            Method = "GET",
            Url = server.BaseUrl + "/login",
            Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(EndpointAccount.LocalTest.AccountId + ":" + EndpointAccount.LocalTest.ApiKey)),
        };
        var answer = new HttpResponse { Body = new byte[4096] };
        transport.Start(login);
        while (!transport.TryTakeResult(answer))
        {
            Thread.Sleep(1);
        }

        using JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(answer.Body, 0, answer.BodyLength));
        return doc.RootElement.GetProperty("bearer_token").GetString();
    }

    private static HttpClient CreateBareClient(X509Certificate2Collection authorities)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
            {
                return errors == SslPolicyErrors.None;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return custom.Build(leaf);
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
