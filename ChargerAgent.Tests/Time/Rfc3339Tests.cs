using System;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Time
{
    [TestClass]
    public class Rfc3339Tests
    {
        [DataRow(2022, 2, 1, 10, 30, 0, "2022-02-01T10:30:00Z")]
        [DataRow(1970, 1, 1, 0, 0, 0, "1970-01-01T00:00:00Z")]
        [DataRow(2024, 2, 29, 23, 59, 59, "2024-02-29T23:59:59Z")]
        [DataRow(2000, 2, 29, 12, 0, 0, "2000-02-29T12:00:00Z")]
        [DataRow(2099, 12, 31, 23, 30, 0, "2099-12-31T23:30:00Z")]
        [DataRow(2038, 1, 19, 3, 14, 8, "2038-01-19T03:14:08Z")]
        public void Formats_and_parses_back(int y, int mo, int d, int h, int mi, int s, string expected)
        {
            long unix = CivilTime.ToUnixSeconds(y, mo, d, h, mi, s);
            Assert.AreEqual(expected, Rfc3339.Format(unix));
            Assert.IsTrue(Rfc3339.TryParse(expected, out long parsed));
            Assert.AreEqual(unix, parsed);
        }

        [TestMethod]
        public void Known_unix_instants_format_as_published()
        {
            Assert.AreEqual("2022-02-01T10:30:00Z", Rfc3339.Format(1643711400));
            Assert.AreEqual("2001-09-09T01:46:40Z", Rfc3339.Format(1000000000));
        }

        [TestMethod]
        public void Writes_into_a_buffer_at_an_offset()
        {
            byte[] buffer = new byte[24];
            Assert.AreEqual(20, Rfc3339.Write(1643711400, buffer, 3));
            Assert.AreEqual((byte)'2', buffer[3]);
            Assert.AreEqual((byte)'Z', buffer[22]);
            Assert.AreEqual((byte)0, buffer[23]);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Rfc3339.Write(0, buffer, 5));
        }

        [TestMethod]
        public void Every_day_of_four_years_round_trips_through_the_calendar()
        {
            long day = CivilTime.ToUnixSeconds(2023, 1, 1, 0, 0, 0);
            for (int i = 0; i < 4 * 366; i++, day += CivilTime.SecondsPerDay)
            {
                CivilTime.FromUnixSeconds(day, out int y, out int mo, out int d, out int h, out int mi, out int s);
                Assert.AreEqual(day, CivilTime.ToUnixSeconds(y, mo, d, h, mi, s));
                Assert.AreEqual(0, h + mi + s);
            }
        }

        [DataRow("2022-02-01T11:30:00+01:00", 1643711400L)]
        [DataRow("2022-02-01T05:30:00-05:00", 1643711400L)]
        [DataRow("2022-02-01T10:30:00.987Z", 1643711400L)]
        [DataRow("2022-02-01t10:30:00z", 1643711400L)]
        public void Parses_offsets_fractions_and_lowercase(string text, long expected)
        {
            Assert.IsTrue(Rfc3339.TryParse(text, out long parsed));
            Assert.AreEqual(expected, parsed);
        }

        [DataRow("")]
        [DataRow("2022-02-01 10:30:00Z")]
        [DataRow("2022-02-30T10:30:00Z")]
        [DataRow("2023-02-29T10:30:00Z")]
        [DataRow("2022-13-01T10:30:00Z")]
        [DataRow("2022-02-01T24:00:00Z")]
        [DataRow("2022-02-01T10:30:00")]
        [DataRow("2022-02-01T10:30:00.Z")]
        [DataRow("2022-02-01T10:30:00+0100")]
        [DataRow("2022-02-01T10:30:00Zjunk")]
        [DataRow("1969-12-31T23:59:59Z")]
        public void Rejects_what_is_not_rfc3339(string text)
        {
            Assert.IsFalse(Rfc3339.TryParse(text, out long _));
        }
    }
}
