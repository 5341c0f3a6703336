using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargerAgent.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>POST /costs/instant validation, field by field, through the in-process handler.</summary>
    [TestClass]
    public sealed class ValidationTests
    {
        private const string Missing = "<missing>";

        private static EndpointResponse PostWith(string field, string rawValue)
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            JsonObject body = JsonNode.Parse(EndpointTestKit.ValidBody).AsObject();
            if (rawValue == Missing)
            {
                body.Remove(field);
            }
            else
            {
                body[field] = rawValue == "null" ? null : JsonNode.Parse(rawValue);
            }

            return EndpointTestKit.PostInstant(endpoint, bearer, body.ToJsonString());
        }

        [TestMethod]
        public void The_seed_pages_example_body_is_accepted()
        {
            EndpointResponse r = PostWith("units", "\"WH\"");
            Assert.AreEqual(200, r.StatusCode, Encoding.UTF8.GetString(r.Body));
        }

        [TestMethod]
        [DataRow("location_id", "\"loc_2\"")]
        [DataRow("device_id", Missing)]
        [DataRow("session_reference_id", Missing)]
        [DataRow("record_reference_id", Missing)]
        [DataRow("record_reference_id", "\"dev1-0a1b2c3d-000042\"")]
        [DataRow("energy_flow_direction", Missing)]
        [DataRow("energy_flow_direction", "\"OUTBOUND\"")]
        [DataRow("tariff_direction", Missing)]
        [DataRow("tariff_direction", "\"EXPORT\"")]
        [DataRow("tariff_direction", "\"LOCAL\"")]
        [DataRow("units", "\"W\"")]
        [DataRow("units", "\"KW\"")]
        [DataRow("units", "\"KWH\"")]
        [DataRow("value", "0")]
        [DataRow("value", "12.5")]
        [DataRow("confidence", Missing)]
        [DataRow("confidence", "0.1")]
        [DataRow("confidence", "0.75")]
        [DataRow("start_time", "\"2024-03-01T11:00:00+01:00\"")]
        [DataRow("start_time", "\"2024-03-01T10:00:00.250Z\"")]
        [DataRow("end_time", "\"2024-03-01T10:30:00.5+00:00\"")]
        public void A_good_value_is_accepted(string field, string rawValue)
        {
            EndpointResponse r = PostWith(field, rawValue);
            Assert.AreEqual(200, r.StatusCode, field + "=" + rawValue + ": " + Encoding.UTF8.GetString(r.Body));
        }

        [TestMethod]
        [DataRow("location_id", Missing, "parameter_missing")]
        [DataRow("units", Missing, "parameter_missing")]
        [DataRow("value", Missing, "parameter_missing")]
        [DataRow("start_time", Missing, "parameter_missing")]
        [DataRow("end_time", Missing, "parameter_missing")]
        [DataRow("location_id", "42", "parameter_invalid_type")]
        [DataRow("location_id", "null", "parameter_invalid_type")]
        [DataRow("location_id", "\"\"", "parameter_invalid")]
        [DataRow("device_id", "[\"dev_1\"]", "parameter_invalid_type")]
        [DataRow("session_reference_id", "7", "parameter_invalid_type")]
        [DataRow("record_reference_id", "{}", "parameter_invalid_type")]
        [DataRow("record_reference_id", "\" R1\"", "parameter_invalid")]
        [DataRow("energy_flow_direction", "\"inbound\"", "parameter_invalid")]
        [DataRow("energy_flow_direction", "\"IMPORT\"", "parameter_invalid")]
        [DataRow("tariff_direction", "\"BOTH\"", "parameter_invalid")]
        [DataRow("tariff_direction", "true", "parameter_invalid_type")]
        [DataRow("units", "\"kWh\"", "parameter_invalid")]
        [DataRow("units", "\"MWH\"", "parameter_invalid")]
        [DataRow("value", "\"1500\"", "parameter_invalid_type")]
        [DataRow("value", "-1", "parameter_invalid")]
        [DataRow("value", "null", "parameter_invalid_type")]
        [DataRow("confidence", "0.05", "parameter_invalid")]
        [DataRow("confidence", "1.01", "parameter_invalid")]
        [DataRow("confidence", "\"1\"", "parameter_invalid_type")]
        [DataRow("start_time", "\"2024-03-01 10:00:00Z\"", "parameter_invalid")]
        [DataRow("start_time", "\"2024-03-01T10:00:00\"", "parameter_invalid")]
        [DataRow("start_time", "\"2024-02-30T10:00:00Z\"", "parameter_invalid")]
        [DataRow("start_time", "1709287200", "parameter_invalid_type")]
        [DataRow("end_time", "\"2024-03-01T10:00:00Z\"", "parameter_invalid")]
        [DataRow("end_time", "\"2024-03-01T09:59:59Z\"", "parameter_invalid")]
        [DataRow("end_time", "\"2024-03-01T25:00:00Z\"", "parameter_invalid")]
        [DataRow("direction", "\"IMPORT\"", "parameter_unknown")]
        [DataRow("tariff_rate", "\"IMPORT\"", "parameter_unknown")]
        [DataRow("non_persistent", "true", "parameter_unknown")]
        public void A_bad_value_is_rejected_in_the_api_error_shape(string field, string rawValue, string code)
        {
            EndpointResponse r = PostWith(field, rawValue);
            Assert.AreEqual(400, r.StatusCode, field + "=" + rawValue);
            using JsonDocument doc = EndpointTestKit.Json(r);
            JsonElement root = doc.RootElement;
            Assert.AreEqual("error", root.GetProperty("object").GetString());
            Assert.AreEqual("invalid_request", root.GetProperty("type").GetString());
            Assert.AreEqual(code, root.GetProperty("code").GetString(), root.GetProperty("message").GetString());
            Assert.AreEqual(field, root.GetProperty("param").GetString());
            Assert.IsFalse(string.IsNullOrEmpty(root.GetProperty("message").GetString()));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("[]")]
        [DataRow("{")]
        [DataRow("{\"location_id\":\"loc_1\",}")]
        [DataRow("{} {}")]
        [DataRow("<html>")]
        public void A_body_that_is_not_one_json_object_is_rejected(string body)
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), body);
            Assert.AreEqual(400, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.AreEqual("invalid_json", doc.RootElement.GetProperty("code").GetString());
            Assert.AreEqual(0, endpoint.Ledger.Count);
        }

        [TestMethod]
        public void A_field_sent_twice_is_rejected()
        {
            var endpoint = new FlatpeakEndpoint();
            string body = EndpointTestKit.ValidBody.Replace("\"units\":\"WH\"", "\"units\":\"WH\",\"units\":\"KWH\"");
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), body);
            Assert.AreEqual(400, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.AreEqual("parameter_duplicate", doc.RootElement.GetProperty("code").GetString());
        }

        [TestMethod]
        public void A_body_that_is_not_json_content_is_rejected_with_415()
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointResponse r = endpoint.Handle(new EndpointRequest
            {
                Method = "POST", PathAndQuery = "/costs/instant", Authorization = EndpointTestKit.Login(endpoint),
                ContentType = "text/plain", Body = Encoding.UTF8.GetBytes(EndpointTestKit.ValidBody),
            });
            Assert.AreEqual(415, r.StatusCode);
        }

        [TestMethod]
        [DataRow("?non_persistent=yes", 400)]
        [DataRow("?persist=false", 400)]
        [DataRow("?non_persistent=false", 200)]
        [DataRow("?non_persistent=true", 200)]
        public void The_query_is_validated_too(string query, int status)
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), EndpointTestKit.ValidBody, query);
            Assert.AreEqual(status, r.StatusCode);
        }

        [TestMethod]
        [DataRow("GET", "/costs/instant", 405)]
        [DataRow("POST", "/login", 405)]
        [DataRow("POST", "/meters", 404)]
        [DataRow("POST", "/costs/session/", 404)]
        public void Unknown_routes_and_methods_answer_in_the_error_shape(string method, string path, int status)
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = method, PathAndQuery = path, Authorization = EndpointTestKit.Login(endpoint) });
            Assert.AreEqual(status, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.AreEqual("error", doc.RootElement.GetProperty("object").GetString());
        }
    }
}
