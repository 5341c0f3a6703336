using System.Text;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Http
{
    [TestClass]
    public class KeepAliveHttpClientTests
    {
        private const string Url = "https://api.flatpeak.com/costs/instant";
        private const string Ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

        private static FakeClock clock;
        private static FakeHttpConnection connection;
        private static KeepAliveHttpClient client;

        private static void Fresh(long idleMs, int maxRequests)
        {
            clock = new FakeClock();
            clock.Now = 1000;
            connection = new FakeHttpConnection(clock);
            client = new KeepAliveHttpClient(connection, clock, new ConnectionPolicy(idleMs, maxRequests));
        }

        private static HttpRequest Post(string body)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            return new HttpRequest { Url = Url, Authorization = "Bearer tok", ContentType = "application/json", Body = bytes, BodyLength = bytes.Length, DeadlineMilliseconds = 30000 };
        }

        private static HttpResponse Send(HttpRequest request)
        {
            HttpResponse response = new HttpResponse { Body = new byte[64] };
            client.Send(request, response, clock.Now + request.DeadlineMilliseconds);
            return response;
        }

        [TestMethod]
        public void A_drained_backlog_pays_one_handshake_for_all_its_records()
        {
            Fresh(15000, 500);
            for (int i = 0; i < 100; i++)
            {
                connection.Answer(Ok);
                HttpResponse r = Send(Post("{\"n\":" + i.ToString() + "}"));
                Assert.AreEqual((byte)HttpOutcome.Completed, (byte)r.Outcome, r.Error);
                Assert.AreEqual(200, r.StatusCode);
                clock.Advance(300);
            }

            Assert.AreEqual(1, client.ConnectionsOpened);
            Assert.AreEqual(1, connection.Opens);
            Assert.AreEqual(99, client.RequestsOnHeldConnection);
            Assert.AreEqual(100, connection.Requests());
        }

        [TestMethod]
        public void The_API_edition_goes_out_as_its_own_header()
        {
            Fresh(15000, 500);
            connection.Answer(Ok);
            HttpRequest request = Post("{}");
            request.ApiVersion = FlatpeakClient.ApiVersion;
            Send(request);
            Assert.Contains("\r\nFlatpeak-Version: " + FlatpeakClient.ApiVersion + "\r\n", connection.Written);
        }

        [TestMethod]
        public void The_request_is_HTTP_1_1_with_host_length_and_keep_alive_in_one_write()
        {
            Fresh(15000, 500);
            connection.Answer(Ok);
            Send(Post("{\"a\":1}"));
            Assert.AreEqual(
                "POST /costs/instant HTTP/1.1\r\nHost: api.flatpeak.com\r\nAccept: application/json\r\nAuthorization: Bearer tok\r\n"
                + "Content-Type: application/json\r\nContent-Length: 7\r\nConnection: keep-alive\r\n\r\n{\"a\":1}",
                connection.Written);
            Assert.AreEqual(1, connection.Writes);
        }

        [TestMethod]
        public void A_server_that_says_close_gets_a_new_connection_for_the_next_request()
        {
            Fresh(15000, 500);
            connection.Answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
            Send(Post("{}"));
            Assert.IsFalse(connection.IsOpen, "closed after an answer that said close");
            connection.Answer(Ok);
            Assert.AreEqual((byte)HttpOutcome.Completed, (byte)Send(Post("{}")).Outcome);
            Assert.AreEqual(2, connection.Opens);
        }

        [TestMethod]
        public void A_connection_idle_past_the_bound_is_closed_and_not_reused()
        {
            Fresh(15000, 500);
            connection.Answer(Ok);
            Send(Post("{}"));
            client.CloseIfIdle(clock.Now + 14999);
            Assert.IsTrue(connection.IsOpen);
            client.CloseIfIdle(clock.Now + 15000);
            Assert.IsFalse(connection.IsOpen, "a held TLS session costs heap: closed after the idle bound");

            connection.Answer(Ok);
            Send(Post("{}"));
            clock.Advance(15000);
            connection.Answer(Ok);
            Send(Post("{}"));
            Assert.AreEqual(3, connection.Opens, "a connection idle for the bound is not used again");
        }

        [TestMethod]
        public void The_servers_keep_alive_timeout_shortens_the_idle_bound()
        {
            Fresh(15000, 500);
            connection.Answer("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\n{}");
            Send(Post("{}"));
            Assert.AreEqual(clock.Now + 4000, client.IdleCloseAtMs);
        }

        [TestMethod]
        public void The_last_request_a_connection_may_carry_asks_to_close_it()
        {
            Fresh(15000, 2);
            connection.Answer(Ok).Answer(Ok).Answer(Ok);
            Send(Post("{}"));
            Send(Post("{}"));
            string written = connection.Written;
            Assert.AreEqual(written.IndexOf("Connection: keep-alive"), written.LastIndexOf("Connection: keep-alive"));
            Assert.IsTrue(written.EndsWith("Connection: close\r\n\r\n{}"));
            Assert.IsFalse(connection.IsOpen);
            Send(Post("{}"));
            Assert.AreEqual(2, connection.Opens);
        }

        [TestMethod]
        public void A_held_connection_the_server_closed_is_not_written_to()
        {
            Fresh(15000, 500);
            connection.Answer(Ok);
            Send(Post("{}"));
            connection.Usable = false;
            connection.Answer(Ok);
            Send(Post("{}"));
            connection.Usable = true;
            Assert.AreEqual(2, connection.Opens);
            Assert.AreEqual(2, connection.Requests());
        }

        [TestMethod]
        public void A_request_on_a_held_connection_that_ends_before_any_answer_is_sent_once_more_on_a_new_one()
        {
            Fresh(15000, 500);
            connection.Answer(Ok);
            Send(Post("{}"));
            connection.End().Answer(Ok);
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.Completed, (byte)r.Outcome, r.Error);
            Assert.AreEqual(2, connection.Opens);
            Assert.AreEqual(3, connection.Requests());
        }

        [TestMethod]
        public void A_new_connection_that_ends_before_any_answer_is_not_retried()
        {
            Fresh(15000, 500);
            connection.End();
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.NetworkError, (byte)r.Outcome);
            Assert.AreEqual("unreadable answer: the connection closed before any answer", r.Error);
            Assert.AreEqual(1, connection.Requests());
            Assert.IsFalse(connection.IsOpen);
        }

        [TestMethod]
        public void Any_failure_closes_the_connection_and_the_next_request_opens_a_new_one()
        {
            Fresh(15000, 500);
            connection.Answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").Fail(new HttpTransportException(HttpOutcome.NetworkError, "connection reset"));
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.NetworkError, (byte)r.Outcome);
            Assert.AreEqual("connection reset", r.Error);
            Assert.AreEqual(0, r.BodyLength);
            Assert.IsFalse(connection.IsOpen);
            connection.Answer(Ok);
            Assert.AreEqual((byte)HttpOutcome.Completed, (byte)Send(Post("{}")).Outcome);
            Assert.AreEqual(2, connection.Opens);
        }

        [TestMethod]
        public void A_malformed_answer_is_a_network_error_naming_the_fault_and_closes_the_connection()
        {
            Fresh(15000, 500);
            connection.Answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n");
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.NetworkError, (byte)r.Outcome);
            Assert.AreEqual("unreadable answer: the response has both Content-Length and Transfer-Encoding", r.Error);
            Assert.AreEqual(0, r.StatusCode, "an answer not read whole is not reported as a status");
            Assert.IsFalse(connection.IsOpen);
        }

        [TestMethod]
        public void A_stalled_server_ends_in_a_timeout_within_the_deadline_and_is_not_retried()
        {
            Fresh(15000, 500);
            connection.OpenTakesMs = 2000;
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.Timeout, (byte)r.Outcome);
            Assert.AreEqual(30000, connection.LastOpenTimeoutMs);
            Assert.AreEqual(28000, connection.LastReadTimeoutMs, "every wait gets what is left of the deadline");
            Assert.AreEqual(31000L, clock.Now);
            Assert.AreEqual(1, connection.Requests());
            Assert.IsFalse(connection.IsOpen);
        }

        [TestMethod]
        public void Failures_to_connect_keep_their_class()
        {
            Fresh(15000, 500);
            connection.OpenFailure = new HttpTransportException(HttpOutcome.TlsError, "TLS handshake failed");
            HttpResponse r = Send(Post("{}"));
            Assert.AreEqual((byte)HttpOutcome.TlsError, (byte)r.Outcome);
            Assert.AreEqual("TLS handshake failed", r.Error);
            Assert.AreEqual(0, connection.Requests());

            connection.OpenFailure = new HttpTransportException(HttpOutcome.NotSent, "host name not resolved");
            Assert.AreEqual((byte)HttpOutcome.NotSent, (byte)Send(Post("{}")).Outcome);
        }

        [TestMethod]
        public void The_whole_body_reaches_the_sink_while_the_buffer_keeps_its_first_bytes()
        {
            Fresh(15000, 500);
            string big = new string('x', 100) + new string('y', 100);
            connection.Answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + new string('x', 100) + "\r\n64\r\n" + new string('y', 100) + "\r\n0\r\n\r\n");
            HttpRequest request = Post("{}");
            FakeResponseBodySink sink = new FakeResponseBodySink();
            request.BodySink = sink;
            HttpResponse r = Send(request);
            Assert.AreEqual((byte)HttpOutcome.Completed, (byte)r.Outcome, r.Error);
            Assert.AreEqual(big, sink.Text());
            Assert.AreEqual(1, sink.Resets);
            Assert.AreEqual(64, r.BodyLength);
            Assert.IsTrue(r.BodyTruncated);
            Assert.AreEqual(new string('x', 64), Encoding.UTF8.GetString(r.Body, 0, r.BodyLength));
        }

        [TestMethod]
        public void A_detached_sink_gets_nothing_more()
        {
            Fresh(15000, 500);
            connection.Answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab");
            HttpRequest request = Post("{}");
            FakeResponseBodySink sink = new FakeResponseBodySink();
            request.BodySink = sink;
            HttpResponse response = new HttpResponse { Body = new byte[64] };
            client.DetachSink();
            client.Send(request, response, clock.Now + 30000);
            Assert.AreEqual(1, sink.Resets, "Send attaches the request's sink afresh");
            ResponseBody body = new ResponseBody();
            body.Attach(new byte[8], sink);
            body.Detach();
            body.Write(new byte[] { 1, 2 }, 0, 2);
            Assert.AreEqual(2, sink.Length, "a detached body forwards nothing");
            Assert.AreEqual(2, body.Length);
        }

        [TestMethod]
        public void A_bad_URL_or_header_is_refused_before_any_connection()
        {
            Fresh(15000, 500);
            HttpRequest request = Post("{}");
            request.Url = "ftp://api.flatpeak.com/";
            HttpResponse r = Send(request);
            Assert.AreEqual((byte)HttpOutcome.NotSent, (byte)r.Outcome);
            Assert.AreEqual("request not sent: the URL must start with https:// or http://", r.Error);
            request.Url = Url;
            request.Authorization = "Bearer a\r\nX-Evil: 1";
            r = Send(request);
            Assert.AreEqual("request not sent: the Authorization value has a control character", r.Error);
            Assert.IsFalse(r.Error.IndexOf("Evil") >= 0, "a secret's value is never quoted");
            Assert.AreEqual(0, connection.Opens);
        }

        [TestMethod]
        public void A_policy_that_holds_no_connection_asks_the_server_to_close()
        {
            Fresh(0, 500);
            connection.Answer(Ok).Answer(Ok);
            Send(Post("{}"));
            Send(Post("{}"));
            Assert.AreEqual(2, connection.Opens);
            Assert.IsTrue(connection.Written.IndexOf("keep-alive") < 0);
        }
    }
}
