using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Time
{
    [TestClass]
    public class HalfHourTests
    {
        [TestMethod]
        public void Floor_keeps_a_boundary_and_drops_seconds_past_it()
        {
            long halfPastTen = CivilTime.ToUnixSeconds(2022, 2, 1, 10, 30, 0);
            Assert.AreEqual(halfPastTen, HalfHour.Floor(halfPastTen));
            Assert.AreEqual(halfPastTen, HalfHour.Floor(halfPastTen + 1));
            Assert.AreEqual(halfPastTen, HalfHour.Floor(halfPastTen + 1799));
            Assert.AreEqual(halfPastTen + 1800, HalfHour.Floor(halfPastTen + 1800));
            Assert.AreEqual(halfPastTen - 1800, HalfHour.Floor(halfPastTen - 1));
        }

        [TestMethod]
        public void Next_is_strictly_after()
        {
            long ten = CivilTime.ToUnixSeconds(2022, 2, 1, 10, 0, 0);
            Assert.AreEqual(ten + 1800, HalfHour.Next(ten));
            Assert.AreEqual(ten + 1800, HalfHour.Next(ten + 1799));
            Assert.IsTrue(HalfHour.IsBoundary(ten));
            Assert.IsFalse(HalfHour.IsBoundary(ten + 59));
        }

        [DataRow(2021, 12, 31, 23, 59, 59, 2022, 1, 1, 0, 0, 0)]
        [DataRow(2024, 2, 28, 23, 45, 0, 2024, 2, 29, 0, 0, 0)]
        [DataRow(2024, 2, 29, 23, 30, 0, 2024, 3, 1, 0, 0, 0)]
        [DataRow(2023, 2, 28, 23, 30, 1, 2023, 3, 1, 0, 0, 0)]
        [DataRow(2022, 4, 30, 23, 59, 0, 2022, 5, 1, 0, 0, 0)]
        [DataRow(2022, 3, 27, 0, 59, 0, 2022, 3, 27, 1, 0, 0)]
        public void Next_crosses_day_month_year_and_leap_day_edges(int y, int mo, int d, int h, int mi, int s,
            int ny, int nmo, int nd, int nh, int nmi, int ns)
        {
            long from = CivilTime.ToUnixSeconds(y, mo, d, h, mi, s);
            Assert.AreEqual(CivilTime.ToUnixSeconds(ny, nmo, nd, nh, nmi, ns), HalfHour.Next(from));
        }

        [TestMethod]
        public void Boundaries_crossed_counts_the_periods_a_span_touches()
        {
            long ten = CivilTime.ToUnixSeconds(2022, 2, 1, 10, 0, 0);
            Assert.AreEqual(0L, HalfHour.BoundariesCrossed(ten, ten + 1799));
            Assert.AreEqual(1L, HalfHour.BoundariesCrossed(ten + 1799, ten + 1800));
            Assert.AreEqual(48L, HalfHour.BoundariesCrossed(ten, ten + 86400));
        }

        [TestMethod]
        public void A_year_of_half_hours_has_no_gap_and_no_overlap()
        {
            long start = CivilTime.ToUnixSeconds(2024, 1, 1, 0, 0, 0);
            long end = CivilTime.ToUnixSeconds(2025, 1, 1, 0, 0, 0);
            int periods = 0;
            for (long t = start; t < end; t = HalfHour.Next(t))
            {
                Assert.IsTrue(HalfHour.IsBoundary(t));
                periods++;
            }

            Assert.AreEqual(366 * 48, periods);
        }
    }
}
