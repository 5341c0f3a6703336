using System.Text;
using ChargerAgent.Core.Http;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Http
{
    [TestClass]
    public class HttpResponseParserTests
    {
        private const string Json = "{\"id\":\"mre_1\",\"object\":\"meter_record\"}";

        // Feeds the whole text, then (when end is true) the end of the stream.
        internal static HttpResponseParser Parse(string text, FakeResponseBodySink sink, bool end)
        {
            HttpResponseParser p = new HttpResponseParser();
            p.Begin(sink, false);
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            p.Feed(bytes, 0, bytes.Length);
            if (end) p.EndOfStream();
            return p;
        }

        [TestMethod]
        public void A_Content_Length_answer_gives_status_type_and_body_and_allows_reuse()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + Json.Length.ToString() + "\r\n\r\n" + Json, sink, false);
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual(201, p.StatusCode);
            Assert.AreEqual("application/json; charset=utf-8", p.ContentType);
            Assert.AreEqual(Json, sink.Text());
            Assert.AreEqual(1, sink.Resets);
            Assert.IsTrue(p.Reusable);
        }

        [TestMethod]
        public void A_response_fed_one_byte_at_a_time_reads_the_same()
        {
            string text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n19;ext=1\r\n:\"mre_1\",\"object\":\"meter_\r\n8\r\nrecord\"}\r\n0\r\nX-Trailer: 1\r\n\r\n";
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = new HttpResponseParser();
            p.Begin(sink, false);
            for (int i = 0; i < bytes.Length; i++) Assert.AreEqual(1, p.Feed(bytes, i, 1), "byte " + i.ToString());
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual(Json, sink.Text());
            Assert.IsTrue(p.Reusable);
        }

        [TestMethod]
        public void A_chunked_answer_is_read_whole_and_the_next_bytes_are_left()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = new HttpResponseParser();
            p.Begin(sink, false);
            byte[] bytes = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n");
            int used = p.Feed(bytes, 0, bytes.Length);
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual("abc", sink.Text());
            Assert.AreEqual(bytes.Length - 17, used, "the bytes after the answer are not taken");
        }

        [TestMethod]
        public void A_body_without_a_length_ends_with_the_connection_which_is_not_reused()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 200 OK\r\n\r\n" + Json, sink, false);
            Assert.IsFalse(p.IsComplete);
            p.EndOfStream();
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual(Json, sink.Text());
            Assert.IsFalse(p.Reusable);
        }

        [TestMethod]
        public void Connection_close_and_HTTP_1_0_end_reuse_unless_1_0_asks_keep_alive()
        {
            Assert.IsFalse(Parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false).Reusable);
            Assert.IsFalse(Parse("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false).Reusable);
            Assert.IsFalse(Parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false).Reusable);
            Assert.IsTrue(Parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false).Reusable);
        }

        [TestMethod]
        public void The_servers_keep_alive_parameters_are_read()
        {
            HttpResponseParser p = Parse("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=99\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false);
            Assert.AreEqual(5, p.KeepAliveTimeoutSeconds);
            Assert.AreEqual(99, p.KeepAliveMax);
            p = Parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", new FakeResponseBodySink(), false);
            Assert.AreEqual(-1, p.KeepAliveTimeoutSeconds);
            Assert.AreEqual(-1, p.KeepAliveMax);
        }

        [TestMethod]
        public void No_content_and_not_modified_answers_have_no_body_whatever_their_headers_say()
        {
            HttpResponseParser p = Parse("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", new FakeResponseBodySink(), false);
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.IsTrue(p.Reusable);
            Assert.IsTrue(Parse("HTTP/1.1 304 Not Modified\r\n\r\n", new FakeResponseBodySink(), false).IsComplete);
        }

        [TestMethod]
        public void An_interim_100_Continue_is_skipped_and_the_sink_is_reset_once()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", sink, false);
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual(200, p.StatusCode);
            Assert.AreEqual("ok", sink.Text());
            Assert.AreEqual(1, sink.Resets);
        }

        [TestMethod]
        public void Bare_LF_line_ends_are_accepted()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nok", sink, false);
            Assert.IsTrue(p.IsComplete, p.Problem);
            Assert.AreEqual("ok", sink.Text());
        }

        [TestMethod]
        public void A_connection_closed_before_any_byte_says_so()
        {
            HttpResponseParser p = Parse("", new FakeResponseBodySink(), true);
            Assert.IsTrue(p.HasFailed);
            Assert.IsTrue(p.ClosedBeforeAnswer);
            Assert.AreEqual("the connection closed before any answer", p.Problem);
        }

        [TestMethod]
        public void A_body_cut_short_is_an_error_naming_the_missing_bytes()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd", sink, true);
            Assert.IsTrue(p.HasFailed);
            Assert.IsFalse(p.ClosedBeforeAnswer);
            Assert.AreEqual("the connection closed 6 bytes before the end of the body", p.Problem);
            Assert.AreEqual("abcd", sink.Text(), "what arrived was streamed; the outcome says it is incomplete");
        }

        [TestMethod]
        public void Answers_cut_inside_the_headers_or_the_chunks_are_errors()
        {
            Assert.AreEqual("the connection closed inside the response headers", Parse("HTTP/1.1 200 OK\r\nContent-Le", new FakeResponseBodySink(), true).Problem);
            Assert.AreEqual("the connection closed inside the chunked body", Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", new FakeResponseBodySink(), true).Problem);
            Assert.AreEqual("the connection closed inside the chunked body", Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n", new FakeResponseBodySink(), true).Problem);
        }

        [DataRow("garbage\r\n\r\n", "the response does not start with an HTTP/1.x status line")]
        [DataRow("HTTP/2 200 OK\r\n\r\n", "the response does not start with an HTTP/1.x status line")]
        [DataRow("HTTP/1.1 2000 OK\r\n\r\n", "the response does not start with an HTTP/1.x status line")]
        [DataRow("HTTP/1.1 099 Odd\r\n\r\n", "the response status 99 is not a valid HTTP status")]
        [DataRow("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "the response's Content-Length is not a number")]
        [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", "the response's Content-Length is not a number")]
        [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", "the response has two different Content-Length headers")]
        [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", "the response has both Content-Length and Transfer-Encoding")]
        [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "the response's Transfer-Encoding is not chunked alone")]
        [DataRow("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "the response has a header line without a name and ':'")]
        [DataRow("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "the response has a folded header line")]
        [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a chunk size of the response is not a hexadecimal number")]
        [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", "a chunk is not followed by CRLF")]
        [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n", "a chunk size of the response is too large")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\n\r\n", "the server switched protocols (101), which this client never asks for")]
        public void A_malformed_answer_is_one_clear_error(string text, string problem)
        {
            HttpResponseParser p = Parse(text, new FakeResponseBodySink(), false);
            Assert.IsTrue(p.HasFailed, "no error for: " + text);
            Assert.AreEqual(problem, p.Problem);
            Assert.IsFalse(p.Reusable);
        }

        [TestMethod]
        public void Oversized_lines_headers_and_bodies_are_refused_with_their_bound()
        {
            HttpResponseParser p = new HttpResponseParser(64, 128, 10);
            p.Begin(new FakeResponseBodySink(), false);
            byte[] line = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nX-Long: " + new string('a', 80) + "\r\n\r\n");
            p.Feed(line, 0, line.Length);
            Assert.AreEqual("a response line is longer than 64 bytes", p.Problem);

            p.Begin(new FakeResponseBodySink(), false);
            string many = "HTTP/1.1 200 OK\r\n";
            for (int i = 0; i < 10; i++) many += "X-H" + i.ToString() + ": 0123456789\r\n";
            byte[] headers = Encoding.UTF8.GetBytes(many + "\r\n");
            p.Feed(headers, 0, headers.Length);
            Assert.AreEqual("the response headers are longer than 128 bytes", p.Problem);

            p.Begin(new FakeResponseBodySink(), false);
            byte[] declared = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n");
            p.Feed(declared, 0, declared.Length);
            Assert.AreEqual("the response body is longer than 10 bytes", p.Problem);

            FakeResponseBodySink sink = new FakeResponseBodySink();
            p.Begin(sink, false);
            byte[] undeclared = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\n\r\n0123456789X");
            p.Feed(undeclared, 0, undeclared.Length);
            Assert.AreEqual("the response body is longer than 10 bytes", p.Problem);
            Assert.AreEqual(0, sink.Length, "a piece that would pass the bound is not delivered");

            p.Begin(new FakeResponseBodySink(), false);
            byte[] chunk = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n6\r\n");
            p.Feed(chunk, 0, chunk.Length);
            Assert.AreEqual("the response body is longer than 10 bytes", p.Problem);
        }

        [TestMethod]
        public void Begin_forgets_the_previous_answer()
        {
            FakeResponseBodySink sink = new FakeResponseBodySink();
            HttpResponseParser p = Parse("HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nContent-Length: 99\r\n\r\nab", sink, true);
            Assert.IsTrue(p.HasFailed);
            p.Begin(sink, false);
            Assert.IsFalse(p.HasFailed);
            Assert.IsNull(p.Problem);
            Assert.IsNull(p.ContentType);
            Assert.AreEqual(0, p.StatusCode);
            byte[] next = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            p.Feed(next, 0, next.Length);
            Assert.IsTrue(p.IsComplete, p.Problem);
        }

        [TestMethod]
        public void A_HEAD_answer_has_no_body()
        {
            HttpResponseParser p = new HttpResponseParser();
            p.Begin(new FakeResponseBodySink(), true);
            byte[] bytes = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n");
            p.Feed(bytes, 0, bytes.Length);
            Assert.IsTrue(p.IsComplete, p.Problem);
        }
    }
}
