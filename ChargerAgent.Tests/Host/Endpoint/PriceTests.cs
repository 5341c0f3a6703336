using System;
using System.Collections.Generic;
using System.Text;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Upload.Prices;
using ChargerAgent.Endpoint;
using ChargerAgent.Tests.Fakes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>The price at the charger: read from POST /prices through the streaming reader, cached, shown, never in the way of records.</summary>
    [TestClass]
    public sealed class PriceTests
    {
        // 2024-03-01T16:10:00Z: inside the default tariff's peak (16:00-19:00 UTC, 0.35 GBP/kWh).
        private const long PeakUtc = 1709309400;

        [TestMethod]
        public void Status_shows_the_current_and_next_half_hour_price_from_the_endpoints_tariff()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Run(3_000);
            AgentStatus s = rig.Status;
            Assert.IsTrue(s.Prices.PriceNowKnown, s.Prices.PriceState);
            Assert.AreEqual(350000L, s.Prices.PriceNowMicros);
            Assert.AreEqual("2024-03-01T16:00:00Z", Rfc3339.Format(s.Prices.PriceNowFrom));
            Assert.AreEqual("2024-03-01T16:30:00Z", Rfc3339.Format(s.Prices.PriceNowTo));
            Assert.IsTrue(s.Prices.PriceNextKnown);
            Assert.AreEqual("2024-03-01T16:30:00Z", Rfc3339.Format(s.Prices.PriceNextFrom));
            Assert.AreEqual("GBP", s.Prices.PriceCurrency);
            Assert.AreEqual("Europe/London", s.Prices.PriceTimezone);
            Assert.AreEqual(1000, s.Prices.PriceNowConfidencePermille);

            var output = new Lines();
            StatusReport.WriteFlatpeak(output, s);
            StringAssert.Contains(output.Text, "price now: 0.35000 GBP/kWh (2024-03-01T16:00:00Z to 2024-03-01T16:30:00Z, confirmed)");
            StringAssert.Contains(output.Text, "price next half-hour: 0.35000 GBP/kWh (2024-03-01T16:30:00Z");
            StringAssert.Contains(output.Text, "location time zone Europe/London");
        }

        [TestMethod]
        public void The_current_slot_follows_the_utc_clock_across_a_slot_edge_without_a_new_read()
        {
            var rig = new PriceRig(1709310600 - 1); // 16:29:59Z
            rig.Run(3_000);
            Assert.AreEqual("2024-03-01T16:00:00Z", Rfc3339.Format(rig.Status.Prices.PriceNowFrom));
            rig.Clock.Utc = 1709310600; // 16:30:00Z: the next slot is current
            rig.Run(1_000);
            Assert.AreEqual("2024-03-01T16:30:00Z", Rfc3339.Format(rig.Status.Prices.PriceNowFrom));
            Assert.AreEqual(1, rig.Transport.Count("/prices/"));
        }

        [TestMethod]
        public void Prices_are_read_no_sooner_than_next_update_allows()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Run(3_000);
            Assert.AreEqual(1, rig.Transport.Count("/prices/"));
            rig.Clock.Utc = 1709333999; // 22:59:59Z, before next_update 23:00Z
            rig.Run(60_000);
            Assert.AreEqual(1, rig.Transport.Count("/prices/"), "the cache serves until next_update");
            rig.Clock.Utc = 1709334000;
            rig.Run(3_000);
            Assert.AreEqual(2, rig.Transport.Count("/prices/"));
            StringAssert.StartsWith(rig.Status.Prices.PriceState, "as of 2024-03-01T23:00:00Z");
        }

        [TestMethod]
        public void A_day_of_slots_longer_than_the_response_buffer_streams_through_the_bounded_reader()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Run(3_000);
            Assert.IsTrue(rig.Transport.LongestBody > Uploader.MaxResponseBytes, "answer of " + rig.Transport.LongestBody + " bytes");
            Assert.AreEqual(48, rig.Uploader.Prices.Cache.Count);
            Assert.IsTrue(rig.Uploader.Prices.Reader.BytesRead > Uploader.MaxResponseBytes);
        }

        [TestMethod]
        public void A_transport_that_does_not_stream_gets_a_long_answer_refused_not_read_cut_and_asks_for_fewer_hours()
        {
            var rig = new PriceRig(PeakUtc, streams: false);
            rig.Run(500);
            Assert.IsFalse(rig.Status.Prices.PriceNowKnown, "the first answer (24 hours) did not fit the buffer and was not read cut");
            StringAssert.Contains(rig.Status.Prices.PriceState, "longer than the transport's buffer; asking for 12 hours");
            rig.Run(10_000);
            Assert.IsTrue(rig.Status.Prices.PriceNowKnown, rig.Status.Prices.PriceState);
            Assert.AreEqual(350000L, rig.Status.Prices.PriceNowMicros);
            Assert.AreEqual(24, rig.Uploader.Prices.Cache.Count, "12 hours of half-hours");
            StringAssert.Contains(rig.Transport.Bodies[rig.Transport.Bodies.Count - 1], "\"end_time\":\"2024-03-02T04:00:00Z\"");
        }

        [TestMethod]
        public void Price_requests_give_way_to_the_record_backlog()
        {
            var rig = new PriceRig(PeakUtc);
            rig.AddRecords(5);
            rig.Run(5_000);
            int price = rig.Transport.Paths.FindIndex(p => p.StartsWith("POST /prices/", StringComparison.Ordinal));
            int lastRecord = rig.Transport.Paths.FindLastIndex(p => p.StartsWith("POST /costs/instant", StringComparison.Ordinal));
            Assert.IsTrue(price > lastRecord, string.Join(" | ", rig.Transport.Paths));
            Assert.AreEqual(5, rig.Endpoint.Ledger.Count);
        }

        [TestMethod]
        public void Failing_price_reads_are_retried_and_never_slow_record_delivery()
        {
            var rig = new PriceRig(PeakUtc) { };
            rig.Transport.FailPrices = true;
            for (int i = 0; i < 10; i++)
            {
                rig.AddRecords(1);
                rig.Run(2_000);
            }

            Assert.AreEqual(10, rig.Endpoint.Ledger.Count, "every record delivered in its 2 s");
            Assert.IsTrue(rig.Transport.Count("/prices/") >= 2, "retried");
            StringAssert.StartsWith(rig.Status.Prices.PriceState, "not read yet: HTTP 500");
            rig.Transport.FailPrices = false;
            rig.Run(700_000);
            Assert.IsTrue(rig.Status.Prices.PriceNowKnown, rig.Status.Prices.PriceState);
        }

        [TestMethod]
        public void Without_a_utc_clock_no_price_is_asked()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Clock.Trusted = false;
            rig.Run(5_000);
            Assert.AreEqual(0, rig.Transport.Count("/prices/"));
            Assert.IsFalse(rig.Status.Prices.PriceNowKnown);
        }

        [TestMethod]
        public void The_price_request_keeps_to_the_contract()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Run(3_000);
            var contract = FlatpeakContract.Load();
            Assert.AreEqual(1, rig.Transport.Bodies.Count);
            List<string> problems = contract.CheckRequest("POST", "/prices/loc_641b90b758fb8e6293716e40", rig.Transport.Bodies[0]);
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
            StringAssert.Contains(rig.Transport.Bodies[0], "\"start_time\":\"2024-03-01T16:00:00Z\",\"end_time\":\"2024-03-02T16:00:00Z\"");
        }

        [TestMethod]
        public void A_finished_sessions_cost_is_shown_as_provisional_as_of_its_time()
        {
            var rig = new PriceRig(PeakUtc);
            rig.Ring.Add(PeakUtc - 3600, 1000, 1, RecordFlags.None);
            rig.Ring.Add(PeakUtc - 1800, 1000, 1, RecordFlags.SessionEnd);
            rig.Run(5_000);
            var output = new Lines();
            StatusReport.WriteFlatpeak(output, rig.Status);
            StringAssert.Contains(output.Text, "session 1 cost: ");
            StringAssert.Contains(output.Text, "provisional as of 2024-03-01T16:10:00Z: the API marks no cost final");
            StringAssert.Contains(output.Text, "re-read from /costs/session: ");
        }

        private sealed class PriceRig
        {
            public readonly FlatpeakEndpoint Endpoint;
            public readonly UtcClock Clock = new();
            public readonly FakePowerLine Power = new();
            public readonly FakeRecordRing Ring = new(0x1234abcd);
            public readonly StreamingTransport Transport;
            public readonly AgentStatus Status = new();
            public readonly UploadOptions Options;
            public readonly Uploader Uploader;
            private readonly UploaderStepHarness step;

            public PriceRig(long utc, bool streams = true)
            {
                Clock.Utc = utc;
                Endpoint = new FlatpeakEndpoint(new EndpointOptions { UtcNow = () => DateTimeOffset.FromUnixTimeSeconds(Clock.Utc), TokenLifetimeSeconds = 7 * 86_400 });
                var values = new ConfigValues();
                Assert.IsTrue(ConfigText.TryParse(DeviceRig.BaseText + "agent.id = bay-9\nflatpeak.show_prices = true\n", values, out string problem), problem);
                var config = new AgentConfig();
                Assert.IsTrue(ConfigValidator.Validate(values, false, config, out string[] problems), string.Join("; ", problems));
                Options = RuntimeSettings.Upload(config);
                Assert.IsTrue(Options.ReadPrices);
                Options.PaceMs = 0;
                Transport = new StreamingTransport(Endpoint, streams);
                var checkpoint = new DeliveryWatermarks { Generation = Ring.Generation };
                var files = new FakeFileStore(Power);
                Uploader = new Uploader(Options, Transport, Ring, checkpoint, new FakeCheckpointStore(Power), files, new FakeBootEpochs(), null);
                Uploader.Prices = new PriceFetcher(Options, Clock);
                Uploader.Start(Clock.Now);
                step = new UploaderStepHarness(Uploader, Status, Clock);
            }

            public void AddRecords(int count)
            {
                for (int i = 0; i < count; i++) Ring.Add(Clock.Utc - 86_400 + (Ring.NextSeq - 1) * 1800, 1000, 0, RecordFlags.None);
            }

            public void Run(long ms)
            {
                long end = Clock.Now + ms;
                while (Clock.Now < end)
                {
                    Clock.Now += 100;
                    step.Step();
                }
            }
        }

        /// <summary>What UploaderStep does after each step (fills the status and notes when the session cost changed).</summary>
        private sealed class UploaderStepHarness
        {
            private readonly Uploader uploader;
            private readonly AgentStatus status;
            private readonly UtcClock clock;
            private long lastCost = -1;
            private string lastState;

            public UploaderStepHarness(Uploader uploader, AgentStatus status, UtcClock clock)
            {
                this.uploader = uploader;
                this.status = status;
                this.clock = clock;
            }

            public void Step()
            {
                uploader.Step(clock.Now);
                uploader.FillStatus(status.Delivery);
                if (uploader.Prices != null) uploader.Prices.Fill(status.Prices);
                if (status.Delivery.LastSessionCostMicros != lastCost || status.Delivery.LastSessionServerCostState != lastState)
                {
                    lastCost = status.Delivery.LastSessionCostMicros;
                    lastState = status.Delivery.LastSessionServerCostState;
                    status.Delivery.LastSessionCostAsOf = clock.Utc;
                }
            }
        }

        internal sealed class UtcClock : IClock
        {
            public long Now;
            public long Utc;
            public bool Trusted = true;

            public long MonotonicMilliseconds => Now;

            public bool TryGetUtc(out long unixSeconds)
            {
                unixSeconds = Utc;
                return Trusted;
            }
        }

        /// <summary>
        /// The endpoint's handler as a transport that streams each answer into the request's body sink
        /// in 256-byte pieces (as a transport honouring <see cref="HttpRequest.BodySink"/> does), the
        /// response buffer getting the first bytes only. <see cref="FailPrices"/> answers price reads 500.
        /// </summary>
        internal sealed class StreamingTransport : IHttpTransport
        {
            private readonly FlatpeakEndpoint endpoint;
            private readonly bool streams;
            private EndpointResponse pending;
            private IResponseBodySink sink;

            public StreamingTransport(FlatpeakEndpoint endpoint, bool streams)
            {
                this.endpoint = endpoint;
                this.streams = streams;
            }

            public readonly List<string> Paths = new List<string>();
            public readonly List<string> Bodies = new List<string>();
            public bool FailPrices;
            public int LongestBody;

            public bool IsBusy => pending != null;

            public int Count(string pathPart) => Paths.FindAll(p => p.Contains(pathPart, StringComparison.Ordinal)).Count;

            public void Start(HttpRequest request)
            {
                string path = new Uri(request.Url).PathAndQuery;
                Paths.Add(request.Method + " " + path);
                byte[] body = request.Body == null ? Array.Empty<byte>() : request.Body.AsSpan(0, request.BodyLength).ToArray();
                if (path.StartsWith("/prices/", StringComparison.Ordinal)) Bodies.Add(Encoding.UTF8.GetString(body));
                sink = streams ? request.BodySink : null;
                pending = FailPrices && path.StartsWith("/prices/", StringComparison.Ordinal)
                    ? new ApiError(500, "api_error", "api_error", "down").ToResponse()
                    : endpoint.Handle(new EndpointRequest
                    {
                        Method = request.Method, PathAndQuery = path, Authorization = request.Authorization,
                        ApiVersion = request.ApiVersion, ContentType = request.ContentType, Body = body,
                    });
            }

            public bool TryTakeResult(HttpResponse response)
            {
                if (pending == null) return false;
                byte[] body = pending.Body;
                LongestBody = Math.Max(LongestBody, body.Length);
                if (sink != null)
                {
                    sink.Reset();
                    for (int at = 0; at < body.Length; at += 256) sink.Write(body, at, Math.Min(256, body.Length - at));
                }

                response.Outcome = HttpOutcome.Completed;
                response.StatusCode = pending.StatusCode;
                response.ContentType = pending.ContentType;
                int n = Math.Min(body.Length, response.Body.Length);
                Array.Copy(body, response.Body, n);
                response.BodyLength = n;
                response.BodyTruncated = n < body.Length;
                response.Error = null;
                pending = null;
                sink = null;
                return true;
            }
        }

        private sealed class Lines : IConsoleOutput
        {
            private readonly StringBuilder text = new();

            public string Text => text.ToString();

            public void Write(string value) => text.Append(value);

            public void WriteLine(string line) => text.Append(line).Append('\n');
        }
    }
}
