using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Upload;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>
    /// The endpoint over real HTTPS: Kestrel on 127.0.0.1 with a generated certificate, called through
    /// <see cref="HttpClientTransport"/> that trusts the generated authority through a CA file.
    /// </summary>
    [TestClass]
    public sealed class HttpsEndpointTests
    {
        private static readonly DateTime Day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        private static FlatpeakEndpoint endpoint;
        private static EndpointServer server;
        private static string caFile;

        [ClassInitialize]
        public static void StartServer(TestContext context)
        {
            endpoint = new FlatpeakEndpoint(new EndpointOptions { Faults = new EndpointFaultPlan { DelayMilliseconds = 3000 } });
            server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
            caFile = Path.Combine(Path.GetTempPath(), "chargeragent-endpoint-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            File.WriteAllText(caFile, server.AuthorityPem);
        }

        [ClassCleanup]
        public static void StopServer()
        {
            server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (caFile != null)
            {
                File.Delete(caFile);
            }
        }

        private static string Login(IHttpTransport transport)
        {
            HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.AreEqual(HttpOutcome.Completed, r.Outcome, r.Error);
            Assert.AreEqual(200, r.StatusCode);
            using var doc = EndpointTestKit.Json(r);
            return "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
        }

        private static HttpResponse Post(IHttpTransport transport, string bearer, string reference, int deadlineMs = 5000)
        {
            return EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "POST", "/costs/instant", bearer, EndpointTestKit.Body(reference, "S-https", 100, Day), deadlineMs));
        }

        private static string UniqueReference() => "H" + Guid.NewGuid().ToString("N");

        [TestMethod]
        public void A_record_is_stored_over_https_with_the_generated_certificate_trusted_by_ca_file()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            string reference = UniqueReference();
            HttpResponse r = Post(transport, bearer, reference);
            Assert.AreEqual(HttpOutcome.Completed, r.Outcome, r.Error);
            Assert.AreEqual(200, r.StatusCode);
            StringAssert.StartsWith(r.ContentType, "application/json");
            using (var doc = EndpointTestKit.Json(r))
            {
                Assert.AreEqual(100, doc.RootElement.GetProperty("data").GetProperty("energy").GetProperty("value").GetInt32());
            }

            Assert.IsTrue(endpoint.Ledger.TryGet(reference, out StoredRecord stored));
            Assert.AreEqual(100L, stored.EnergyWh);

            HttpResponse invalid = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "POST", "/costs/instant", bearer, "{\"location_id\":1}"));
            Assert.AreEqual(400, invalid.StatusCode);
            Assert.AreEqual("parameter_invalid_type", EndpointTestKit.Code(invalid));
        }

        [TestMethod]
        public void The_edition_header_travels_over_https_and_another_edition_is_refused()
        {
            using var transport = new HttpClientTransport(caFile);
            HttpRequest pinned = EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest));
            pinned.ApiVersion = FlatpeakClient.ApiVersion;
            Assert.AreEqual(200, EndpointTestKit.Exchange(transport, pinned).StatusCode);
            HttpRequest other = EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest));
            other.ApiVersion = "2024-08-24.zero";
            HttpResponse refused = EndpointTestKit.Exchange(transport, other);
            Assert.AreEqual(400, refused.StatusCode, "the header reached the server");
            using var doc = EndpointTestKit.Json(refused);
            Assert.AreEqual("version_invalid", doc.RootElement.GetProperty("code").GetString());
        }

        [TestMethod]
        public void Without_the_ca_file_the_certificate_is_rejected_as_a_tls_error()
        {
            using var transport = new HttpClientTransport((string)null);
            HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.AreEqual(HttpOutcome.TlsError, r.Outcome);
            Assert.IsNotNull(r.Error);
        }

        [TestMethod]
        public void Another_authority_in_the_ca_file_does_not_make_the_certificate_trusted()
        {
            using var other = LocalCertificates.Create();
            string otherFile = Path.Combine(Path.GetTempPath(), "chargeragent-other-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            File.WriteAllText(otherFile, other.AuthorityPem);
            try
            {
                using var transport = new HttpClientTransport(otherFile);
                HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
                Assert.AreEqual(HttpOutcome.TlsError, r.Outcome);
            }
            finally
            {
                File.Delete(otherFile);
            }
        }

        [TestMethod]
        public void The_host_name_must_match_even_when_the_authority_is_trusted()
        {
            // The server certificate names localhost and 127.0.0.1 only; 127.0.0.2 also reaches the
            // loopback listener on Linux but not on every OS, so only check where it connects.
            using var transport = new HttpClientTransport(caFile);
            string url = server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
            HttpResponse ok = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(url, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            if (ok.Outcome == HttpOutcome.NetworkError)
            {
                Assert.Inconclusive("localhost does not resolve to 127.0.0.1 here");
            }

            Assert.AreEqual(HttpOutcome.Completed, ok.Outcome, ok.Error);
        }

        [TestMethod]
        public void A_ca_file_with_a_certificate_that_is_not_an_authority_is_refused()
        {
            string leafFile = Path.Combine(Path.GetTempPath(), "chargeragent-leaf-" + Guid.NewGuid().ToString("N") + ".pem");
            File.WriteAllText(leafFile, server.Certificates.Server.ExportCertificatePem());
            try
            {
                Assert.ThrowsExactly<InvalidDataException>(() => new HttpClientTransport(leafFile));
            }
            finally
            {
                File.Delete(leafFile);
            }
        }

        [TestMethod]
        public void Keep_alive_reuses_one_connection_and_matches_plain_http_client()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual(200, Post(transport, bearer, UniqueReference()).StatusCode);
            }
        }

        [TestMethod]
        [DataRow(EndpointFault.ServerError, 500, "api_error")]
        [DataRow(EndpointFault.RateLimited, 429, "rate_limit")]
        [DataRow(EndpointFault.NoPriceData, 422, "no_price_data")]
        [DataRow(EndpointFault.TokenExpired, 0, "token_expired")]
        public void Status_code_faults_arrive_over_https_in_the_error_shape_and_store_nothing(EndpointFault fault, int status, string code)
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            string reference = UniqueReference();
            lock (endpoint)
            {
                endpoint.Faults.Inject(fault);
                HttpResponse r = Post(transport, bearer, reference);
                Assert.AreEqual(HttpOutcome.Completed, r.Outcome, r.Error);
                if (status != 0)
                {
                    Assert.AreEqual(status, r.StatusCode);
                }
                else
                {
                    Assert.IsTrue(r.StatusCode == 401 || r.StatusCode == 403, r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                Assert.AreEqual(code, EndpointTestKit.Code(r));
            }

            Assert.IsFalse(endpoint.Ledger.TryGet(reference, out _));
        }

        [TestMethod]
        public void A_refused_request_on_a_fresh_connection_is_a_network_error_and_stores_nothing()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer;
            using (var loginTransport = new HttpClientTransport(caFile))
            {
                bearer = Login(loginTransport);
            }

            string reference = UniqueReference();
            lock (endpoint)
            {
                endpoint.Faults.Inject(EndpointFault.Refused);
                HttpResponse r = Post(transport, bearer, reference);
                Assert.AreEqual(HttpOutcome.NetworkError, r.Outcome, r.Error);
                Assert.AreEqual(0, endpoint.Faults.PendingInjected);
            }

            Assert.IsFalse(endpoint.Ledger.TryGet(reference, out _));
            Assert.AreEqual(200, Post(transport, bearer, reference).StatusCode, "the next request goes through");
        }

        [TestMethod]
        public void A_refused_request_on_a_kept_alive_connection_is_a_network_error_too()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            string reference = UniqueReference();
            lock (endpoint)
            {
                endpoint.Faults.Inject(EndpointFault.Refused);
                HttpResponse r = Post(transport, bearer, reference);
                Assert.AreEqual(HttpOutcome.NetworkError, r.Outcome, r.Error);
            }

            Assert.IsFalse(endpoint.Ledger.TryGet(reference, out _));
            Assert.AreEqual(200, Post(transport, bearer, reference).StatusCode, "the next request goes through");
            Assert.IsTrue(endpoint.Ledger.TryGet(reference, out StoredRecord stored));
            Assert.AreEqual(1, stored.Submissions);
        }

        [TestMethod]
        public void A_lost_response_is_a_network_error_after_the_record_was_stored()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            string reference = UniqueReference();
            lock (endpoint)
            {
                endpoint.Faults.Inject(EndpointFault.ResponseLost);
                HttpResponse r = Post(transport, bearer, reference);
                Assert.AreEqual(HttpOutcome.NetworkError, r.Outcome, r.Error);
            }

            Assert.IsTrue(endpoint.Ledger.TryGet(reference, out StoredRecord stored));
            Assert.AreEqual(1, stored.Submissions, "the client did not resend it by itself");
            Assert.AreEqual(200, Post(transport, bearer, reference).StatusCode);
            Assert.AreEqual(2, stored.Submissions, "the retry is a duplicate the contract allows");
        }

        [TestMethod]
        public void A_response_delayed_past_the_deadline_times_out_on_time_and_the_transport_stays_busy_until_its_worker_ends()
        {
            using var transport = new HttpClientTransport(caFile);
            string bearer = Login(transport);
            string reference = UniqueReference();
            var response = new HttpResponse { Body = new byte[4096] };
            lock (endpoint)
            {
                endpoint.Faults.Inject(EndpointFault.Delayed);
                var watch = Stopwatch.StartNew();
                transport.Start(EndpointTestKit.Request(server.BaseUrl, "POST", "/costs/instant", bearer, EndpointTestKit.Body(reference, "S-https", 100, Day), 300));
                while (!transport.TryTakeResult(response))
                {
                    Assert.IsTrue(watch.ElapsedMilliseconds < 5000);
                    Thread.Sleep(1);
                }

                Assert.AreEqual(HttpOutcome.Timeout, response.Outcome);
                Assert.IsTrue(watch.ElapsedMilliseconds >= 290 && watch.ElapsedMilliseconds < 2500, watch.ElapsedMilliseconds + " ms");
                Assert.IsTrue(transport.WaitIdle(5000));
                Assert.IsFalse(transport.IsBusy);
            }

            Assert.IsTrue(endpoint.Ledger.TryGet(reference, out _), "the server stored it although the client gave up");
        }

        [TestMethod]
        public void Wait_for_result_wakes_when_the_answer_arrives()
        {
            using var transport = new HttpClientTransport(caFile);
            var response = new HttpResponse { Body = new byte[4096] };
            Assert.IsFalse(transport.WaitForResult(0), "nothing started");
            transport.Start(EndpointTestKit.Request(server.BaseUrl, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.IsTrue(transport.WaitForResult(5000));
            Assert.IsTrue(transport.TryTakeResult(response));
            Assert.AreEqual(200, response.StatusCode);
            Assert.IsFalse(transport.IsBusy);
            Assert.IsFalse(transport.TryTakeResult(response), "a result is taken once");
        }

        [TestMethod]
        public void Connection_refused_by_a_closed_port_is_a_network_error()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var transport = new HttpClientTransport(caFile);
            HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request("https://127.0.0.1:" + port, "GET", "/login", null));
            Assert.AreEqual(HttpOutcome.NetworkError, r.Outcome);
        }

        [TestMethod]
        public void Neither_the_key_nor_the_token_appears_in_a_transport_error()
        {
            using var transport = new HttpClientTransport((string)null);
            string auth = EndpointTestKit.Basic(EndpointAccount.LocalTest);
            HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(server.BaseUrl, "GET", "/login", auth));
            Assert.IsFalse(r.Error.Contains("sk_test_local", StringComparison.Ordinal));
            Assert.IsFalse(r.Error.Contains(auth.Substring(6), StringComparison.Ordinal));
        }

        [TestMethod]
        public void A_bare_http_client_trusting_the_authority_gets_the_same_answer()
        {
            using var handler = new SocketsHttpHandler();
            var authorities = HttpClientTransport.LoadAuthorities(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
            {
                using var custom = new System.Security.Cryptography.X509Certificates.X509Chain();
                custom.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
                custom.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return errors == System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors
                    && custom.Build((System.Security.Cryptography.X509Certificates.X509Certificate2)cert);
            };
            using var client = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/login");
            request.Headers.TryAddWithoutValidation("Authorization", EndpointTestKit.Basic(EndpointAccount.LocalTest));
            using HttpResponseMessage answer = client.Send(request);
            Assert.AreEqual(200, (int)answer.StatusCode);
            StringAssert.Contains(answer.Content.ReadAsStringAsync().GetAwaiter().GetResult(), "bearer_token");
        }
    }
}
