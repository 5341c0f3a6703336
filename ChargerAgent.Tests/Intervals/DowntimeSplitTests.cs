using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Intervals
{
    [TestClass]
    public class DowntimeSplitTests
    {
        [DataRow(7L, 1L)]
        [DataRow(1000L, 3601L)]
        [DataRow(99991L, 86399L)]
        [DataRow(0L, 5000L)]
        public void Shares_add_up_to_the_total_exactly(long totalWh, long seconds)
        {
            long from = CivilTime.ToUnixSeconds(2024, 2, 29, 23, 10, 7);
            long to = from + seconds;
            long sum = 0;
            int periods = 0;
            for (long start = from; start < to;)
            {
                long end = DowntimeSplit.PeriodEnd(from, to, start, false, 1800);
                Assert.IsTrue(end > start);
                Assert.IsTrue(end == to || HalfHour.IsBoundary(end));
                sum += DowntimeSplit.Share(from, to, totalWh, start, end);
                start = end;
                periods++;
            }

            Assert.AreEqual(totalWh, sum);
            Assert.AreEqual(HalfHour.BoundariesCrossed(from, to - 1) + 1, (long)periods);
        }

        [TestMethod]
        public void Boot_relative_spans_split_in_chunks_from_their_start()
        {
            Assert.AreEqual(1900L, DowntimeSplit.PeriodEnd(100, 5000, 100, true, 1800));
            Assert.AreEqual(3700L, DowntimeSplit.PeriodEnd(100, 5000, 1900, true, 1800));
            Assert.AreEqual(5000L, DowntimeSplit.PeriodEnd(100, 5000, 3700, true, 1800));
        }

        [TestMethod]
        public void Shares_are_pro_rata()
        {
            Assert.AreEqual(50L, DowntimeSplit.Share(0, 100, 100, 0, 50));
            Assert.AreEqual(25L, DowntimeSplit.Share(0, 100, 100, 50, 75));
        }
    }
}
