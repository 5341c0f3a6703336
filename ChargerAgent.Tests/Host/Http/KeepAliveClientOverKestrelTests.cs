using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Time;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Tests.Host.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Http
{
    /// <summary>
    /// The device's HTTP/1.1 client (its framing and reuse, from the portable core) against a real
    /// HTTP server: the local Flatpeak endpoint on Kestrel over TLS, through a .NET socket and
    /// SslStream standing in for the board's. What the board's adapter adds (nanoFramework's socket
    /// API and its bounds) is not exercised here.
    /// </summary>
    [TestClass]
    public sealed class KeepAliveClientOverKestrelTests
    {
        private static readonly DateTime Day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        private static FlatpeakEndpoint endpoint;
        private static EndpointServer server;

        [ClassInitialize]
        public static void StartServer(TestContext context)
        {
            endpoint = new FlatpeakEndpoint(new EndpointOptions());
            server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
        }

        [ClassCleanup]
        public static void StopServer()
        {
            server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        private sealed class SystemClock : IClock
        {
            public long MonotonicMilliseconds => Environment.TickCount64;

            public bool TryGetUtc(out long unixSeconds)
            {
                unixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                return true;
            }
        }

        /// <summary>TCP and TLS on .NET, trusting only the endpoint's generated authority.</summary>
        private sealed class DotNetTlsConnection : IHttpConnection
        {
            private readonly X509Certificate2 authority;
            private TcpClient tcp;
            private SslStream tls;

            public DotNetTlsConnection(X509Certificate2 authority)
            {
                this.authority = authority;
            }

            public int Opens { get; private set; }

            public void Open(HttpTarget target, int timeoutMs)
            {
                Close();
                tcp = new TcpClient();
                try
                {
                    if (!tcp.ConnectAsync(target.Host, target.Port).Wait(timeoutMs)) throw new HttpTransportException(HttpOutcome.NotSent, "connect timed out");
                    tls = new SslStream(tcp.GetStream(), false, Validate);
                    tls.AuthenticateAsClient(target.Host);
                }
                catch (HttpTransportException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    throw new HttpTransportException(HttpOutcome.TlsError, "TLS handshake failed: " + e.GetType().Name);
                }

                Opens++;
            }

            public bool IsUsable()
            {
                if (tcp == null) return false;
                try
                {
                    return !tcp.Client.Poll(0, SelectMode.SelectRead);
                }
                catch (Exception)
                {
                    return false;
                }
            }

            public void Write(byte[] data, int offset, int count, int timeoutMs)
            {
                try
                {
                    tls.WriteTimeout = timeoutMs;
                    tls.Write(data, offset, count);
                }
                catch (Exception e)
                {
                    throw new HttpTransportException(HttpOutcome.NetworkError, "send failed: " + e.GetType().Name);
                }
            }

            public int Read(byte[] data, int offset, int count, int timeoutMs)
            {
                try
                {
                    tls.ReadTimeout = timeoutMs;
                    return tls.Read(data, offset, count);
                }
                catch (Exception e)
                {
                    throw new HttpTransportException(HttpOutcome.NetworkError, "receive failed: " + e.GetType().Name);
                }
            }

            public void Close()
            {
                tls?.Dispose();
                tcp?.Dispose();
                tls = null;
                tcp = null;
            }

            private bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
            {
                if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate == null) return false;
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.Add(authority);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return custom.Build(new X509Certificate2(certificate));
            }
        }

        private static HttpRequest Request(string method, string path, string authorization, string body)
        {
            byte[] bytes = body == null ? null : Encoding.UTF8.GetBytes(body);
            return new HttpRequest
            {
                Method = method,
                Url = server.BaseUrl + path,
                Authorization = authorization,
                ContentType = body == null ? null : "application/json",
                Body = bytes,
                BodyLength = bytes == null ? 0 : bytes.Length,
                DeadlineMilliseconds = 10000,
            };
        }

        private static HttpResponse Send(KeepAliveHttpClient client, HttpRequest request)
        {
            HttpResponse response = new HttpResponse { Body = new byte[4096] };
            client.Send(request, response, Environment.TickCount64 + request.DeadlineMilliseconds);
            return response;
        }

        private static string Login(KeepAliveHttpClient client)
        {
            HttpResponse r = Send(client, Request("GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest), null));
            Assert.AreEqual(HttpOutcome.Completed, r.Outcome, r.Error);
            Assert.AreEqual(200, r.StatusCode);
            using JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(r.Body, 0, r.BodyLength));
            return "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
        }

        [TestMethod]
        public void A_login_and_a_backlog_of_records_go_over_one_TLS_connection_and_are_all_stored()
        {
            var connection = new DotNetTlsConnection(server.Certificates.Authority);
            var client = new KeepAliveHttpClient(connection, new SystemClock(), new ConnectionPolicy());
            try
            {
                string bearer = Login(client);
                for (int i = 0; i < 25; i++)
                {
                    string reference = "K" + Guid.NewGuid().ToString("N");
                    HttpResponse r = Send(client, Request("POST", "/costs/instant", bearer, EndpointTestKit.Body(reference, "S-keepalive", 100 + i, Day.AddMinutes(30 * i))));
                    Assert.AreEqual(HttpOutcome.Completed, r.Outcome, r.Error);
                    Assert.AreEqual(200, r.StatusCode, Encoding.UTF8.GetString(r.Body, 0, r.BodyLength));
                    StringAssert.StartsWith(r.ContentType, "application/json");
                    Assert.IsTrue(endpoint.Ledger.TryGet(reference, out StoredRecord stored), reference);
                    Assert.AreEqual(100L + i, stored.EnergyWh);
                }

                Assert.AreEqual(1, connection.Opens, "one TLS handshake for the login and all 25 records");
                Assert.AreEqual(1, client.ConnectionsOpened);
                Assert.AreEqual(25, client.RequestsOnHeldConnection);
            }
            finally
            {
                client.Close();
            }
        }

        [TestMethod]
        public void A_connection_idle_past_the_bound_is_replaced_and_the_next_request_still_succeeds()
        {
            var connection = new DotNetTlsConnection(server.Certificates.Authority);
            var client = new KeepAliveHttpClient(connection, new SystemClock(), new ConnectionPolicy(100, 500));
            try
            {
                Login(client);
                System.Threading.Thread.Sleep(250);
                client.CloseIfIdle(Environment.TickCount64);
                Assert.IsFalse(client.IsConnected);
                Login(client);
                Assert.AreEqual(2, connection.Opens);
            }
            finally
            {
                client.Close();
            }
        }
    }
}
