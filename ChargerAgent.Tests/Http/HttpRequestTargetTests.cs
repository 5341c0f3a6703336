using ChargerAgent.Core.Http;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Http
{
    [TestClass]
    public class HttpRequestTargetTests
    {
        [TestMethod]
        public void An_https_URL_gives_host_port_443_and_path()
        {
            HttpTarget t = new HttpTarget();
            Assert.IsNull(HttpTarget.TryParse("https://api.flatpeak.com/costs/instant?x=1", t));
            Assert.IsTrue(t.Secure);
            Assert.AreEqual("api.flatpeak.com", t.Host);
            Assert.AreEqual(443, t.Port);
            Assert.AreEqual("/costs/instant?x=1", t.PathAndQuery);
            Assert.AreEqual("api.flatpeak.com", t.Authority);
        }

        [TestMethod]
        public void A_URL_with_a_port_and_no_path_names_both_in_its_authority()
        {
            HttpTarget t = new HttpTarget();
            Assert.IsNull(HttpTarget.TryParse("http://127.0.0.1:5443", t));
            Assert.IsFalse(t.Secure);
            Assert.AreEqual(5443, t.Port);
            Assert.AreEqual("/", t.PathAndQuery);
            Assert.AreEqual("127.0.0.1:5443", t.Authority);
            Assert.IsNull(HttpTarget.TryParse("https://h?q=1#frag", t));
            Assert.AreEqual("/?q=1", t.PathAndQuery);
        }

        [DataRow("", "the request has no URL")]
        [DataRow("api.flatpeak.com/costs", "the URL must start with https:// or http://")]
        [DataRow("https:///costs", "the URL has no host")]
        [DataRow("https://user:pw@host/", "the URL must not carry credentials")]
        [DataRow("https://host:0/", "the URL's port is not a number from 1 to 65535")]
        [DataRow("https://host:99999/", "the URL's port is not a number from 1 to 65535")]
        [DataRow("https://host:8a/", "the URL's port is not a number from 1 to 65535")]
        [DataRow("https://ho st/", "the URL's host has a character other than letters, digits, '-' and '.'")]
        [DataRow("https://host/a b", "the URL's path has a space or a character that needs percent-encoding")]
        public void A_URL_that_cannot_be_used_is_refused_with_the_reason(string url, string problem)
        {
            Assert.AreEqual(problem, HttpTarget.TryParse(url, new HttpTarget()));
        }

        [TestMethod]
        public void A_GET_has_no_Content_Length_and_a_port_goes_into_Host()
        {
            HttpTarget t = new HttpTarget();
            HttpTarget.TryParse("https://127.0.0.1:5443/login", t);
            byte[] buffer = new byte[256];
            int length;
            Assert.IsNull(HttpRequestWriter.TryWrite(new HttpRequest { Method = "GET", Authorization = "Basic eA==" }, t, false, buffer, out length));
            Assert.AreEqual("GET /login HTTP/1.1\r\nHost: 127.0.0.1:5443\r\nAccept: application/json\r\nAuthorization: Basic eA==\r\nConnection: close\r\n\r\n",
                System.Text.Encoding.UTF8.GetString(buffer, 0, length));
        }

        [TestMethod]
        public void A_head_longer_than_its_buffer_or_an_odd_method_is_refused()
        {
            HttpTarget t = new HttpTarget();
            HttpTarget.TryParse("https://api.flatpeak.com/costs/instant", t);
            int length;
            Assert.AreEqual("the request head is longer than its 64-byte buffer",
                HttpRequestWriter.TryWrite(new HttpRequest { Authorization = new string('k', 100) }, t, true, new byte[64], out length));
            Assert.AreEqual(0, length);
            Assert.AreEqual("the request method must be GET or POST", HttpRequestWriter.TryWrite(new HttpRequest { Method = "DELETE" }, t, true, new byte[512], out length));
            Assert.AreEqual("the request's body length is outside its buffer",
                HttpRequestWriter.TryWrite(new HttpRequest { Body = new byte[2], BodyLength = 3 }, t, true, new byte[512], out length));
        }

        [TestMethod]
        public void The_policy_reuses_only_for_the_same_authority_within_the_idle_bound()
        {
            ConnectionPolicy p = new ConnectionPolicy(10000, 5);
            Assert.IsFalse(p.CanReuse("a", 0));
            p.Opened("a", 0);
            Assert.IsTrue(p.Ended(true, -1, -1, 100));
            Assert.IsTrue(p.CanReuse("a", 10099));
            Assert.IsFalse(p.CanReuse("a", 10100));
            Assert.IsFalse(p.CanReuse("b", 200));
            Assert.IsFalse(p.Ended(false, -1, -1, 200), "an answer that does not allow reuse ends the connection");
            p.Closed();
            Assert.IsFalse(p.IsOpen);
            p.Opened("a", 0);
            Assert.IsFalse(p.Ended(true, 1, -1, 0), "a server timeout of a second leaves no time to reuse");
            p.Opened("a", 0);
            Assert.IsFalse(p.Ended(true, -1, 0, 0), "a server that allows no more requests");
        }
    }
}
