using System;
using System.Collections;
using System.Text;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// A scripted transport with a tiny server behind it. Logins answer a token unless
    /// <see cref="LoginScript"/> says otherwise; record and session requests take the next
    /// <see cref="Script"/> entry, or the server's normal answer (record stored, 2xx with its cost:
    /// 0.25 per Wh... in millionths: Wh × 250000). The server's ledger lists every stored
    /// <c>record_reference_id</c>, duplicates included. Time is the test's <see cref="Now"/>.
    /// The request history (Log, Authorizations, StartTimes, AttemptedAtSend, SeqAtSend) keeps the
    /// first <see cref="HistoryLimit"/> requests only, and <see cref="KeepLedger"/> can turn the
    /// ledger off, so a test of a year of records does not fill the device's heap with them.
    /// </summary>
    public class FakeHttpTransport : IHttpTransport
    {
        public const string Token = "tok_SECRET_bearer_0123456789";

        /// <summary>Requests whose history is kept.</summary>
        public int HistoryLimit = 256;

        /// <summary>False: the server counts stored records (<see cref="StoredTotal"/>) but keeps no ledger of their ids.</summary>
        public bool KeepLedger = true;

        /// <summary>Records the server stored, duplicates included.</summary>
        public int StoredTotal;

        public long Now;
        public readonly ArrayList Script = new ArrayList();
        public readonly ArrayList LoginScript = new ArrayList();
        public readonly ArrayList Ledger = new ArrayList();
        public readonly ArrayList Log = new ArrayList();
        public readonly ArrayList Authorizations = new ArrayList();
        public readonly ArrayList StartTimes = new ArrayList();
        public int Starts;

        /// <summary>The next this many starts throw OutOfMemoryException (as a fragmented heap does on the device).</summary>
        public int OutOfMemoryStarts;
        public int ExpiresInSeconds = 3600;
        public string SessionBody;

        /// <summary>When set, the durable AttemptedUpTo at the start of each record request is logged beside its Seq.</summary>
        public FakeWatermarkStore Store;
        public readonly ArrayList AttemptedAtSend = new ArrayList();
        public readonly ArrayList SeqAtSend = new ArrayList();

        private bool pending;
        private long dueAt;
        private HttpOutcome outcome;
        private int status;
        private string body;
        private string contentType;
        private IResponseBodySink sink;

        public bool IsBusy
        {
            get { return pending; }
        }

        public void Start(HttpRequest request)
        {
            if (pending) throw new InvalidOperationException("busy");
            if (OutOfMemoryStarts > 0)
            {
                OutOfMemoryStarts--;
                throw new OutOfMemoryException();
            }

            Starts++;
            sink = request.BodySink;
            bool keep = Starts <= HistoryLimit;
            if (keep) StartTimes.Add(Now);
            string text = request.Body == null ? string.Empty : Encoding.UTF8.GetString(request.Body, 0, request.BodyLength);
            if (keep) Log.Add(request.Method + " " + request.Url + " " + text);
            if (keep) Authorizations.Add(request.Authorization);
            Reply reply = null;
            bool isLogin = request.Url.EndsWith("/login");
            bool isInstant = request.Url.IndexOf("/costs/instant") >= 0;
            if (isLogin && LoginScript.Count > 0)
            {
                reply = (Reply)LoginScript[0];
                LoginScript.RemoveAt(0);
            }
            else if (!isLogin && Script.Count > 0)
            {
                reply = (Reply)Script[0];
                Script.RemoveAt(0);
            }

            string id = isInstant ? Field(text, "record_reference_id") : null;
            if (isInstant && Store != null && keep)
            {
                AttemptedAtSend.Add(Store.Saved == null ? 0u : Store.Saved.AttemptedUpTo);
                SeqAtSend.Add((uint)Number(id, "-r"));
            }
            if (reply == null)
            {
                reply = new Reply();
                if (isLogin) reply.Body = "{\"bearer_token\":\"" + Token + "\",\"expires_in\":" + ExpiresInSeconds + ",\"live_mode\":false}";
                else if (isInstant) reply.Body = MeterRecord(id, Number(text, "\"value\":"));
                else reply.Body = SessionBody ?? "{\"data\":[]}";
                reply.Stores = isInstant;
            }
            else if (reply.Status >= 200 && reply.Status < 300 && reply.Outcome == HttpOutcome.Completed && isInstant)
            {
                reply.Stores = true;
                if (reply.Body == null) reply.Body = MeterRecord(id, Number(text, "\"value\":"));
            }

            if (isInstant && reply.Stores)
            {
                StoredTotal++;
                if (KeepLedger) Ledger.Add(id);
            }
            pending = true;
            dueAt = Now + reply.DelayMs;
            outcome = reply.Outcome;
            status = reply.Status;
            body = reply.Body ?? string.Empty;
            contentType = reply.ContentType;
        }

        public bool TryTakeResult(HttpResponse response)
        {
            if (!pending || Now < dueAt) return false;
            pending = false;
            response.Outcome = outcome;
            response.StatusCode = outcome == HttpOutcome.Completed ? status : 0;
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            if (sink != null)
            {
                // In pieces, as a network would deliver them.
                sink.Reset();
                for (int p = 0; p < bytes.Length; p += 7) sink.Write(bytes, p, bytes.Length - p < 7 ? bytes.Length - p : 7);
            }

            int n = bytes.Length < response.Body.Length ? bytes.Length : response.Body.Length;
            Array.Copy(bytes, response.Body, n);
            response.BodyLength = n;
            response.BodyTruncated = bytes.Length > response.Body.Length;
            response.ContentType = contentType;
            response.Error = outcome == HttpOutcome.Completed ? null : "scripted failure";
            return true;
        }

        /// <summary>How many times the server stored this record id.</summary>
        public int StoredCount(string id)
        {
            int n = 0;
            for (int i = 0; i < Ledger.Count; i++)
            {
                if ((string)Ledger[i] == id) n++;
            }

            return n;
        }

        public static string MeterRecord(string id, long wh)
        {
            long micros = wh * 250000;
            return "{\"id\":\"mre_" + id + "\",\"object\":\"meter_record\",\"currency_code\":\"GBP\",\"request\":{\"record_reference_id\":\"" + id + "\"},\"data\":{\"energy\":{\"value\":" + wh
                + "},\"cost\":{\"value\":" + (micros / 1000000) + "." + Pad6(micros % 1000000) + ",\"confidence\":1}}}";
        }

        public static string Field(string json, string name)
        {
            string key = "\"" + name + "\":\"";
            int at = json.IndexOf(key);
            if (at < 0) return null;
            int start = at + key.Length;
            int end = json.IndexOf('"', start);
            return json.Substring(start, end - start);
        }

        public static long Number(string json, string key)
        {
            int at = json.IndexOf(key);
            if (at < 0) return 0;
            long v = 0;
            for (int i = at + key.Length; i < json.Length && json[i] >= '0' && json[i] <= '9'; i++) v = v * 10 + (json[i] - '0');
            return v;
        }

        private static string Pad6(long v)
        {
            string s = v.ToString();
            while (s.Length < 6) s = "0" + s;
            return s;
        }
    }
}
