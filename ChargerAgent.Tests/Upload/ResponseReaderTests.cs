using System.Text;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class ResponseReaderTests
    {
        private const string SeedRecord =
            "{\n  \"id\": \"mre_65e641b570b2901d3a40199d\",\n  \"object\": \"meter_record\",\n  \"live_mode\": true,\n"
            + "  \"currency_code\": \"GBP\",\n  \"energy_units\": \"WH\",\n  \"request\": {\"value\": 20567, \"units\": \"W\"},\n"
            + "  \"data\": {\n    \"start_time\": \"2022-02-01T10:30:00Z\",\n    \"energy\": {\n      \"value\": 10284\n    },\n"
            + "    \"cost\": {\n      \"value\": 928.372,\n      \"confidence\": 1\n    }\n  },\n  \"time_created\": \"2022-02-01T10:33:00Z\"\n}";

        internal static HttpResponse Response(string body)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            HttpResponse r = new HttpResponse { Outcome = HttpOutcome.Completed, StatusCode = 200, Body = new byte[4096], ContentType = "application/json; charset=utf-8" };
            int n = bytes.Length < r.Body.Length ? bytes.Length : r.Body.Length;
            System.Array.Copy(bytes, r.Body, n);
            r.BodyLength = n;
            r.BodyTruncated = bytes.Length > r.Body.Length;
            return r;
        }

        [TestMethod]
        public void The_documented_meter_record_gives_id_energy_cost_and_currency()
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadInstant(Response(SeedRecord)), reader.Problem);
            Assert.AreEqual("mre_65e641b570b2901d3a40199d", reader.RecordIdText());
            Assert.AreEqual(10284L, reader.EnergyWh);
            Assert.AreEqual(928372000L, reader.CostMicros);
            Assert.AreEqual("GBP", reader.Currency);
        }

        [TestMethod]
        public void Field_order_whitespace_unknown_fields_and_escaped_names_do_not_matter()
        {
            string body = "{\"extra\":[1,{\"data\":{\"cost\":{\"value\":5}}},null,true,\"x\\\"y\"],\"d\\u0061ta\":{\"cost\":{\"confidence\":1,\"value\":1.5e1},"
                + "\"energy\":{\"value\":7}},\t\"currency_code\":\"E\\u0055R\",\"id\":\"mre_\\/1\",\"ob\\u006aect\":\"meter_record\"}";
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadInstant(Response(body)), reader.Problem);
            Assert.AreEqual("mre_/1", reader.RecordIdText());
            Assert.AreEqual(15000000L, reader.CostMicros);
            Assert.AreEqual(7L, reader.EnergyWh);
            Assert.AreEqual("EUR", reader.Currency);
        }

        [TestMethod]
        public void The_older_tariff_field_is_read_when_cost_is_absent()
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadInstant(Response("{\"id\":\"a\",\"object\":\"meter_record\",\"data\":{\"tariff\":{\"value\":0.125}}}")));
            Assert.AreEqual(125000L, reader.CostMicros);
            Assert.IsTrue(reader.HasCost);
        }

        [TestMethod]
        public void The_currency_string_is_reused_while_it_does_not_change()
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadInstant(Response(SeedRecord)));
            string first = reader.Currency;
            Assert.IsTrue(reader.TryReadInstant(Response(SeedRecord)));
            Assert.AreSame(first, reader.Currency);
        }

        [TestMethod]
        public void A_login_gives_the_token_and_its_lifetime()
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadLogin(Response("{ \"live_mode\": false, \"expires_in\": 3600, \"bearer_token\": \"eyJ.abc\" }"), out string token));
            Assert.AreEqual("eyJ.abc", token);
            Assert.AreEqual(3600L, reader.ExpiresInSeconds);
            Assert.IsFalse(reader.TryReadLogin(Response("{\"expires_in\":3600}"), out token));
            Assert.IsNull(token);
        }

        [TestMethod]
        public void An_error_body_gives_its_code_and_message()
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadError(Response("{\"object\":\"error\",\"type\":\"invalid_request\",\"code\":\"no_price_data\",\"message\":\"No price\\ndata\"}")));
            Assert.AreEqual((int)ApiErrorCode.NoPriceData, (int)reader.ErrorCode);
            Assert.AreEqual("no_price_data: No price?data", reader.ErrorText());
            Assert.IsTrue(reader.ErrorTypeIs("invalid_request"));
            Assert.IsTrue(reader.ErrorCodeIs("no_price_data"));
            Assert.IsFalse(reader.TryReadError(Response("<html>bad gateway</html>")));
        }

        [TestMethod]
        public void A_session_answer_sums_its_data_entries()
        {
            string body = "{\"currency_code\":\"EUR\",\"data\":[{\"energy\":{\"value\":100},\"cost\":{\"value\":1.25}},"
                + "{\"cost\":{\"value\":0.005},\"energy\":{\"value\":50}},{\"energy\":{\"value\":1},\"cost\":{\"value\":0}}]}";
            ResponseReader reader = new ResponseReader();
            Assert.IsTrue(reader.TryReadSession(Response(body)));
            Assert.AreEqual(3, reader.SessionEntries);
            Assert.AreEqual(151L, reader.EnergyWh);
            Assert.AreEqual(1255000L, reader.CostMicros);
            Assert.IsTrue(reader.TryReadSession(Response("{\"data\":[]}")));
            Assert.AreEqual(0, reader.SessionEntries);
        }

        [DataRow("", "the response is empty")]
        [DataRow("<!DOCTYPE html><html><body>502</body></html>", "not JSON (looks like HTML)")]
        [DataRow("{\"id\":\"mre_1\",\"data\":{\"cost\":{\"value\":9", "truncated JSON")]
        [DataRow("{\"id\":\"mre_1\"", "truncated JSON")]
        [DataRow("{\"id\":\"mre_1\",}", "invalid JSON: member name expected")]
        [DataRow("{\"id\":\"mre_1\"} x", "unexpected text after the JSON value")]
        [DataRow("{\"id\":\"a\\q\"}", "invalid JSON: bad escape")]
        [DataRow("{\"id\":01}", "invalid JSON: ',' or '}' expected")]
        [DataRow("[1,2]", "the response is not a JSON object")]
        [DataRow("{\"id\":5}", "a field of the response has the wrong type")]
        [DataRow("{\"object\":\"meter_record\"}", "the response has no record id")]
        [DataRow("{\"id\":\"a\",\"data\":{\"cost\":{\"value\":1e400}}}", "a field of the response has the wrong type")]
        public void Malformed_answers_give_a_clear_problem(string body, string problem)
        {
            ResponseReader reader = new ResponseReader();
            Assert.IsFalse(reader.TryReadInstant(Response(body)));
            Assert.AreEqual(problem, reader.Problem);
        }

        [TestMethod]
        public void Deep_nesting_huge_bodies_and_wrong_content_types_are_refused()
        {
            ResponseReader reader = new ResponseReader();
            string deep = string.Empty;
            for (int i = 0; i < 40; i++) deep += "[";
            Assert.IsFalse(reader.TryReadInstant(Response(deep)));
            Assert.AreEqual("JSON nested too deep", reader.Problem);

            string huge = "{\"id\":\"mre_1\",\"pad\":\"";
            while (huge.Length < 5000) huge += "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            Assert.IsFalse(reader.TryReadInstant(Response(huge + "\"}")));
            Assert.AreEqual("the response is too large", reader.Problem);

            HttpResponse html = Response(SeedRecord);
            html.ContentType = "text/html";
            Assert.IsFalse(reader.TryReadInstant(html));
            Assert.AreEqual("the response is not JSON (content type)", reader.Problem);
        }

        [TestMethod]
        public void Every_prefix_of_a_valid_answer_is_refused_without_an_exception()
        {
            ResponseReader reader = new ResponseReader();
            string trimmed = SeedRecord.TrimEnd();
            for (int cut = 0; cut < trimmed.Length - 1; cut++)
            {
                Assert.IsFalse(reader.TryReadInstant(Response(trimmed.Substring(0, cut))), "prefix " + cut);
                Assert.IsNotNull(reader.Problem);
            }
        }

        [DataRow("928.372", 6, 928372000L)]
        [DataRow("-0.5", 2, -50L)]
        [DataRow("0.0000005", 6, 1L)]
        [DataRow("0.0000004", 6, 0L)]
        [DataRow("1E2", 0, 100L)]
        [DataRow("25e-1", 0, 3L)]
        [DataRow("123456789012", 6, 123456789012000000L)]
        public void Numbers_become_rounded_fixed_point(string text, int decimals, long expected)
        {
            JsonScanner scanner = new JsonScanner();
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.IsTrue(scanner.Scan(bytes, 0, bytes.Length, null), scanner.Error);
            Assert.IsTrue(scanner.TryReadFixed(0, bytes.Length, decimals, out long value));
            Assert.AreEqual(expected, value);
        }

        [DataRow("0.2424698557769e25", 0)]
        [DataRow("12345678901234567890", 0)]
        [DataRow("9.3e18", 0)]
        [DataRow("123456789012345", 6)]
        public void Numbers_too_large_for_the_fixed_point_are_refused(string text, int decimals)
        {
            JsonScanner scanner = new JsonScanner();
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.IsTrue(scanner.Scan(bytes, 0, bytes.Length, null), scanner.Error);
            Assert.IsFalse(scanner.TryReadFixed(0, bytes.Length, decimals, out long value), text + " read as " + value);
        }

        [DataRow("0e30", 0, 0L)]
        [DataRow("0.000000000000000000000012e25", 0, 120L)]
        public void Zeros_and_small_mantissas_with_large_exponents_still_read(string text, int decimals, long expected)
        {
            JsonScanner scanner = new JsonScanner();
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.IsTrue(scanner.Scan(bytes, 0, bytes.Length, null), scanner.Error);
            Assert.IsTrue(scanner.TryReadFixed(0, bytes.Length, decimals, out long value), text);
            Assert.AreEqual(expected, value);
        }

        private static byte[] Ascii(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        [TestMethod]
        public void Only_a_meter_record_echoing_this_record_reference_id_is_an_acknowledgement()
        {
            ResponseReader reader = new ResponseReader();
            byte[] mine = Ascii("chg-0001-1234abcd-r7");
            string echoed = "{\"id\":\"mre_1\",\"object\":\"meter_record\",\"request\":{\"record_reference_id\":\"chg-0001-1234abcd-r7\"},\"data\":{\"energy\":{\"value\":5}}}";
            Assert.IsTrue(reader.TryReadInstant(Response(echoed), mine, mine.Length), reader.Problem);
            Assert.IsFalse(reader.AcknowledgementUnverified);

            string previous = "{\"id\":\"mre_1\",\"object\":\"meter_record\",\"request\":{\"record_reference_id\":\"chg-0001-1234abcd-r6\"},\"data\":{\"energy\":{\"value\":5}}}";
            Assert.IsFalse(reader.TryReadInstant(Response(previous), mine, mine.Length), "the previous record's answer");
            Assert.IsNotNull(reader.Problem);

            string inData = "{\"id\":\"mre_1\",\"object\":\"meter_record\",\"data\":{\"record_reference_id\":\"chg-0001-1234abcd-r8\"}}";
            Assert.IsFalse(reader.TryReadInstant(Response(inData), mine, mine.Length), "an echo under data that differs");

            string errorWith200 = "{\"id\":\"err_1\",\"object\":\"error\",\"code\":\"api_error\"}";
            Assert.IsFalse(reader.TryReadInstant(Response(errorWith200), mine, mine.Length), "an error object with 200");

            string portal = "{\"id\":\"session-42\",\"status\":\"ok\"}";
            Assert.IsFalse(reader.TryReadInstant(Response(portal), mine, mine.Length), "an object with an id that is not a meter record");

            string noEcho = "{\"id\":\"mre_1\",\"object\":\"meter_record\"}";
            Assert.IsTrue(reader.TryReadInstant(Response(noEcho), mine, mine.Length), reader.Problem);
            Assert.IsTrue(reader.AcknowledgementUnverified, "a meter record without an echo is unverified");
        }
    }
}
