using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>One scripted answer of the fake transport.</summary>
    public class Reply
    {
        public HttpOutcome Outcome = HttpOutcome.Completed;
        public int Status = 200;

        /// <summary>Body text, or null for the server's normal answer.</summary>
        public string Body;

        public string ContentType = "application/json";

        /// <summary>True when the server stores the record even though the answer is this one (a lost response).</summary>
        public bool Stores;

        /// <summary>Milliseconds from start until the result can be taken.</summary>
        public long DelayMs;

        public static Reply Error(int status, string code)
        {
            return new Reply
            {
                Status = status,
                Body = "{\"object\":\"error\",\"type\":\"" + (status >= 500 ? "api_error" : "invalid_request") + "\",\"code\":\"" + code + "\",\"message\":\"scripted " + code + "\"}",
            };
        }

        public static Reply Failure(HttpOutcome outcome, bool stores, long delayMs)
        {
            return new Reply { Outcome = outcome, Status = 0, Body = string.Empty, Stores = stores, DelayMs = delayMs };
        }
    }
}
