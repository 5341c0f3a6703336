using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Json;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Upload.Prices
{
    /// <summary>
    /// Reads the prices of the coming hours through <c>POST /prices/{location_id}</c> (the current
    /// half-hour to 24 hours on) into a <see cref="PriceCache"/>, no sooner than the answer's
    /// <c>next_update</c> allows, and shows the current and the next half-hour's price.
    /// </summary>
    /// <remarks>
    /// The answer streams into a <see cref="PriceStreamReader"/> through
    /// <see cref="HttpRequest.BodySink"/>; a transport that does not stream gives the reader its
    /// buffer instead, which holds a short answer only: a longer one is refused, never read cut, and
    /// the window asked for halves (down to <see cref="ShortestWindowSeconds"/>) until the answer fits.
    /// The uploader asks for prices only when no record is ready to go, and failures keep their own
    /// backoff, so prices never delay or slow record delivery. Without a trusted UTC clock nothing
    /// is asked. "Current" is the slot with <c>valid_from</c> ≤ now &lt; <c>valid_to</c> in UTC;
    /// "next" is the slot that holds the start of the next half-hour. The location's time zone is
    /// shown as the API names it and never computed with.
    /// </remarks>
    public sealed class PriceFetcher
    {
        /// <summary>Length of the window asked for, seconds.</summary>
        public const int WindowSeconds = 24 * 3600;

        /// <summary>Shortest window asked for when a transport that does not stream cannot hold a longer answer, seconds.</summary>
        public const int ShortestWindowSeconds = 2 * 3600;

        /// <summary>Least time between two reads that succeeded, seconds (whatever <c>next_update</c> says).</summary>
        public const int LeastGapSeconds = 15 * 60;

        /// <summary>Wait after a refusal (4xx) before asking again, milliseconds.</summary>
        public const int RefusedRetryMs = 60 * 60 * 1000;

        private const int HalfHour = 1800;

        private readonly IClock clock;
        private readonly string path;
        private readonly string direction;
        private readonly Backoff backoff;
        private readonly int slowRetryMs;
        private readonly byte[] body = new byte[160];
        private int bodyLength;
        private long notBeforeMs;
        private long windowEnd;
        private long pendingWindowEnd;
        private bool reloginTried;
        private int windowSeconds = WindowSeconds;

        /// <summary>A fetcher for the location of validated <paramref name="options"/>, timed by <paramref name="clock"/>.</summary>
        public PriceFetcher(UploadOptions options, IClock clock)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            options.Validate();
            this.clock = clock;
            path = "/prices/" + Escape(options.LocationId);
            direction = options.TariffDirection;
            backoff = new Backoff(options.BackoffBaseMs, options.BackoffCapMs, options.RandomSeed + 11);
            slowRetryMs = options.SlowRetryMs;
            State = "not read yet";
        }

        /// <summary>The slots held.</summary>
        public PriceCache Cache { get; } = new PriceCache();

        /// <summary>The streaming reader of the answers.</summary>
        public PriceStreamReader Reader { get; } = new PriceStreamReader();

        /// <summary>What the fetcher is doing, for people.</summary>
        public string State { get; private set; }

        /// <summary>Price requests sent so far.</summary>
        public int Requests { get; private set; }

        /// <summary>True when a price request should start now.</summary>
        public bool IsDue(long nowMs)
        {
            if (nowMs < notBeforeMs || !clock.TryGetUtc(out long utc)) return false;
            if (Cache.ReadAt == 0) return true;
            // next_update says when the prices asked for may change; a window that runs out sooner
            // (a short one, for a transport that does not stream) is a new question an hour before its end.
            long due = windowEnd - 3600;
            if (Cache.NextUpdate != 0 && Cache.NextUpdate < due) due = Cache.NextUpdate;
            long least = Cache.ReadAt + LeastGapSeconds;
            return utc >= (due > least ? due : least);
        }

        /// <summary>Fills <paramref name="request"/> for the next read; the answer streams into <see cref="Reader"/>.</summary>
        public void Prepare(HttpRequest request, FlatpeakClient client)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (!clock.TryGetUtc(out long utc)) throw new InvalidOperationException("no UTC clock yet");
            long start = utc - Mod(utc, HalfHour);
            long end = start + windowSeconds;
            int p = JsonText.WriteAscii("{\"start_time\":\"", body, 0);
            p += Rfc3339.Write(start, body, p);
            p = JsonText.WriteAscii("\",\"end_time\":\"", body, p);
            p += Rfc3339.Write(end, body, p);
            p = JsonText.WriteAscii(direction == null ? "\"}" : "\",\"tariff_direction\":\"" + direction + "\"}", body, p);
            bodyLength = p;
            client.PrepareApi(request, "POST", path, body, bodyLength);
            Reader.Arm();
            request.BodySink = Reader;
            pendingWindowEnd = end;
            Requests++;
        }

        /// <summary>Takes the answer of the request <see cref="Prepare"/> filled.</summary>
        public void Finish(HttpResponse response, RetryAction action, long nowMs)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            if (action != RetryAction.Relogin) reloginTried = false;
            switch (action)
            {
                case RetryAction.Sent:
                    if (!Reader.Started)
                    {
                        // The transport did not stream: its buffer is all there is.
                        if (response.BodyTruncated)
                        {
                            // Never read cut: ask for fewer hours, so the answer fits the buffer.
                            if (windowSeconds > ShortestWindowSeconds)
                            {
                                windowSeconds /= 2;
                                if (windowSeconds < ShortestWindowSeconds) windowSeconds = ShortestWindowSeconds;
                                Wait("the answer is longer than the transport's buffer; asking for " + (windowSeconds / 3600).ToString() + " hours", nowMs + 1000);
                                return;
                            }

                            Wait("the answer is longer than the transport's buffer", nowMs + backoff.Next());
                            return;
                        }

                        Reader.Reset();
                        Reader.Write(response.Body, 0, response.BodyLength);
                    }

                    if (!Reader.Finish())
                    {
                        Wait("answer unreadable: " + Reader.Problem, nowMs + backoff.Next());
                        return;
                    }

                    if (Reader.SlotCount == 0)
                    {
                        Wait("the answer has no price slots", nowMs + backoff.Next());
                        return;
                    }

                    clock.TryGetUtc(out long utc);
                    Cache.Replace(Reader, utc);
                    windowEnd = pendingWindowEnd;
                    backoff.Reset();
                    State = "as of " + Rfc3339.Format(utc);
                    return;
                case RetryAction.Relogin:
                    // Once at once with a fresh token; a second refusal in a row waits like any failure.
                    if (reloginTried) Wait("credentials refused (HTTP " + response.StatusCode + ")", nowMs + backoff.Next());
                    else notBeforeMs = nowMs;
                    reloginTried = !reloginTried;
                    return;
                case RetryAction.SlowRetry:
                    Wait("HTTP " + response.StatusCode, nowMs + slowRetryMs);
                    return;
                case RetryAction.Quarantine:
                    Wait("refused (HTTP " + response.StatusCode + ")", nowMs + RefusedRetryMs);
                    return;
                default:
                    Wait(response.Outcome == HttpOutcome.Completed ? "HTTP " + response.StatusCode : "no answer", nowMs + backoff.Next());
                    return;
            }
        }

        /// <summary>Copies the current and next half-hour's prices into <paramref name="status"/>, the price reader's section of the status.</summary>
        public void Fill(PriceStatus status)
        {
            if (status == null) throw new ArgumentNullException(nameof(status));
            status.PriceState = State;
            status.PriceCurrency = Cache.Currency;
            status.PriceTimezone = Cache.LocationTimezone;
            int current = -1;
            int next = -1;
            if (clock.TryGetUtc(out long utc))
            {
                current = Cache.Current(utc);
                next = Cache.Current(utc - Mod(utc, HalfHour) + HalfHour);
            }

            status.PriceNowKnown = current >= 0;
            status.PriceNowMicros = current >= 0 ? Cache.PriceMicros(current) : 0;
            status.PriceNowFrom = current >= 0 ? Cache.From(current) : 0;
            status.PriceNowTo = current >= 0 ? Cache.To(current) : 0;
            status.PriceNowConfidencePermille = current >= 0 ? Cache.ConfidencePermille(current) : -1;
            status.PriceNextKnown = next >= 0;
            status.PriceNextMicros = next >= 0 ? Cache.PriceMicros(next) : 0;
            status.PriceNextFrom = next >= 0 ? Cache.From(next) : 0;
            status.PriceNextTo = next >= 0 ? Cache.To(next) : 0;
            status.PriceNextConfidencePermille = next >= 0 ? Cache.ConfidencePermille(next) : -1;
        }

        private void Wait(string why, long untilMs)
        {
            notBeforeMs = untilMs;
            State = (Cache.ReadAt == 0 ? "not read yet: " : "as of " + Rfc3339.Format(Cache.ReadAt) + "; last try: ") + why + ", retrying";
        }

        private static long Mod(long value, long modulus)
        {
            long r = value % modulus;
            return r < 0 ? r + modulus : r;
        }

        private static string Escape(string id)
        {
            const string Hex = "0123456789ABCDEF";
            char[] chars = new char[id.Length * 3];
            int n = 0;
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (Records.ReferenceIds.IsIdChar(c))
                {
                    chars[n++] = c;
                    continue;
                }

                chars[n++] = '%';
                chars[n++] = Hex[(c >> 4) & 0xF];
                chars[n++] = Hex[c & 0xF];
            }

            return new string(chars, 0, n);
        }
    }
}
