using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ChargerAgent.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>GET /login and bearer tokens, with the endpoint's clock under the test's control.</summary>
    [TestClass]
    public sealed class LoginTests
    {
        private static FlatpeakEndpoint NewEndpoint(Func<DateTimeOffset> clock, params EndpointAccount[] accounts)
        {
            return new FlatpeakEndpoint(new EndpointOptions
            {
                UtcNow = clock,
                TokenLifetimeSeconds = 3600,
                Accounts = accounts.Length == 0 ? new List<EndpointAccount> { EndpointAccount.LocalTest } : new List<EndpointAccount>(accounts),
            });
        }

        [TestMethod]
        public void Login_with_basic_credentials_returns_a_token_its_lifetime_and_the_mode()
        {
            DateTimeOffset now = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
            var live = new EndpointAccount("acc_live", "sk_live_abc");
            var endpoint = NewEndpoint(() => now, EndpointAccount.LocalTest, live);

            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/login", Authorization = EndpointTestKit.Basic(EndpointAccount.LocalTest) });
            Assert.AreEqual(200, r.StatusCode);
            using (JsonDocument doc = EndpointTestKit.Json(r))
            {
                Assert.IsTrue(doc.RootElement.GetProperty("bearer_token").GetString().Length >= 32);
                Assert.AreEqual(3600, doc.RootElement.GetProperty("expires_in").GetInt32());
                Assert.IsFalse(doc.RootElement.GetProperty("live_mode").GetBoolean());
            }

            r = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/login", Authorization = EndpointTestKit.Basic(live) });
            using (JsonDocument doc = EndpointTestKit.Json(r))
            {
                Assert.IsTrue(doc.RootElement.GetProperty("live_mode").GetBoolean());
            }

            Assert.AreEqual(2, endpoint.LoginCount);
        }

        [TestMethod]
        [DataRow(null)]
        [DataRow("Bearer abc")]
        [DataRow("Basic !!notbase64")]
        [DataRow("Basic YWNjX2xvY2FsX3Rlc3Q6d3Jvbmc=")] // acc_local_test:wrong
        [DataRow("Basic YWNjX290aGVyOnNrX3Rlc3RfbG9jYWw=")] // acc_other:sk_test_local
        [DataRow("Basic c2tfdGVzdF9sb2NhbA==")] // no colon
        public void Login_with_bad_credentials_is_refused_with_401_and_does_not_echo_them(string authorization)
        {
            var endpoint = NewEndpoint(() => DateTimeOffset.UtcNow);
            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/login", Authorization = authorization });
            Assert.AreEqual(401, r.StatusCode);
            string text = Encoding.UTF8.GetString(r.Body);
            StringAssert.Contains(text, "\"authentication_error\"");
            Assert.IsFalse(text.Contains("sk_test_local", StringComparison.Ordinal));
            Assert.IsFalse(authorization != null && text.Contains(authorization, StringComparison.Ordinal));
        }

        [TestMethod]
        public void A_token_works_until_it_expires_then_answers_403_token_expired()
        {
            DateTimeOffset now = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
            var endpoint = NewEndpoint(() => now);
            string bearer = EndpointTestKit.Login(endpoint);

            now = now.AddSeconds(3599);
            Assert.AreEqual(200, EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.ValidBody).StatusCode);

            now = now.AddSeconds(1);
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.ValidBody);
            Assert.AreEqual(403, r.StatusCode);
            using (JsonDocument doc = EndpointTestKit.Json(r))
            {
                Assert.AreEqual("token_expired", doc.RootElement.GetProperty("code").GetString());
            }

            string renewed = EndpointTestKit.Login(endpoint);
            Assert.AreNotEqual(bearer, renewed);
            Assert.AreEqual(200, EndpointTestKit.PostInstant(endpoint, renewed, EndpointTestKit.ValidBody).StatusCode);
        }

        [TestMethod]
        public void Cost_requests_without_a_token_get_401_and_with_an_unknown_token_403()
        {
            var endpoint = NewEndpoint(() => DateTimeOffset.UtcNow);
            Assert.AreEqual(401, EndpointTestKit.PostInstant(endpoint, null, EndpointTestKit.ValidBody).StatusCode);
            Assert.AreEqual(401, EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Basic(EndpointAccount.LocalTest), EndpointTestKit.ValidBody).StatusCode);
            Assert.AreEqual(403, EndpointTestKit.PostInstant(endpoint, "Bearer tok_forged", EndpointTestKit.ValidBody).StatusCode);
            Assert.AreEqual(0, endpoint.Ledger.Submissions);
        }

        [TestMethod]
        public void Expiring_all_tokens_forces_a_new_login()
        {
            var endpoint = NewEndpoint(() => DateTimeOffset.UtcNow);
            string bearer = EndpointTestKit.Login(endpoint);
            endpoint.ExpireAllTokens();
            Assert.AreEqual(403, EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.ValidBody).StatusCode);
        }
    }
}
