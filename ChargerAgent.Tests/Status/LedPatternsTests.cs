using ChargerAgent.Core.Status;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Status
{
    [TestClass]
    public class LedPatternsTests
    {
        private static int CountBlinks(LedState state, long fromMs, long toMs)
        {
            int blinks = 0;
            bool previous = false;
            for (long t = fromMs; t < toMs; t += 10)
            {
                bool on = LedPatterns.IsOn(state, t);
                if (on && !previous) blinks++;
                previous = on;
            }

            return blinks;
        }

        [DataRow(4, 2)]
        [DataRow(5, 3)]
        [DataRow(2, 4)]
        [DataRow(6, 5)]
        public void Fault_codes_blink_their_count_in_a_four_second_frame(int state, int blinks)
        {
            Assert.AreEqual(4000, LedPatterns.PeriodMs((LedState)state));
            Assert.AreEqual(blinks, CountBlinks((LedState)state, 0, 4000));
            Assert.AreEqual(blinks, LedPatterns.BlinksPerPeriod((LedState)state));
            Assert.AreEqual(blinks * 3, CountBlinks((LedState)state, 0, 12000));
        }

        [TestMethod]
        public void A_pattern_starts_lit_and_repeats()
        {
            for (int s = 0; s < LedStates.Count; s++)
            {
                LedState state = (LedState)s;
                int period = LedPatterns.PeriodMs(state);
                Assert.IsTrue(LedPatterns.IsOn(state, 0));
                for (long t = 0; t < period; t += 50)
                {
                    Assert.AreEqual(LedPatterns.IsOn(state, t), LedPatterns.IsOn(state, t + period * 7L));
                }
            }
        }

        [TestMethod]
        public void Booting_flickers_and_no_configuration_blinks_slowly()
        {
            Assert.IsTrue(LedPatterns.IsOn(LedState.Booting, 50));
            Assert.IsFalse(LedPatterns.IsOn(LedState.Booting, 150));
            Assert.IsTrue(LedPatterns.IsOn(LedState.NoConfiguration, 999));
            Assert.IsFalse(LedPatterns.IsOn(LedState.NoConfiguration, 1000));
        }

        [TestMethod]
        public void All_sent_is_mostly_lit_and_backlog_is_mostly_dark()
        {
            int allSentLit = 0;
            int backlogLit = 0;
            for (long t = 0; t < 3000; t += 10)
            {
                if (LedPatterns.IsOn(LedState.AllSent, t)) allSentLit++;
                if (LedPatterns.IsOn(LedState.BacklogDraining, t)) backlogLit++;
            }

            Assert.AreEqual(290, allSentLit);
            Assert.AreEqual(30, backlogLit);
        }

        [TestMethod]
        public void A_negative_time_is_refused()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => LedPatterns.IsOn(LedState.AllSent, -1));
        }
    }
}
