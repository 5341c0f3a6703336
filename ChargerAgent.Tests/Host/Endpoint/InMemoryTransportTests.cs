using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>The in-memory transport into the endpoint, and every fault kind through it.</summary>
    [TestClass]
    public sealed class InMemoryTransportTests
    {
        private const string Base = "https://api.flatpeak.test";
        private static readonly DateTime Day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        private static string LoginThrough(IHttpTransport transport)
        {
            HttpResponse r = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.AreEqual(200, r.StatusCode);
            using var doc = EndpointTestKit.Json(r);
            return "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
        }

        private static HttpResponse Post(IHttpTransport transport, string bearer, string reference, int deadlineMs = 5000)
        {
            return EndpointTestKit.Exchange(transport, EndpointTestKit.Request(Base, "POST", "/costs/instant", bearer, EndpointTestKit.Body(reference, "S1", 100, Day), deadlineMs));
        }

        [TestMethod]
        public void A_record_goes_straight_into_the_ledger_without_sockets()
        {
            var endpoint = new FlatpeakEndpoint();
            var transport = new InMemoryTransport(endpoint);
            HttpResponse r = Post(transport, LoginThrough(transport), "R1");
            Assert.AreEqual(HttpOutcome.Completed, r.Outcome);
            Assert.AreEqual(200, r.StatusCode);
            Assert.AreEqual("application/json", r.ContentType);
            Assert.IsFalse(r.BodyTruncated);
            Assert.AreEqual(1, endpoint.Ledger.Count);
            Assert.IsFalse(transport.IsBusy);
        }

        [TestMethod]
        public void A_second_start_while_busy_is_refused_and_a_poll_with_nothing_started_is_false()
        {
            var transport = new InMemoryTransport(new FlatpeakEndpoint(), new InMemoryTransportOptions { PollsBeforeResult = 2 });
            var response = new HttpResponse();
            Assert.IsFalse(transport.TryTakeResult(response));
            transport.Start(EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.IsTrue(transport.IsBusy);
            Assert.ThrowsExactly<InvalidOperationException>(() => transport.Start(EndpointTestKit.Request(Base, "GET", "/login", null)));
            Assert.IsFalse(transport.TryTakeResult(response));
            Assert.IsFalse(transport.TryTakeResult(response));
            Assert.IsTrue(transport.TryTakeResult(response));
            Assert.AreEqual(200, response.StatusCode);
        }

        [TestMethod]
        public void With_a_simulated_clock_the_result_arrives_after_the_latency()
        {
            long now = 1000;
            var endpoint = new FlatpeakEndpoint();
            var transport = new InMemoryTransport(endpoint, new InMemoryTransportOptions { NowMilliseconds = () => now, LatencyMilliseconds = 250 });
            var response = new HttpResponse();
            transport.Start(EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.AreEqual(1, endpoint.LoginCount, "the server sees the request at once");
            now += 249;
            Assert.IsFalse(transport.TryTakeResult(response));
            now += 1;
            Assert.IsTrue(transport.TryTakeResult(response));
            Assert.AreEqual(200, response.StatusCode);
        }

        [TestMethod]
        public void A_delayed_response_times_out_at_the_deadline_in_simulated_time_after_the_record_was_stored()
        {
            long now = 0;
            var endpoint = new FlatpeakEndpoint();
            var transport = new InMemoryTransport(endpoint, new InMemoryTransportOptions { NowMilliseconds = () => now, LatencyMilliseconds = 100 });
            string bearer = LoginAt(transport, ref now);
            endpoint.Faults.Inject(EndpointFault.Delayed);
            var response = new HttpResponse();
            transport.Start(EndpointTestKit.Request(Base, "POST", "/costs/instant", bearer, EndpointTestKit.Body("R1", "S1", 100, Day), 30000));
            now += 29999;
            Assert.IsFalse(transport.TryTakeResult(response));
            now += 1;
            Assert.IsTrue(transport.TryTakeResult(response));
            Assert.AreEqual(HttpOutcome.Timeout, response.Outcome);
            Assert.AreEqual(1, endpoint.Ledger.Count);
        }

        private static string LoginAt(InMemoryTransport transport, ref long now)
        {
            var response = new HttpResponse();
            transport.Start(EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            now += 1000;
            Assert.IsTrue(transport.TryTakeResult(response));
            using var doc = EndpointTestKit.Json(response);
            return "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
        }

        [TestMethod]
        [DataRow(EndpointFault.Refused, HttpOutcome.NetworkError, 0, null, 0)]
        [DataRow(EndpointFault.Delayed, HttpOutcome.Timeout, 0, null, 1)]
        [DataRow(EndpointFault.ServerError, HttpOutcome.Completed, 500, "api_error", 0)]
        [DataRow(EndpointFault.RateLimited, HttpOutcome.Completed, 429, "rate_limit", 0)]
        [DataRow(EndpointFault.TokenExpired, HttpOutcome.Completed, 401, "token_expired", 0)]
        [DataRow(EndpointFault.ResponseLost, HttpOutcome.NetworkError, 0, null, 1)]
        [DataRow(EndpointFault.NoPriceData, HttpOutcome.Completed, 422, "no_price_data", 0)]
        public void Each_fault_kind_gives_its_outcome_and_stores_only_where_the_server_took_the_record(
            EndpointFault fault, HttpOutcome outcome, int status, string code, int stored)
        {
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { Faults = new EndpointFaultPlan { DelayMilliseconds = 60000 } });
            var transport = new InMemoryTransport(endpoint);
            string bearer = LoginThrough(transport);
            endpoint.Faults.Inject(fault);

            HttpResponse r = Post(transport, bearer, "R1", deadlineMs: 30000);
            Assert.AreEqual(outcome, r.Outcome);
            Assert.AreEqual(status, r.StatusCode);
            if (code != null)
            {
                Assert.AreEqual(code, EndpointTestKit.Code(r));
            }
            else
            {
                Assert.IsNotNull(r.Error);
            }

            Assert.AreEqual(stored, endpoint.Ledger.Count);
            Assert.AreEqual(1, endpoint.FaultCount(fault));

            // The retry: after an expired token a new login is needed; the record lands once either way.
            if (fault == EndpointFault.TokenExpired)
            {
                Assert.AreEqual(403, Post(transport, bearer, "R1").StatusCode);
                bearer = LoginThrough(transport);
            }

            Assert.AreEqual(200, Post(transport, bearer, "R1").StatusCode);
            Assert.AreEqual(1, endpoint.Ledger.Count);
            Assert.AreEqual(stored, endpoint.Ledger.Duplicates);
        }

        [TestMethod]
        public void Expired_token_faults_alternate_between_401_and_403()
        {
            var endpoint = new FlatpeakEndpoint();
            var transport = new InMemoryTransport(endpoint);
            endpoint.Faults.Inject(EndpointFault.TokenExpired);
            Assert.AreEqual(401, Post(transport, LoginThrough(transport), "R1").StatusCode);
            endpoint.Faults.Inject(EndpointFault.TokenExpired);
            Assert.AreEqual(403, Post(transport, LoginThrough(transport), "R1").StatusCode);
        }

        [TestMethod]
        public void A_response_larger_than_the_buffer_is_cut_and_marked_truncated()
        {
            var transport = new InMemoryTransport(new FlatpeakEndpoint());
            var response = new HttpResponse { Body = new byte[20] };
            transport.Start(EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
            Assert.IsTrue(transport.TryTakeResult(response));
            Assert.AreEqual(20, response.BodyLength);
            Assert.IsTrue(response.BodyTruncated);
        }

        [TestMethod]
        public void Random_faults_replay_exactly_from_the_same_seed()
        {
            const int seed = 1234;
            string first = RunHarsh(seed), second = RunHarsh(seed);
            Assert.AreEqual(first, second, "seed " + seed);
            Assert.AreNotEqual(first, RunHarsh(seed + 1));
            StringAssert.Contains(first, "R"); // some refusals are drawn in 200 requests at harsh
        }

        private static string RunHarsh(int seed)
        {
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { Faults = new EndpointFaultPlan(EndpointFaultProfile.Harsh, seed) });
            var transport = new InMemoryTransport(endpoint);
            string bearer = null;
            var trace = new System.Text.StringBuilder();
            for (int i = 0; i < 200; i++)
            {
                if (bearer == null)
                {
                    HttpResponse login = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(Base, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
                    if (login.StatusCode != 200)
                    {
                        trace.Append('L');
                        continue;
                    }

                    using var doc = EndpointTestKit.Json(login);
                    bearer = "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
                }

                HttpResponse r = Post(transport, bearer, "R" + i);
                trace.Append(r.Outcome == HttpOutcome.Completed ? r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)[0] : r.Outcome == HttpOutcome.NetworkError ? 'R' : 'T');
                if (r.StatusCode is 401 or 403)
                {
                    bearer = null;
                }
            }

            return trace.ToString();
        }
    }
}
