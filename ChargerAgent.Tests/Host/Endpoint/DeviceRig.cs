using System;
using System.Collections.Generic;
using System.Text;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Tests.Fakes;
using ChargerAgent.Tests.Upload;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>
    /// An uploader configured from config.txt text, talking to the local endpoint in memory, on fake
    /// flash that survives a reboot. Every request the agent sends is logged ("METHOD path body").
    /// </summary>
    internal sealed class DeviceRig
    {
        public const string BaseText =
            "flatpeak.account_id = acc_local_test\n" +
            "flatpeak.api_key = sk_test_local\n" +
            "flatpeak.location_id = loc_641b90b758fb8e6293716e40\n" +
            "meter.kind = s0\n";

        public readonly FlatpeakEndpoint Endpoint = new();
        public readonly FakePowerLine Power = new();
        public readonly FakeRecordRing Ring = new(0x1234abcd);
        public readonly FakeBootEpochs Epochs = new();
        public readonly FakeFileStore Files;
        public readonly FakeWatermarkStore Store;
        public readonly RecordingTransport Transport;
        public readonly UploadOptions Options;
        public readonly AgentStatus Status = new();
        public DeliveryWatermarks Watermarks = new();
        public Uploader Uploader;
        public long Now;

        public DeviceRig(string configLines)
        {
            var values = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(BaseText + configLines, values, out string problem), problem);
            var config = new AgentConfig();
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out string[] problems), string.Join("; ", problems));
            Options = RuntimeSettings.Upload(config);
            Options.PaceMs = 0;
            Files = new FakeFileStore(Power);
            Store = new FakeWatermarkStore(Power);
            Transport = new RecordingTransport(new InMemoryTransport(Endpoint));
            Watermarks.Generation = Ring.Generation;
            Boot();
        }

        public void Boot()
        {
            Uploader = new Uploader(Options, Transport, Ring, Watermarks, Store, Files, Epochs, null);
            Uploader.Start(Now);
        }

        /// <summary>Power cut and restart: only what was flushed survives.</summary>
        public void Reboot()
        {
            Files.PowerCut();
            Watermarks = new DeliveryWatermarks();
            if (!Store.TryLoad(Watermarks)) Watermarks.Generation = Ring.Generation;
            Now += 60_000;
            Boot();
        }

        public void AddRecords(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Ring.Add(UploadRig.T0 + (Ring.NextSeq - 1) * 1800, 1000 + Ring.NextSeq, 0, RecordFlags.None);
            }
        }

        /// <summary>Steps for <paramref name="ms"/> milliseconds, 100 ms a step.</summary>
        public void Run(long ms)
        {
            long end = Now + ms;
            while (Now < end)
            {
                Now += 100;
                Uploader.Step(Now);
            }

            Uploader.FillStatus(Status.Delivery);
            if (Uploader.Prices != null) Uploader.Prices.Fill(Status.Prices);
        }

        public string RecordId(uint seq) => ReferenceIds.RecordId(Options.ReferenceDeviceId, Ring.Generation, seq);

        public StoredRecord Stored(uint seq)
        {
            Assert.IsTrue(Endpoint.Ledger.TryGet(RecordId(seq), out StoredRecord record), "record " + seq + " (" + RecordId(seq) + ") is not on the server");
            return record;
        }

        public int Count(string methodAndPath)
        {
            int n = 0;
            foreach (string line in Transport.Log)
            {
                if (line.StartsWith(methodAndPath, StringComparison.Ordinal)) n++;
            }

            return n;
        }
    }

    /// <summary>Logs each request and can lose the answer of the next one whose "METHOD path" starts with <see cref="LoseNext"/> (after the server handled it).</summary>
    internal sealed class RecordingTransport : IHttpTransport
    {
        private readonly IHttpTransport inner;
        private bool lose;

        public RecordingTransport(IHttpTransport inner) => this.inner = inner;

        public readonly List<string> Log = new List<string>();
        public readonly List<string> Versions = new List<string>();
        public readonly List<Exchange> Exchanges = new List<Exchange>();
        public string LoseNext;
        public string Forbid;
        private Exchange current;
        private bool forbidden;

        public bool IsBusy => !forbidden && inner.IsBusy;

        public void Start(HttpRequest request)
        {
            string path = new Uri(request.Url).PathAndQuery;
            string body = request.Body == null ? string.Empty : Encoding.UTF8.GetString(request.Body, 0, request.BodyLength);
            Log.Add(request.Method + " " + path + " " + body);
            Versions.Add(request.ApiVersion);
            current = new Exchange { Method = request.Method, PathAndQuery = path, RequestBody = body };
            lose = LoseNext != null && (request.Method + " " + path).StartsWith(LoseNext, StringComparison.Ordinal);
            if (lose) LoseNext = null;
            forbidden = Forbid != null && (request.Method + " " + path).StartsWith(Forbid, StringComparison.Ordinal);
            if (!forbidden) inner.Start(request);
        }

        public bool TryTakeResult(HttpResponse response)
        {
            if (forbidden)
            {
                forbidden = false;
                current = null;
                byte[] error = Encoding.UTF8.GetBytes("{\"object\":\"error\",\"type\":\"authentication_error\",\"code\":\"forbidden\",\"message\":\"no\"}");
                response.Outcome = HttpOutcome.Completed;
                response.StatusCode = 403;
                Array.Copy(error, response.Body, error.Length);
                response.BodyLength = error.Length;
                response.BodyTruncated = false;
                response.Error = null;
                return true;
            }

            if (!inner.TryTakeResult(response)) return false;
            if (current != null && response.Outcome == HttpOutcome.Completed && !lose)
            {
                current.Status = response.StatusCode;
                current.ResponseBody = Encoding.UTF8.GetString(response.Body, 0, response.BodyLength);
                Exchanges.Add(current);
            }

            current = null;
            if (lose)
            {
                lose = false;
                response.Outcome = HttpOutcome.NetworkError;
                response.StatusCode = 0;
                response.BodyLength = 0;
                response.Error = "connection reset before the response arrived";
            }

            return true;
        }
    }

    /// <summary>One completed request and its answer.</summary>
    internal sealed class Exchange
    {
        public string Method;
        public string PathAndQuery;
        public string RequestBody;
        public int Status;
        public string ResponseBody;

        public override string ToString() => Method + " " + PathAndQuery + " -> " + Status;
    }
}
