using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class RetryPolicyTests
    {
        [DataRow(200, 0, 0)]
        [DataRow(201, 0, 0)]
        [DataRow(401, 0, 1)]
        [DataRow(403, 0, 1)]
        [DataRow(422, 2, 2)]
        [DataRow(422, 3, 2)]
        [DataRow(422, 4, 2)]
        [DataRow(422, 0, 2)]
        [DataRow(400, 2, 2)]
        [DataRow(429, 5, 4)]
        [DataRow(429, 0, 4)]
        [DataRow(500, 6, 3)]
        [DataRow(503, 0, 3)]
        [DataRow(408, 0, 3)]
        [DataRow(400, 1, 5)]
        [DataRow(404, 0, 5)]
        [DataRow(302, 0, 3)]
        public void Each_status_and_code_has_its_documented_action(int status, int code, int action)
        {
            Assert.AreEqual(action, (int)RetryPolicy.Decide(HttpOutcome.Completed, status, (ApiErrorCode)code));
        }

        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        public void Failures_without_a_status_back_off(int outcome)
        {
            Assert.AreEqual((int)RetryAction.Backoff, (int)RetryPolicy.Decide((HttpOutcome)outcome, 0, ApiErrorCode.Unknown));
        }

        [TestMethod]
        public void Every_action_has_a_readable_name()
        {
            Assert.AreEqual("quarantine", RetryPolicy.Name(RetryAction.Quarantine));
            Assert.AreEqual("retry in 15 minutes", RetryPolicy.Name(RetryAction.SlowRetry));
        }

        [TestMethod]
        public void Backoff_doubles_with_jitter_up_to_its_cap_and_replays_from_its_seed()
        {
            Backoff a = new Backoff(1000, 16000, 42);
            Backoff b = new Backoff(1000, 16000, 42);
            int ceiling = 1000;
            for (int i = 0; i < 12; i++)
            {
                int wait = a.Next();
                Assert.AreEqual(wait, b.Next(), "seed 42, failure " + i);
                Assert.IsTrue(wait >= ceiling / 2 && wait <= ceiling, "failure " + i + " waited " + wait);
                if (ceiling < 16000) ceiling *= 2;
            }

            a.Reset();
            Assert.IsTrue(a.Next() <= 1000);
        }

        [DataRow("Aladdin", "open sesame", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]
        [DataRow("a", "b", "Basic YTpi")]
        [DataRow("ab", "c", "Basic YWI6Yw==")]
        [DataRow("acc", "sk_test_1", "Basic YWNjOnNrX3Rlc3RfMQ==")]
        public void Basic_credentials_are_base64_of_account_colon_key(string user, string password, string expected)
        {
            Assert.AreEqual(expected, BasicAuth.HeaderValue(user, password));
        }
    }
}
