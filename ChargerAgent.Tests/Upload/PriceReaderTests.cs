using System.Text;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload.Prices;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class PriceReaderTests
    {
        // The example answer of the anode reference page "Retrieve a price".
        private const string PageExample =
            "{\"id\":\"prs_65e42cdd73e9f861edda35d7\",\"object\":\"price\",\"live_mode\":true,"
            + "\"location_id\":\"loc_65e42ce4d3b813479b252160\",\"location_timezone\":\"Europe/London\",\"currency_code\":\"EUR\","
            + "\"tariff_direction\":\"IMPORT\",\"last_updated\":\"2022-05-24T14:15:22Z\",\"next_update\":\"2022-05-24T23:00:00Z\","
            + "\"request\":{\"tariff_direction\":\"IMPORT\",\"start_time\":\"2022-05-24T14:15:22Z\",\"end_time\":\"2022-05-24T16:15:22Z\"},"
            + "\"data\":[{\"valid_from\":\"2022-12-28T01:00:00Z\",\"valid_to\":\"2022-12-28T02:30:00Z\",\"price\":{\"value\":4.998,\"confidence\":1}}],"
            + "\"time_created\":\"2022-05-24T15:15:22Z\",\"account_id\":\"acc_661677911f2197045e6cf1b1\"}";

        private static PriceStreamReader Feed(string text, int chunk)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            PriceStreamReader reader = new PriceStreamReader();
            reader.Reset();
            for (int at = 0; at < bytes.Length; at += chunk)
            {
                int n = bytes.Length - at < chunk ? bytes.Length - at : chunk;
                reader.Write(bytes, at, n);
            }

            return reader;
        }

        private static string Day(int slots, string confidence)
        {
            StringBuilder b = new StringBuilder();
            b.Append("{\"object\":\"price\",\"currency_code\":\"GBP\",\"location_timezone\":\"Europe/London\",\"next_update\":\"2024-03-01T23:00:00+00:00\",\"data\":[");
            long start = 1709251200; // 2024-03-01T00:00:00Z
            for (int i = 0; i < slots; i++)
            {
                if (i > 0) b.Append(",\n  ");
                b.Append("{\"valid_from\":\"");
                b.Append(Rfc3339.Format(start + i * 1800L));
                b.Append("\",\"valid_to\":\"");
                b.Append(Rfc3339.Format(start + (i + 1) * 1800L));
                b.Append("\",\"price\":{\"value\":0.");
                b.Append((10000 + i).ToString());
                b.Append(",\"confidence\":");
                b.Append(confidence);
                b.Append("},\"note\":\"a \\\"quoted\\\" \\u00e9 text\",\"extra\":[1,2,{\"x\":null}]}");
            }

            b.Append("],\"time_created\":\"2024-03-01T00:00:05Z\"}");
            return b.ToString();
        }

        [TestMethod]
        public void The_reference_pages_example_gives_its_slot_currency_zone_and_next_update()
        {
            PriceStreamReader r = Feed(PageExample, 4096);
            Assert.IsTrue(r.Finish(), r.Problem);
            Assert.AreEqual(1, r.SlotCount);
            Assert.AreEqual("EUR", r.Currency);
            Assert.AreEqual("Europe/London", r.LocationTimezone);
            Assert.AreEqual("2022-05-24T23:00:00Z", Rfc3339.Format(r.NextUpdate));
            Assert.AreEqual("2022-12-28T01:00:00Z", Rfc3339.Format(r.SlotFrom(0)));
            Assert.AreEqual("2022-12-28T02:30:00Z", Rfc3339.Format(r.SlotTo(0)));
            Assert.AreEqual(4998000L, r.SlotPriceMicros(0));
            Assert.AreEqual(1000, r.SlotConfidencePermille(0));
        }

        [TestMethod]
        public void An_answer_read_a_byte_at_a_time_reads_the_same()
        {
            string text = Day(48, "0.8");
            PriceStreamReader whole = Feed(text, 100000);
            PriceStreamReader bytes = Feed(text, 1);
            Assert.IsTrue(whole.Finish(), whole.Problem);
            Assert.IsTrue(bytes.Finish(), bytes.Problem);
            Assert.AreEqual(48, bytes.SlotCount);
            Assert.IsTrue(text.Length > 8192, "longer than two response buffers: " + text.Length.ToString());
            for (int i = 0; i < 48; i++)
            {
                Assert.AreEqual(whole.SlotFrom(i), bytes.SlotFrom(i));
                Assert.AreEqual(whole.SlotPriceMicros(i), bytes.SlotPriceMicros(i));
            }

            Assert.AreEqual(100470L, bytes.SlotPriceMicros(47));
            Assert.AreEqual(800, bytes.SlotConfidencePermille(0));
        }

        [TestMethod]
        public void Slots_past_the_bound_are_counted_not_kept()
        {
            PriceStreamReader r = Feed(Day(PriceCache.Capacity + 20, "1"), 512);
            Assert.IsTrue(r.Finish(), r.Problem);
            Assert.AreEqual(PriceCache.Capacity, r.SlotCount);
            Assert.AreEqual(20, r.Dropped);
        }

        [DataRow("<html><body>portal</body></html>")]
        [DataRow("{\"data\":[{\"valid_from\":\"2024-03-01T00:00:00Z\"")]
        [DataRow("{\"data\":[1,2}")]
        [DataRow("{\"a\":[[[[[[[[[1]]]]]]]]]}")]
        [DataRow("")]
        [DataRow("{\"data\":[]} x")]
        public void A_body_that_is_not_one_whole_JSON_value_is_refused_with_a_reason(string body)
        {
            PriceStreamReader r = Feed(body, 7);
            Assert.IsFalse(r.Finish());
            Assert.IsNotNull(r.Problem);
        }

        [TestMethod]
        public void A_slot_without_its_times_or_price_is_skipped_and_counted()
        {
            PriceStreamReader r = Feed("{\"data\":[{\"valid_from\":\"2024-03-01T00:00:00Z\",\"price\":{\"value\":1}},"
                + "{\"valid_from\":\"2024-03-01T00:30:00Z\",\"valid_to\":\"2024-03-01T01:00:00Z\",\"price\":{\"value\":0.25}}]}", 16);
            Assert.IsTrue(r.Finish(), r.Problem);
            Assert.AreEqual(1, r.SlotCount);
            Assert.AreEqual(1, r.Incomplete);
            Assert.AreEqual(-1, r.SlotConfidencePermille(0));
        }

        [TestMethod]
        public void The_current_slot_is_from_valid_from_up_to_but_not_including_valid_to()
        {
            PriceStreamReader r = Feed(Day(4, "1"), 64);
            Assert.IsTrue(r.Finish(), r.Problem);
            PriceCache cache = new PriceCache();
            cache.Replace(r, 1709251200);
            long t0 = 1709251200;
            Assert.AreEqual(-1, cache.Current(t0 - 1));
            Assert.AreEqual(0, cache.Current(t0));
            Assert.AreEqual(0, cache.Current(t0 + 1799));
            Assert.AreEqual(1, cache.Current(t0 + 1800));
            Assert.AreEqual(3, cache.Current(t0 + 4 * 1800 - 1));
            Assert.AreEqual(-1, cache.Current(t0 + 4 * 1800));
            Assert.AreEqual(1, cache.Next(0, t0));
            Assert.AreEqual("Europe/London", cache.LocationTimezone);
            Assert.AreEqual("GBP", cache.Currency);
        }
    }
}
