using System;
using System.IO;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload.Devices;
using ChargerAgent.Core.Upload.Prices;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The upload queue's state machine: sends every record of the ring to <c>POST /costs/instant</c>,
    /// at least once and in order, without ever blocking: <see cref="Step"/> is called from the
    /// agent's tick, starts at most one request through the transport port and takes its result on a
    /// later step.
    /// </summary>
    /// <remarks>
    /// Each API call builds its request and reads its answer in its own class (<see cref="LoginCall"/>,
    /// <see cref="InstantCall"/>, <see cref="SessionCostCall"/>, the device registration, the price
    /// reader); when the next may start is <see cref="UploadPacing"/>'s call; what the status shows
    /// is kept by <see cref="UploadStatusView"/>; the watermarks are moved and saved only by
    /// <see cref="UploadWatermarks"/>.
    /// Delivery follows the record contract (docs/DESIGN.md §3). Before a record above
    /// <c>AttemptedUpTo</c> goes out, <c>AttemptedUpTo</c> moves ahead by
    /// <see cref="UploadOptions.AttemptedStepRecords"/> and the checkpoint is saved; after each 2xx
    /// the record's cost is kept by Seq (<see cref="CostStore"/>): that entry is its durable
    /// acknowledgement, <c>SentUpTo</c> moves in memory and is saved with the next save of
    /// <c>AttemptedUpTo</c> (or before the cost store would drop an entry above the saved one, or when
    /// a full ring waits for it with no record going out), and
    /// a restart moves it past the records whose cost entry is kept. The ring is read
    /// <see cref="RingReadAhead.Size"/> records at a time and releases what the saved
    /// <c>SentUpTo</c> covers. Records quarantined (invalid) or set aside (422) are written to
    /// <see cref="SideRecords"/> before <c>SentUpTo</c> moves past them. What happens after each
    /// answer is decided by <see cref="RetryPolicy"/>. A request past its deadline counts as
    /// attempted; no other request starts until the transport is free. Boot-relative records wait
    /// (in order) until their boot's epoch is known.
    /// </remarks>
    public sealed class Uploader
    {
        private readonly UploadOptions options;
        private readonly IHttpTransport transport;
        private readonly IRecordRing ring;
        private readonly UploadWatermarks watermarks;
        private readonly IBootEpochs epochs;
        private readonly FlatpeakClient client;
        private readonly ResponseReader reader = new ResponseReader();
        private readonly LoginCall login;
        private readonly InstantCall instant;
        private readonly SessionCostCall sessionCost;
        private readonly UploadPacing pacing;
        private readonly SideRecords side;
        private readonly CostStore costs;
        private readonly DeviceRegistration registration;
        private readonly EpochEstimator estimator;
        private readonly RejectionStreak rejections;
        private readonly UploadStatusView view = new UploadStatusView();
        private PriceFetcher prices;
        private readonly HttpRequest request = new HttpRequest();
        private readonly HttpResponse response = new HttpResponse();
        private readonly RingReadAhead readAhead = new RingReadAhead();

        private RequestKind inFlight;
        private bool awaitingLate;
        private long startedMs;
        private Record current;
        private long lastSentEndUtc;
        private long sendingEndUtc;
        private uint cursor;
        private uint attemptedAtStart;
        private uint uncertainSeq;
        private bool writeRefused;
        private bool reloginTried;
        private bool credentialsRejected;
        private bool paused;
        private bool networkUp = true;
        private bool waitingForClock;
        private bool started;
        private long headNotBeforeMs;
        private long fullRingSaveAtMs;
        private int consecutive422;

        /// <summary>How long a save for a full ring (<c>SentUpTo</c>, when nothing is left to send) that the flash refused waits before it is tried again, ms.</summary>
        public const long FullRingSaveRetryMs = 60000;

        /// <summary>What the status says when the transport could not start for lack of memory.</summary>
        public const string OutOfMemory = UploadStatusView.OutOfMemory;

        /// <summary>Out-of-memory starts that make a storm (<see cref="OutOfMemoryStorm"/>) within <see cref="MemoryFaultWindowMs"/>.</summary>
        public const int MemoryFaultLimit = 5;

        /// <summary>The window of <see cref="MemoryFaultLimit"/>: ten minutes.</summary>
        public const long MemoryFaultWindowMs = 10 * 60 * 1000;

        private readonly Watchdog.FaultCounter memoryFaults = new Watchdog.FaultCounter(MemoryFaultLimit, MemoryFaultWindowMs);

        /// <summary>True once the transport ran out of memory <see cref="MemoryFaultLimit"/> times within ten minutes: the board should reboot.</summary>
        public bool OutOfMemoryStorm { get; private set; }

        /// <summary>Creates an uploader; call <see cref="Start"/> once the checkpoint is loaded.</summary>
        /// <param name="options">Configuration (validated here).</param>
        /// <param name="transport">The HTTP transport port.</param>
        /// <param name="ring">The record ring.</param>
        /// <param name="checkpoint">The delivery's watermarks, loaded; the uploader alone moves and saves them.</param>
        /// <param name="checkpointStore">Where the watermarks are saved.</param>
        /// <param name="files">The small file store for the side file and the cost store.</param>
        /// <param name="epochs">Turns boot-relative times into UTC.</param>
        /// <param name="sessionIds">Session reference ids, or null to derive <c>{device}-{generation}-s{n}</c>.</param>
        public Uploader(UploadOptions options, IHttpTransport transport, IRecordRing ring, DeliveryWatermarks checkpoint,
            IWatermarkStore checkpointStore, IFileStore files, IBootEpochs epochs, ISessionReferenceIds sessionIds)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (transport == null) throw new ArgumentNullException(nameof(transport));
            if (ring == null) throw new ArgumentNullException(nameof(ring));
            if (checkpoint == null) throw new ArgumentNullException(nameof(checkpoint));
            if (checkpointStore == null) throw new ArgumentNullException(nameof(checkpointStore));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (epochs == null) throw new ArgumentNullException(nameof(epochs));
            options.Validate();
            this.options = options;
            this.transport = transport;
            this.ring = ring;
            watermarks = new UploadWatermarks(checkpoint, checkpointStore, ring, Counters, options.AttemptedStepRecords);
            this.epochs = epochs;
            client = new FlatpeakClient(options);
            login = new LoginCall(client, reader, options.BaseUrl);
            instant = new InstantCall(options, client, reader, sessionIds);
            sessionCost = new SessionCostCall(options, client, sessionIds);
            pacing = new UploadPacing(options);
            side = new SideRecords(files, options.MaxSideRecords);
            costs = new CostStore(files);
            if (options.FlatpeakDeviceReference != null) registration = new DeviceRegistration(options.FlatpeakDeviceReference, files, options);
            estimator = new EpochEstimator(ring, epochs);
            rejections = new RejectionStreak(options.ConfigurationFaultThreshold);
            response.Body = new byte[MaxResponseBytes];
        }

        /// <summary>Last second RFC 3339 timestamps can carry (9999-12-31T23:59:59Z).</summary>
        private const long MaxUnixSeconds = 253402300799;

        /// <summary>Optional clock: when set and trusted, <c>LastUploadAt</c> is the UTC time of the acknowledgement.</summary>
        public IClock Clock { get; set; }

        /// <summary>Tries in a row after which a failing session cost check is given up (marked, never retried).</summary>
        public const int MaxSessionCheckTries = SessionCostCall.MaxTries;

        /// <summary>Wait before the first retry of a failed session cost check; it doubles each try, up to the slow retry.</summary>
        public const int SessionRetryBaseMs = SessionCostCall.SessionRetryBaseMs;

        /// <summary>Confidence sent for a record whose time is estimated (its timeline's epoch was never measured).</summary>
        public const byte EstimatedTimeConfidencePercent = 50;

        /// <summary>Largest response body read (a longer one is an error, the record kept).</summary>
        public const int MaxResponseBytes = 4096;

        /// <summary>What has happened so far, by cause.</summary>
        public UploadCounters Counters { get; } = new UploadCounters();

        /// <summary>The side file (quarantined and set-aside records).</summary>
        public SideRecords Side
        {
            get { return side; }
        }

        /// <summary>The per-Seq cost store.</summary>
        public CostStore Costs
        {
            get { return costs; }
        }

        /// <summary>The registration through <c>POST /devices</c>, or null when none is configured.</summary>
        public DeviceRegistration Registration
        {
            get { return registration; }
        }

        /// <summary>The price reader, or null when prices are not read.</summary>
        public PriceFetcher Prices
        {
            get { return prices; }
            set { prices = value; }
        }

        /// <summary>The next Seq the queue will send (everything below is sent, quarantined or set aside).</summary>
        public uint Cursor
        {
            get { return cursor; }
        }

        /// <summary>True while uploading is paused by a configuration fault.</summary>
        public bool PausedByConfigurationFault
        {
            get { return paused; }
        }

        /// <summary>True when the API refused the credentials after a fresh login.</summary>
        public bool CredentialsRejected
        {
            get { return credentialsRejected; }
        }

        /// <summary>True while a request is in flight (or one past its deadline has not ended).</summary>
        public bool Busy
        {
            get { return inFlight != RequestKind.None || awaitingLate; }
        }

        /// <summary>Loads the side file and the cost store and resumes after <c>SentUpTo</c>. Call once, after the checkpoint was loaded.</summary>
        public void Start(long nowMs)
        {
            if (started) throw new InvalidOperationException("already started");
            started = true;
            side.Load(nowMs);
            costs.Load();

            // Nothing was ever sent in this ring: costs kept by Seq count in another one.
            if (watermarks.AttemptedUpTo == 0 && watermarks.SentUpTo == 0) costs.ForgetRecordCosts();
            if (registration != null && registration.Load()) instant.Body.UseDevice(registration.DeviceId, registration.FromSeq);
            watermarks.Resume();
            cursor = watermarks.SentUpTo + 1;
            attemptedAtStart = watermarks.AttemptedUpTo;
            pacing.AllowFrom(nowMs);
            view.SetState(QueueState.Idle);
        }

        /// <summary>The network went up or down. Going up ends any backoff: the backlog drains at once.</summary>
        public void SetNetworkUp(bool up, long nowMs)
        {
            if (up && !networkUp) pacing.EndWaits(nowMs);
            networkUp = up;
        }

        /// <summary>Ends any backoff, pacing or configuration-fault pause now (the console's "upload now").</summary>
        public void UploadNow(long nowMs)
        {
            pacing.EndWaits(nowMs);
            headNotBeforeMs = nowMs;
            sessionCost.RetryNow(nowMs);
            side.MakeAllDue(nowMs);
            if (registration != null) registration.RetryNow(nowMs);
            paused = false;
            rejections.Reset();
        }

        /// <summary>Puts every quarantined record back into the queue (after the configuration was fixed) and ends a pause; returns how many.</summary>
        public int ResendQuarantined(long nowMs)
        {
            int n = side.ReleaseQuarantine(nowMs);
            UploadNow(nowMs);
            return n;
        }

        /// <summary>One step of the state machine: takes a finished result, or starts the next request. Never blocks.</summary>
        public void Step(long nowMs)
        {
            if (!started) throw new InvalidOperationException("Start first");
            if (awaitingLate)
            {
                if (transport.TryTakeResult(response) || !transport.IsBusy)
                {
                    awaitingLate = false;
                    Counters.LateResults++;
                }
                else
                {
                    return;
                }
            }

            if (inFlight != RequestKind.None)
            {
                if (transport.TryTakeResult(response))
                {
                    writeRefused = false;
                    Finish(nowMs);
                    // After a write the flash refused, the next request waits for the next step (a cut board sends nothing more).
                    if (inFlight == RequestKind.None && !transport.IsBusy && !writeRefused) StartNext(nowMs);
                }
                else if (nowMs - startedMs > (long)options.RequestDeadlineMs + options.DeadlineGraceMs)
                {
                    // The transport did not end the exchange in time: it counts as attempted, and
                    // its result, whenever it comes, is discarded.
                    awaitingLate = true;
                    response.Outcome = HttpOutcome.Timeout;
                    response.StatusCode = 0;
                    response.BodyLength = 0;
                    response.Error = "no answer before the deadline";
                    Finish(nowMs);
                }

                return;
            }

            if (transport.IsBusy) return;
            StartNext(nowMs);
        }

        /// <summary>Copies the upload fields into <paramref name="status"/>, the delivery's section of the status (the price reader fills its own).</summary>
        public void FillStatus(DeliveryStatus status)
        {
            if (status == null) throw new ArgumentNullException(nameof(status));
            uint newest = ring.NextSeq == 0 ? 0 : ring.NextSeq - 1;
            uint sentUpTo = watermarks.SentUpTo;
            status.Backlog = (int)(newest > sentUpTo ? newest - sentUpTo : 0) + side.SetAsideCount;
            status.RingNearlyFull = (long)status.Backlog * 100 >= (long)ring.Capacity * DeliveryStatus.RingNearlyFullPercent;
            status.Quarantined = side.QuarantinedCount;
            status.SetAside = side.SetAsideCount;
            status.CredentialsRejected = credentialsRejected;
            status.UploadPausedByConfigurationFault = paused;
            status.UploadWaitingForClock = waitingForClock;
            status.UploadDuplicates = (uint)Counters.Duplicates;
            view.Fill(status, costs);
            status.FlatpeakDevice = instant.Body.DeviceId;
            status.DeviceRegistration = registration == null ? null : registration.State;
        }

        private void StartNext(long nowMs)
        {
            if (paused)
            {
                view.SetState(QueueState.PausedByConfigurationFault);
                return;
            }

            if (!networkUp)
            {
                view.SetState(QueueState.NetworkDown);
                return;
            }

            if (pacing.IsBackingOff(nowMs))
            {
                view.SetState(BackingOffState());
                return;
            }

            if (pacing.IsPacing(nowMs)) return;
            if (!client.HasFreshToken(nowMs))
            {
                login.Prepare(request);
                Launch(RequestKind.Login, nowMs);
                view.SetState(QueueState.LoggingIn);
                return;
            }

            if (side.TryGetDue(nowMs, out Record due))
            {
                if (TrySendRecord(ref due, RequestKind.SetAside, nowMs)) return;
                side.SetDue(due.Seq, nowMs + 1000);
            }

            if (nowMs >= headNotBeforeMs && TryReadHead(out Record head))
            {
                if (TrySendRecord(ref head, RequestKind.Record, nowMs)) return;
            }
            else
            {
                waitingForClock = false;
            }

            SaveSentForFullRing(nowMs);

            if (registration != null && registration.IsDue(nowMs))
            {
                // Only here, with no record ready to go: registering never delays a record.
                registration.Prepare(request, client);
                Launch(RequestKind.Device, nowMs);
                view.SetState(QueueState.RegisteringDevice, registration.State);
                return;
            }

            if (prices != null && prices.IsDue(nowMs))
            {
                prices.Prepare(request, client);
                Launch(RequestKind.Price, nowMs);
                view.SetState(QueueState.ReadingPrices);
                return;
            }

            if (sessionCost.IsDue(nowMs) && costs.TryGetUnchecked(out uint session))
            {
                sessionCost.Prepare(request, session, ring.Generation);
                Launch(RequestKind.SessionCost, nowMs);
                view.SetState(QueueState.AskingSessionCost);
                return;
            }

            if (inFlight == RequestKind.None && !waitingForClock) view.SetState(QueueState.Idle);
        }

        /// <summary>
        /// No record goes out now: a full ring releases only what the saved <c>SentUpTo</c> covers,
        /// and no save of <c>AttemptedUpTo</c> will come to carry the records acknowledged since,
        /// so it is saved here, once (a flash that refuses it is tried again a minute later).
        /// </summary>
        private void SaveSentForFullRing(long nowMs)
        {
            if (!ring.IsFull || watermarks.SentUpTo <= watermarks.SavedSentUpTo || nowMs < fullRingSaveAtMs) return;
            fullRingSaveAtMs = nowMs + FullRingSaveRetryMs;
            watermarks.SaveSentUpTo();
        }

        private QueueState BackingOffState()
        {
            return credentialsRejected ? QueueState.BackingOffCredentialsRejected : QueueState.BackingOff;
        }

        private bool TryReadHead(out Record head)
        {
            while (true)
            {
                if (!readAhead.TryGet(ring, cursor, watermarks.AttemptedUpTo, out head)) return false;
                if (head.LastSeq < cursor) return false;
                if (side.Contains(head.Seq))
                {
                    // Set aside or quarantined just before a power cut, before SentUpTo moved past it.
                    MoveSentPast(head.LastSeq, true);
                    continue;
                }

                if (head.Seq > watermarks.AttemptedUpTo || !costs.Contains(head.Seq)) return true;

                // Acknowledged before a restart, above the SentUpTo saved then: its cost entry
                // says so, and SentUpTo moves past it without sending it again.
                Counters.AcknowledgedBeforeRestart++;
                MoveSentPast(head.LastSeq, false);
            }
        }

        private bool TrySendRecord(ref Record record, RequestKind kind, long nowMs)
        {
            long startUtc = record.Start;
            bool estimatedTime = false;
            if (record.IsBootRelative)
            {
                if (!epochs.TryGetEpoch(record.Boot, out long epoch, out estimatedTime))
                {
                    if (epochs.MayStillBeLearnt(record.Boot) || !estimator.TryEstimate(ref record, lastSentEndUtc, Clock, out epoch))
                    {
                        if (kind == RequestKind.Record)
                        {
                            waitingForClock = true;
                            view.SetState(QueueState.WaitingForClock);
                        }

                        return false;
                    }

                    // The epoch of this timeline can never be learnt: an estimate, fixed for all
                    // its records, rather than a queue that waits for ever.
                    epochs.AddEstimated(record.Boot, epoch);
                    estimatedTime = true;
                }

                startUtc += epoch;
            }

            if (kind == RequestKind.Record) waitingForClock = false;
            if (!record.IsWellFormed || startUtc < 0 || startUtc + record.DurationSeconds > MaxUnixSeconds)
            {
                // Nothing to send that the API could take: keep it, quarantined, and go on.
                view.Error = "record " + record.Seq + " is not well formed: quarantined without sending";
                if (side.IsFull && !side.Contains(record.Seq))
                {
                    paused = true;
                    view.SetState(QueueState.PausedByConfigurationFault);
                    return true;
                }

                Counters.Quarantined++;
                side.Add(ref record, SideRecords.Quarantined, 0);
                if (kind == RequestKind.Record) MoveSentPast(record.LastSeq, true);
                return false;
            }

            watermarks.CoverAttempt(record.LastSeq);
            if (kind == RequestKind.Record) readAhead.Protected(watermarks.AttemptedUpTo);
            current = record;
            sendingEndUtc = startUtc + record.DurationSeconds;
            if (estimatedTime)
            {
                // Only the copy sent says so: the stored record keeps its measured fields.
                Counters.EstimatedEpochRecords++;
                Record sent = record;
                sent.Flags |= RecordFlags.EstimatedTime;
                if (sent.ConfidencePercent > EstimatedTimeConfidencePercent) sent.ConfidencePercent = EstimatedTimeConfidencePercent;
                instant.Prepare(request, ref sent, startUtc, sendingEndUtc, ring.Generation);
            }
            else
            {
                instant.Prepare(request, ref record, startUtc, sendingEndUtc, ring.Generation);
            }

            Launch(kind, nowMs);
            view.SetState(kind == RequestKind.Record ? QueueState.Sending : QueueState.ResendingSetAside);
            return true;
        }

        private void Launch(RequestKind kind, long nowMs)
        {
            inFlight = kind;
            startedMs = nowMs;
            pacing.Started(nowMs);
            Counters.Requests++;
            try
            {
                transport.Start(request);
                view.StartOutOfMemory = false;
            }
            catch (OutOfMemoryException)
            {
                view.StartOutOfMemory = true;
                // Its own outcome: a fragmented heap, not the network (five in ten minutes reboot the board).
                Counters.OutOfMemory++;
                if (memoryFaults.Record(nowMs)) OutOfMemoryStorm = true;
                response.Outcome = HttpOutcome.NotSent;
                response.StatusCode = 0;
                response.BodyLength = 0;
                response.Error = OutOfMemory;
                Finish(nowMs);
            }
            catch (Exception)
            {
                // A transport that fails to start has sent nothing; treat it as a network error.
                response.Outcome = HttpOutcome.NotSent;
                response.StatusCode = 0;
                response.BodyLength = 0;
                response.Error = "the transport could not start the request";
                Finish(nowMs);
            }
        }

        private void Finish(long nowMs)
        {
            RequestKind kind = inFlight;
            inFlight = RequestKind.None;
            if (response.Outcome == HttpOutcome.Timeout) Counters.Timeouts++;
            ApiErrorCode code = ApiErrorCode.Unknown;
            bool completed = response.Outcome == HttpOutcome.Completed;
            bool success = completed && response.StatusCode >= 200 && response.StatusCode <= 299;
            if (completed && !success && reader.TryReadError(response)) code = reader.ErrorCode;
            RetryAction action = RetryPolicy.Decide(response.Outcome, response.StatusCode, code);
            switch (kind)
            {
                case RequestKind.Login:
                    FinishLogin(action, nowMs);
                    break;
                case RequestKind.SessionCost:
                    FinishSession(action, nowMs);
                    break;
                case RequestKind.Device:
                    if (action == RetryAction.Relogin) client.InvalidateToken();
                    if (registration.Finish(response, action, watermarks.AttemptedUpTo + 1, nowMs)) instant.Body.UseDevice(registration.DeviceId, registration.FromSeq);
                    break;
                case RequestKind.Price:
                    if (action == RetryAction.Relogin) client.InvalidateToken();
                    prices.Finish(response, action, nowMs);
                    break;
                default:
                    FinishRecord(kind, action, code, nowMs);
                    break;
            }
        }

        private void FinishLogin(RetryAction action, long nowMs)
        {
            if (action == RetryAction.Sent)
            {
                if (login.TryRead(response, nowMs)) return;
                Fail("login answer unreadable: " + login.Problem, nowMs, false);
                return;
            }

            if (action == RetryAction.Relogin)
            {
                credentialsRejected = true;
                Fail("credentials rejected (HTTP " + response.StatusCode + ")", nowMs, false);
                return;
            }

            Fail(Describe("login"), nowMs, action == RetryAction.RateLimited);
        }

        private void FinishSession(RetryAction action, long nowMs)
        {
            uint session = sessionCost.Session;
            if (action == RetryAction.Sent)
            {
                if (!sessionCost.TryRead(response))
                {
                    SessionCheckFailed(session, "session cost answer unreadable: " + sessionCost.Problem, nowMs);
                    return;
                }

                view.ShowSession(session, sessionCost.HasServerCost, sessionCost.CostMicros);
                MarkChecked(session);
                sessionCost.Settled();
                return;
            }

            switch (action)
            {
                case RetryAction.Relogin:
                    client.InvalidateToken();
                    return;
                case RetryAction.SlowRetry:
                    sessionCost.RetryAt(nowMs + options.SlowRetryMs);
                    return;
                case RetryAction.Quarantine:
                    // The API has nothing for this session (e.g. 404): shown as "not available".
                    view.ShowSession(session, false, 0);
                    MarkChecked(session);
                    return;
                default:
                    SessionCheckFailed(session, Describe("session cost"), nowMs);
                    return;
            }
        }

        /// <summary>Marks a session's check done; a mark the flash refuses holds in memory and is written with the store's next write.</summary>
        private void MarkChecked(uint session)
        {
            try
            {
                costs.MarkChecked(session, watermarks.SavedSentUpTo);
            }
            catch (IOException)
            {
                writeRefused = true;
            }
        }

        /// <summary>
        /// A session cost check failed: it is retried later on its own clock (the record queue is
        /// not held back), and given up after <see cref="MaxSessionCheckTries"/> tries in a row:
        /// marked checked, shown as "given up", counted.
        /// </summary>
        private void SessionCheckFailed(uint session, string error, long nowMs)
        {
            view.Error = client.Redact(error);
            if (!sessionCost.Failed(session, nowMs)) return;
            Counters.SessionChecksGivenUp++;
            view.ShowSession(session, "given up");
            MarkChecked(session);
        }

        private void FinishRecord(RequestKind kind, RetryAction action, ApiErrorCode code, long nowMs)
        {
            Record r = current;
            switch (action)
            {
                case RetryAction.Sent:
                    if (!instant.TryRead(response, r.Seq, ring.Generation))
                    {
                        Counters.ForeignAnswers++;
                        // A 2xx that is not a meter record (a captive portal, a proxy page): the
                        // record stays queued and goes again under the same reference id.
                        Uncertain(r.Seq);
                        Fail("answer unreadable: " + reader.Problem, nowMs, false);
                        return;
                    }

                    if (reader.AcknowledgementUnverified) Counters.UnverifiedAcknowledgements++;
                    Acknowledged(kind, ref r, nowMs);
                    return;

                case RetryAction.Relogin:
                    Counters.CredentialRefusals++;
                    client.InvalidateToken();
                    if (!reloginTried)
                    {
                        reloginTried = true;
                        return;
                    }

                    reloginTried = false;
                    credentialsRejected = true;
                    Fail("credentials rejected (HTTP " + response.StatusCode + ")", nowMs, false);
                    return;

                case RetryAction.SlowRetry:
                    Counters.SlowRetries++;
                    view.Error = Describe("record");
                    if (kind == RequestKind.SetAside)
                    {
                        side.SetDue(r.Seq, nowMs + options.SlowRetryMs);
                    }
                    else if (consecutive422 == 0 && !side.IsFull && ring.NextSeq - 1 > r.LastSeq)
                    {
                        side.Add(ref r, SideRecords.SetAside, nowMs + options.SlowRetryMs);
                        MoveSentPast(r.LastSeq, true);
                    }
                    else
                    {
                        headNotBeforeMs = nowMs + options.SlowRetryMs;
                    }

                    consecutive422++;
                    view.SetState(QueueState.WaitingAfter422);
                    return;

                case RetryAction.Quarantine:
                    bool configurationFault = rejections.Add(response.StatusCode, code);
                    view.Error = Describe("record rejected");
                    if (configurationFault || (side.IsFull && !side.Contains(r.Seq)))
                    {
                        paused = true;
                        view.SetState(QueueState.PausedByConfigurationFault);
                        return;
                    }

                    Counters.Quarantined++;
                    side.Add(ref r, SideRecords.Quarantined, 0);
                    if (kind == RequestKind.Record) MoveSentPast(r.LastSeq, true);
                    return;

                default:
                    if (response.Outcome == HttpOutcome.Timeout || response.Outcome == HttpOutcome.NetworkError) Uncertain(r.Seq);
                    Fail(Describe("record"), nowMs, action == RetryAction.RateLimited);
                    return;
            }
        }

        private void Acknowledged(RequestKind kind, ref Record r, long nowMs)
        {
            Counters.Acknowledged++;
            bool fresh;
            bool kept = KeepCost(ref r, out fresh);
            if (!fresh) Counters.RepeatedAcknowledgements++;
            else if (uncertainSeq == r.Seq) Counters.ResentAfterLostResponse++;
            else if (kind == RequestKind.Record && r.Seq <= attemptedAtStart) Counters.ResentAfterRestart++;
            if (uncertainSeq == r.Seq) uncertainSeq = 0;

            if (kind == RequestKind.Record) MoveSentPast(r.LastSeq, false);
            else side.Remove(r.Seq);
            if (!kept) SaveSentInsteadOfCost();

            if (kind == RequestKind.Record && sendingEndUtc > lastSentEndUtc) lastSentEndUtc = sendingEndUtc;
            view.Acknowledged(r.LastSeq, reader.CostMicros, reader.Currency);
            if (Clock != null && Clock.TryGetUtc(out long utcNow)) view.UploadedAt(utcNow);
            else if (!r.IsBootRelative) view.UploadedAt(r.End);
            if (side.QuarantinedCount == 0) view.Error = null;
            credentialsRejected = false;
            reloginTried = false;
            consecutive422 = 0;
            rejections.Reset();
            pacing.Succeeded();
            if ((r.Flags & RecordFlags.SessionEnd) != 0 && r.Session != 0)
            {
                try
                {
                    costs.EndSession(r.Session);
                }
                catch (IOException)
                {
                    // Marked in memory: its check runs; the mark is written with the store's next write.
                    writeRefused = true;
                }

                view.ShowSession(r.Session, "pending");
            }
        }

        /// <summary>
        /// Keeps the acknowledgement's cost entry, its durable acknowledgement (none may be dropped above the
        /// saved SentUpTo, so SentUpTo is saved first when the store is full above it); <paramref name="fresh"/>
        /// is false when the entry was there already. False when the flash refused a write: the entry is kept
        /// in memory and written with the store's next write.
        /// </summary>
        private bool KeepCost(ref Record r, out bool fresh)
        {
            fresh = !costs.Contains(r.Seq);
            bool kept = true;
            try
            {
                if (costs.CountAbove(watermarks.SavedSentUpTo) >= CostStore.MaxPendingCosts) watermarks.SaveSentUpTo();
            }
            catch (IOException)
            {
                kept = false;
            }

            try
            {
                // The store keeps the entry in memory before it writes it.
                costs.Add(r.Seq, r.Session, reader.CostMicros, reader.HasCost);
                costs.MaybeCompact(watermarks.SavedSentUpTo);
            }
            catch (IOException)
            {
                kept = false;
            }

            if (!kept) writeRefused = true;
            return kept;
        }

        /// <summary>
        /// A cost entry the flash refused (full): <c>SentUpTo</c>, a fixed slot a full flash may still take, is saved in
        /// its place, so a restart does not send the record again. A fault here, and in every tick, is no reason to reboot
        /// (that frees no flash, and each boot would send again what it could not save): without either save the
        /// acknowledgement holds in memory until one is taken, and a restart before then sends the record again.
        /// </summary>
        private void SaveSentInsteadOfCost()
        {
            Counters.CostEntriesRefused++;
            try
            {
                watermarks.SaveSentUpTo();
            }
            catch (IOException)
            {
                // Tried again with the next acknowledgement or save.
            }
        }

        /// <summary>An exchange of <paramref name="seq"/> ended without a readable answer: the server may hold it. One that followed such an exchange of the same record was a resend it may hold twice.</summary>
        private void Uncertain(uint seq)
        {
            if (uncertainSeq == seq) Counters.ResentAfterLostResponse++;
            uncertainSeq = seq;
        }

        /// <summary>Moves the cursor and <c>SentUpTo</c> past <paramref name="lastSeq"/>; saved when <paramref name="save"/> (a record acknowledged is not: its cost entry is its durable acknowledgement).</summary>
        private void MoveSentPast(uint lastSeq, bool save)
        {
            if (lastSeq + 1 > cursor) cursor = lastSeq + 1;
            watermarks.MoveSentUpTo(cursor - 1, save);
        }

        private void Fail(string error, long nowMs, bool rateLimited)
        {
            view.Error = client.Redact(error);
            Counters.TransientFailures++;
            if (rateLimited) Counters.RateLimited++;
            pacing.Failed(nowMs, rateLimited);
            view.SetState(BackingOffState());
        }

        private string Describe(string what)
        {
            string text;
            switch (response.Outcome)
            {
                case HttpOutcome.Completed:
                    text = what + ": HTTP " + response.StatusCode;
                    string detail = reader.IsError ? reader.ErrorText() : null;
                    if (detail != null) text += " " + detail;
                    break;
                case HttpOutcome.Timeout: text = what + ": timeout"; break;
                case HttpOutcome.NetworkError: text = what + ": network error"; break;
                case HttpOutcome.TlsError: text = what + ": TLS error"; break;
                default: text = what + (response.Error == OutOfMemory ? ": " + OutOfMemory : ": network down"); break;
            }

            if (response.Outcome != HttpOutcome.Completed && response.Error != null && response.Error != OutOfMemory) text += " (" + response.Error + ")";
            return client.Redact(text);
        }
    }
}
