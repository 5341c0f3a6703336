using System;
using System.Collections.Generic;
using System.Text;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Tests.Upload;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>The agent's requests and the local endpoint's answers, held against docs/flatpeak-openapi.json.</summary>
    [TestClass]
    public sealed class OpenApiContractTests
    {
        private static readonly FlatpeakContract Contract = FlatpeakContract.Load();

        [TestMethod]
        public void The_contract_is_a_valid_OpenAPI_document_of_the_pinned_edition()
        {
            Assert.AreEqual(0, Contract.Diagnostic.Errors.Count, string.Join("; ", Contract.Diagnostic.Errors));
            Assert.AreEqual(FlatpeakClient.ApiVersion, Contract.Document.Info.Version);
            Assert.IsNotNull(Contract.Find("POST", "/costs/instant", out _));
            Assert.IsNotNull(Contract.Find("POST", "/costs/session/bay-9-1234abcd-s1", out _));
            Assert.IsNotNull(Contract.Find("POST", "/devices", out _));
            Assert.IsNotNull(Contract.Find("GET", "/devices?reference_id=x", out _));
            Assert.IsNotNull(Contract.Find("POST", "/prices/loc_1", out _));
            Assert.IsNotNull(Contract.Find("GET", "/login", out _));
        }

        [TestMethod]
        public void Every_request_of_the_agent_and_every_answer_of_the_endpoint_keep_to_the_contract()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\nflatpeak.send_confidence = true\n");
            rig.Run(2_000);
            rig.Ring.Add(UploadRig.T0, 1200, 1, RecordFlags.None);
            rig.Ring.Add(UploadRig.T0 + 1800, 800, 1, RecordFlags.SessionEnd);
            rig.Run(10_000);

            var kinds = new HashSet<string>();
            var problems = new List<string>();
            foreach (Exchange exchange in rig.Transport.Exchanges)
            {
                Contract.Find(exchange.Method, exchange.PathAndQuery, out string template);
                kinds.Add(exchange.Method + " " + template);
                problems.AddRange(Contract.CheckRequest(exchange.Method, exchange.PathAndQuery, exchange.RequestBody));
                problems.AddRange(Contract.CheckResponse(exchange.Method, exchange.PathAndQuery, exchange.Status, exchange.ResponseBody));
            }

            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
            foreach (string kind in new[] { "GET /login", "GET /devices", "POST /devices", "POST /costs/instant", "POST /costs/session/{id}" })
            {
                Assert.IsTrue(kinds.Contains(kind), kind + " was not exercised: " + string.Join(", ", rig.Transport.Exchanges));
            }

            StringAssert.Contains(rig.Transport.Exchanges.Find(e => e.PathAndQuery == "/costs/instant").RequestBody, "\"device_id\":\"dev_");
        }

        [TestMethod]
        public void The_endpoints_price_answer_keeps_to_the_contract()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            string body = "{\"start_time\":\"2024-03-01T00:00:00Z\",\"end_time\":\"2024-03-02T00:00:00Z\",\"tariff_direction\":\"IMPORT\"}";
            Assert.AreEqual(0, Contract.CheckRequest("POST", "/prices/loc_1", body).Count);
            EndpointResponse r = endpoint.Handle(new EndpointRequest
            {
                Method = "POST", PathAndQuery = "/prices/loc_1", Authorization = bearer, ContentType = "application/json",
                Body = Encoding.UTF8.GetBytes(body),
            });
            string answer = Encoding.UTF8.GetString(r.Body);
            List<string> problems = Contract.CheckResponse("POST", "/prices/loc_1", r.StatusCode, answer);
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
            using var doc = EndpointTestKit.Json(r);
            Assert.AreEqual(48, doc.RootElement.GetProperty("data").GetArrayLength(), "one slot per half-hour of the day");
        }

        [TestMethod]
        [DataRow("POST", "/costs/instant", "{\"location_id\":\"loc_1\"}")]
        [DataRow("POST", "/devices", "{\"reference_id\":\"\"}")]
        [DataRow("POST", "/prices/loc_1", "{\"end_time\":\"yesterday\"}")]
        [DataRow("GET", "/devices?reference_id=x&limit=0", null)]
        public void The_endpoints_errors_keep_to_the_contracts_error_shape(string method, string path, string body)
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointResponse r = endpoint.Handle(new EndpointRequest
            {
                Method = method, PathAndQuery = path, Authorization = bearer, ContentType = body == null ? null : "application/json",
                Body = body == null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
            });
            Assert.AreEqual(4, r.StatusCode / 100, Encoding.UTF8.GetString(r.Body));
            List<string> problems = Contract.CheckResponse(method, path, r.StatusCode, Encoding.UTF8.GetString(r.Body));
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        [TestMethod]
        [DataRow("POST", "/costs/instant", "{\"location_id\":\"loc_1\",\"units\":\"WH\",\"value\":1,\"start_time\":\"2024-03-01T00:00:00Z\",\"end_time\":\"2024-03-01T00:30:00Z\",\"direction\":\"IMPORT\"}", "direction")]
        [DataRow("POST", "/costs/instant", "{\"location_id\":\"loc_1\",\"units\":\"WH\",\"value\":1,\"start_time\":\"2024-03-01 00:00\",\"end_time\":\"2024-03-01T00:30:00Z\"}", "start_time")]
        [DataRow("POST", "/costs/instant", "{\"location_id\":\"loc_1\",\"device_id\":\"garage-1\",\"units\":\"WH\",\"value\":1,\"start_time\":\"2024-03-01T00:00:00Z\",\"end_time\":\"2024-03-01T00:30:00Z\"}", "device_id")]
        [DataRow("POST", "/devices", "{}", "reference_id")]
        [DataRow("GET", "/devices?name=x", null, "name")]
        public void The_contract_catches_a_request_that_strays_from_it(string method, string path, string body, string about)
        {
            List<string> problems = Contract.CheckRequest(method, path, body);
            Assert.IsTrue(problems.Count > 0, "not caught: " + body);
            Assert.IsTrue(string.Join("\n", problems).Contains(about, StringComparison.Ordinal) || problems.Exists(p => p.Contains("required", StringComparison.Ordinal) || p.Contains("additional", StringComparison.OrdinalIgnoreCase)), string.Join("\n", problems));
        }

        [TestMethod]
        public void The_contract_catches_an_answer_without_what_the_agent_reads()
        {
            Assert.IsTrue(Contract.CheckResponse("POST", "/costs/instant", 200, "{\"id\":\"mre_1\",\"object\":\"meter_record\"}").Count > 0);
            Assert.IsTrue(Contract.CheckResponse("POST", "/devices", 201, "{\"id\":\"x1\",\"object\":\"device\",\"live_mode\":false,\"reference_id\":\"r\",\"time_created\":\"t\",\"account_id\":\"a\"}").Count > 0, "an id that is not dev_");
            Assert.IsTrue(Contract.CheckResponse("POST", "/prices/loc_1", 200, "{\"object\":\"price\",\"currency_code\":\"GBP\",\"data\":[{\"valid_from\":\"2024-03-01T00:00:00Z\"}]}").Count > 0);
        }
    }
}
