using System;
using System.Text.Json;
using ChargerAgent.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>What the endpoint stores and costs: the ledger, /costs/session, units and the tariff.</summary>
    [TestClass]
    public sealed class LedgerTests
    {
        private static readonly DateTime Day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void The_response_has_the_meter_record_shape_of_the_seed_page()
        {
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { Tariff = Tariff.Flat("GBP", 0.25m) });
            string body = "{\"location_id\":\"loc_1\",\"device_id\":\"" + EndpointTestKit.KitDevice + "\",\"session_reference_id\":\"S1\",\"record_reference_id\":\"R1\"," +
                "\"units\":\"W\",\"value\":20567,\"start_time\":\"2022-02-01T10:30:00Z\",\"end_time\":\"2022-02-01T11:00:00Z\"}";
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), body);
            Assert.AreEqual(200, r.StatusCode);
            Assert.AreEqual("application/json", r.ContentType);
            using JsonDocument doc = EndpointTestKit.Json(r);
            JsonElement root = doc.RootElement;
            StringAssert.StartsWith(root.GetProperty("id").GetString(), "mre_");
            Assert.AreEqual("meter_record", root.GetProperty("object").GetString());
            Assert.IsFalse(root.GetProperty("live_mode").GetBoolean());
            Assert.AreEqual("INBOUND", root.GetProperty("energy_flow_direction").GetString());
            Assert.AreEqual("IMPORT", root.GetProperty("tariff_direction").GetString());
            Assert.AreEqual("GBP", root.GetProperty("currency_code").GetString());
            Assert.AreEqual("WH", root.GetProperty("energy_units").GetString());
            Assert.AreEqual(20567, root.GetProperty("request").GetProperty("value").GetInt32());
            Assert.IsFalse(root.GetProperty("request").GetProperty("non_persistent").GetBoolean());
            JsonElement data = root.GetProperty("data");
            Assert.AreEqual("R1", data.GetProperty("record_reference_id").GetString());
            Assert.AreEqual("S1", data.GetProperty("session_reference_id").GetString());
            Assert.AreEqual("2022-02-01T10:30:00Z", data.GetProperty("start_time").GetString());
            // 20567 W for half an hour is 10283.5 Wh, rounded to 10284 as on the seed page.
            Assert.AreEqual(JsonValueKind.Number, data.GetProperty("energy").GetProperty("value").ValueKind);
            Assert.AreEqual(10284, data.GetProperty("energy").GetProperty("value").GetInt64());
            Assert.AreEqual(2.571m, data.GetProperty("cost").GetProperty("value").GetDecimal());
            Assert.AreEqual(1m, data.GetProperty("cost").GetProperty("confidence").GetDecimal());
            Assert.IsTrue(DateTimeOffset.TryParse(root.GetProperty("time_created").GetString(), out _));
            Assert.AreEqual("acc_local_test", root.GetProperty("account_id").GetString());
        }

        [TestMethod]
        [DataRow("W", "3000", 1500L)]
        [DataRow("KW", "7.4", 3700L)]
        [DataRow("WH", "1234", 1234L)]
        [DataRow("WH", "1234.5", 1235L)]
        [DataRow("KWH", "2.5", 2500L)]
        public void Units_turn_into_whole_watt_hours_over_the_half_hour(string units, string value, long expectedWh)
        {
            var endpoint = new FlatpeakEndpoint();
            string body = "{\"location_id\":\"loc_1\",\"units\":\"" + units + "\",\"value\":" + value +
                ",\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:30:00Z\"}";
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), body);
            Assert.AreEqual(200, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.AreEqual(expectedWh, doc.RootElement.GetProperty("data").GetProperty("energy").GetProperty("value").GetInt64());
            Assert.AreEqual(expectedWh, endpoint.Ledger.TotalWh);
        }

        [TestMethod]
        public void The_tariff_prices_each_half_hour_of_a_record_by_its_own_slot()
        {
            var prices = new decimal[48];
            prices[20] = 0.10m; // 10:00–10:30
            prices[21] = 0.30m; // 10:30–11:00
            var tariff = new Tariff("EUR", prices);
            // 2000 Wh evenly over 10:15–10:45: 1000 Wh at 0.10, 1000 Wh at 0.30.
            decimal cost = tariff.Cost(2000, new DateTimeOffset(2024, 3, 1, 10, 15, 0, TimeSpan.Zero), new DateTimeOffset(2024, 3, 1, 10, 45, 0, TimeSpan.Zero));
            Assert.AreEqual(0.4m, cost);
            // The same period given with an offset is the same instant.
            Assert.AreEqual(cost, tariff.Cost(2000, new DateTimeOffset(2024, 3, 1, 11, 15, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2024, 3, 1, 11, 45, 0, TimeSpan.FromHours(1))));
            Assert.AreEqual(0.07m, Tariff.Default().PriceOfSlot(2));
            Assert.AreEqual(0.35m, Tariff.Default().PriceOfSlot(34));
            Assert.ThrowsExactly<ArgumentException>(() => new Tariff("GBP", new decimal[47]));
        }

        [TestMethod]
        public void A_period_of_many_days_is_costed_quickly_and_the_same_as_slot_by_slot()
        {
            Tariff tariff = Tariff.Default();
            var start = new DateTimeOffset(2024, 3, 1, 10, 15, 0, TimeSpan.Zero);
            // Three days and a bit: 24 Wh per hour, so each slot holds 12 Wh.
            var end = start.AddDays(3).AddMinutes(45);
            decimal hours = (decimal)(end - start).TotalHours;
            decimal expected = 0;
            for (DateTimeOffset at = start; at < end; at = at.AddMinutes(15))
            {
                int slot = (at.Hour * 60 + at.Minute) / 30;
                expected += 6m / 1000m * tariff.PriceOfSlot(slot);
            }

            Assert.AreEqual(decimal.Round(expected, 6), tariff.Cost(24m * hours, start, end));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            tariff.Cost(1000, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.IsTrue(watch.ElapsedMilliseconds < 100, watch.ElapsedMilliseconds + " ms");
        }

        [TestMethod]
        public void A_value_too_large_to_cost_is_rejected_not_crashed_on()
        {
            var endpoint = new FlatpeakEndpoint();
            string body = "{\"location_id\":\"loc_1\",\"units\":\"KWH\",\"value\":79228162514264337593543950335,\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:30:00Z\"}";
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), body);
            Assert.AreEqual(400, r.StatusCode);
            Assert.AreEqual(0, endpoint.Ledger.Count);
        }

        [TestMethod]
        public void A_repeated_record_reference_id_is_stored_once_and_counted_as_a_duplicate()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(200, EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R" + i, "S1", 100 + i, Day.AddMinutes(30 * i))).StatusCode);
            }

            Assert.AreEqual(200, EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R1", "S1", 101, Day.AddMinutes(30))).StatusCode);
            Assert.AreEqual(200, EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R1", "S1", 101, Day.AddMinutes(30))).StatusCode);

            EndpointLedger ledger = endpoint.Ledger;
            Assert.AreEqual(3, ledger.Count);
            Assert.AreEqual(5, ledger.Submissions);
            Assert.AreEqual(2, ledger.Duplicates);
            Assert.AreEqual(0, ledger.ConflictingDuplicates);
            Assert.AreEqual(303L, ledger.TotalWh);
            Assert.IsTrue(ledger.TryGet("R1", out StoredRecord r1));
            Assert.AreEqual(3, r1.Submissions);
            Assert.AreEqual(101L, r1.EnergyWh);
            CollectionAssert.AreEqual(new[] { "R0", "R1", "R2" }, Array.ConvertAll(ledger.Records(), r => r.RecordReferenceId));
        }

        [TestMethod]
        public void A_duplicate_with_different_energy_is_counted_as_a_conflict_and_the_first_is_kept()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R1", "S1", 100, Day));
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R1", "S1", 250, Day));
            Assert.AreEqual(1, endpoint.Ledger.ConflictingDuplicates);
            Assert.AreEqual(100L, endpoint.Ledger.TotalWh);
        }

        [TestMethod]
        public void Records_without_a_reference_id_are_each_stored()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            string body = "{\"location_id\":\"loc_1\",\"units\":\"WH\",\"value\":5,\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:30:00Z\"}";
            EndpointTestKit.PostInstant(endpoint, bearer, body);
            EndpointTestKit.PostInstant(endpoint, bearer, body);
            Assert.AreEqual(2, endpoint.Ledger.Count);
            Assert.AreEqual(0, endpoint.Ledger.Duplicates);
        }

        [TestMethod]
        public void Non_persistent_records_are_costed_but_not_stored()
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, EndpointTestKit.Login(endpoint), EndpointTestKit.ValidBody, "?non_persistent=true");
            Assert.AreEqual(200, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.IsTrue(doc.RootElement.GetProperty("request").GetProperty("non_persistent").GetBoolean());
            Assert.AreEqual(1500, doc.RootElement.GetProperty("data").GetProperty("energy").GetProperty("value").GetInt32());
            Assert.AreEqual(0, endpoint.Ledger.Count);
            Assert.AreEqual(1, endpoint.Ledger.NonPersistent);
        }

        [TestMethod]
        public void The_session_endpoint_lists_each_stored_record_of_the_session_once()
        {
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { Tariff = Tariff.Flat("GBP", 0.20m) });
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R1", "dev1-S7", 1000, Day));
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R2", "dev1-S7", 500, Day.AddMinutes(30)));
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R2", "dev1-S7", 500, Day.AddMinutes(30)));
            EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.Body("R3", "dev1-S8", 700, Day.AddMinutes(60)));

            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = "POST", PathAndQuery = "/costs/session/dev1-S7", Authorization = bearer });
            Assert.AreEqual(200, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            JsonElement root = doc.RootElement;
            Assert.AreEqual("energy_cost", root.GetProperty("object").GetString());
            Assert.AreEqual("GBP", root.GetProperty("currency_code").GetString());
            JsonElement data = root.GetProperty("data");
            Assert.AreEqual(2, data.GetArrayLength());
            long wh = 0;
            decimal cost = 0;
            foreach (JsonElement item in data.EnumerateArray())
            {
                wh += item.GetProperty("energy").GetProperty("value").GetInt64();
                cost += item.GetProperty("cost").GetProperty("value").GetDecimal();
                Assert.AreEqual("dev1-S7", item.GetProperty("session_reference_id").GetString());
            }

            Assert.AreEqual(1500L, wh);
            Assert.AreEqual(0.3m, cost);
        }

        [TestMethod]
        public void The_session_endpoint_answers_empty_data_for_an_unknown_session_and_checks_its_query()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = "POST", PathAndQuery = "/costs/session/none", Authorization = bearer });
            Assert.AreEqual(200, r.StatusCode);
            using (JsonDocument doc = EndpointTestKit.Json(r))
            {
                Assert.AreEqual(0, doc.RootElement.GetProperty("data").GetArrayLength());
            }

            Assert.AreEqual(200, endpoint.Handle(new EndpointRequest { Method = "POST", PathAndQuery = "/costs/session/none?tariff_direction=EXPORT", Authorization = bearer }).StatusCode);
            Assert.AreEqual(400, endpoint.Handle(new EndpointRequest { Method = "POST", PathAndQuery = "/costs/session/none?tariff_direction=UP", Authorization = bearer }).StatusCode);
            Assert.AreEqual(401, endpoint.Handle(new EndpointRequest { Method = "POST", PathAndQuery = "/costs/session/none" }).StatusCode);
        }
    }
}
