using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// <c>POST /costs/session/{id}</c> for a finished session: the answer streams through
    /// <see cref="SessionCostSink"/> (any length, one <c>data[]</c> entry held at a time). A failed
    /// check is retried on its own clock, never holding the record queue back: after
    /// <see cref="SessionRetryBaseMs"/>, doubling each try up to the slow retry, and given up after
    /// <see cref="MaxTries"/> tries in a row.
    /// </summary>
    public sealed class SessionCostCall
    {
        /// <summary>Tries in a row after which a failing session cost check is given up.</summary>
        public const int MaxTries = 5;

        /// <summary>Wait before the first retry of a failed check; it doubles each try, up to the slow retry.</summary>
        public const int SessionRetryBaseMs = 30000;

        private readonly FlatpeakClient client;
        private readonly SessionCostSink sink = new SessionCostSink();
        private readonly string urlPrefix;
        private readonly string referenceDeviceId;
        private readonly ISessionReferenceIds sessionIds;
        private readonly int slowRetryMs;
        private readonly byte[] idScratch = new byte[ReferenceIds.MaxLength];
        private uint failingSession;
        private int failures;
        private long notBeforeMs;

        /// <summary>Creates the call for validated <paramref name="options"/>; <paramref name="sessionIds"/> null derives the session ids.</summary>
        public SessionCostCall(UploadOptions options, FlatpeakClient client, ISessionReferenceIds sessionIds)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (client == null) throw new ArgumentNullException(nameof(client));
            this.client = client;
            this.sessionIds = sessionIds;
            urlPrefix = options.BaseUrl + "/costs/session/";
            referenceDeviceId = options.ReferenceDeviceId;
            slowRetryMs = options.SlowRetryMs;
        }

        /// <summary>The session of the last request prepared.</summary>
        public uint Session { get; private set; }

        /// <summary>True when the last answer had entries with a cost.</summary>
        public bool HasServerCost
        {
            get { return sink.Entries > 0 && sink.HasCost; }
        }

        /// <summary>The sum of the last answer's costs, millionths of the currency.</summary>
        public long CostMicros
        {
            get { return sink.CostMicros; }
        }

        /// <summary>Why the last answer was unreadable (never a secret).</summary>
        public string Problem
        {
            get { return sink.Problem ?? "the response is not one JSON object"; }
        }

        /// <summary>True when no retry wait holds the next check back at <paramref name="nowMs"/>.</summary>
        public bool IsDue(long nowMs)
        {
            return nowMs >= notBeforeMs;
        }

        /// <summary>Ends any retry wait (the console's "upload now").</summary>
        public void RetryNow(long nowMs)
        {
            notBeforeMs = nowMs;
        }

        /// <summary>Holds the next check back until <paramref name="atMs"/>.</summary>
        public void RetryAt(long atMs)
        {
            notBeforeMs = atMs;
        }

        /// <summary>Fills <paramref name="request"/> for the cost of <paramref name="session"/> of ring <paramref name="generation"/>, its answer read as it streams.</summary>
        /// <exception cref="InvalidOperationException">No token is held.</exception>
        public void Prepare(HttpRequest request, uint session, uint generation)
        {
            client.PrepareBearer(request, "POST", urlPrefix + SessionIdText(session, generation), null, 0);
            Session = session;
            sink.Reset();
            request.BodySink = sink;
        }

        /// <summary>Reads a 2xx answer; true when it was one readable JSON object.</summary>
        public bool TryRead(HttpResponse response)
        {
            return sink.IsComplete && (response.ContentType == null || ResponseReader.IsJsonContentType(response.ContentType));
        }

        /// <summary>The check of the current session succeeded or was settled: the tries start afresh.</summary>
        public void Settled()
        {
            failures = 0;
        }

        /// <summary>A check of <paramref name="session"/> failed at <paramref name="nowMs"/>: true when it is given up now, else it waits for its retry.</summary>
        public bool Failed(uint session, long nowMs)
        {
            if (session != failingSession)
            {
                failingSession = session;
                failures = 0;
            }

            failures++;
            if (failures >= MaxTries)
            {
                failures = 0;
                return true;
            }

            long wait = (long)SessionRetryBaseMs << (failures - 1);
            notBeforeMs = nowMs + (wait > slowRetryMs ? slowRetryMs : wait);
            return false;
        }

        private string SessionIdText(uint session, uint generation)
        {
            if (sessionIds == null) return ReferenceIds.SessionId(referenceDeviceId, generation, session);
            int n = sessionIds.Write(session, idScratch, 0);
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) chars[i] = (char)idScratch[i];
            return new string(chars);
        }
    }
}
