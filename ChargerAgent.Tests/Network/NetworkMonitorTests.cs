using System;
using ChargerAgent.Core.Network;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Network
{
    [TestClass]
    public class NetworkMonitorTests
    {
        private static readonly long Set = new DateTime(2026, 12, 1, 9, 0, 0).Ticks;
        private static readonly long Unset = new DateTime(1970, 1, 1, 0, 5, 0).Ticks;

        [TestMethod]
        public void An_address_and_a_set_clock_make_the_network_ready()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.AddressObserved(true, 1000);
            m.ClockObserved(Set, 1000);
            Assert.IsTrue(m.IsUp);
            Assert.IsTrue(m.ClockSet);
            Assert.AreEqual(NetworkState.Ready, m.State);
        }

        [TestMethod]
        public void An_address_before_SNTP_answers_is_up_but_waiting_for_the_clock()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.AddressObserved(true, 1000);
            m.ClockObserved(Unset, 1000);
            Assert.IsTrue(m.IsUp);
            Assert.AreEqual(NetworkState.WaitingForClock, m.State);
            m.ClockObserved(Set, 5000);
            Assert.AreEqual(NetworkState.Ready, m.State);
            Assert.AreEqual(5000L, m.StateSinceMs);
        }

        [TestMethod]
        public void A_failed_observation_keeps_the_network_as_last_seen()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.AddressObserved(true, 1000);
            m.ClockObserved(Set, 1000);
            for (int i = 0; i < 100; i++) m.ObservationFailed(3000 + i * 2000);
            Assert.IsTrue(m.IsUp, "a call that throws on every poll must not hold the uploader off");
            Assert.AreEqual(NetworkState.Ready, m.State);
            Assert.AreEqual(100, m.ObservationFailures);
            Assert.AreEqual(100, m.ConsecutiveObservationFailures);
            m.AddressObserved(true, 300000);
            Assert.AreEqual(0, m.ConsecutiveObservationFailures);
        }

        [TestMethod]
        public void The_clock_once_set_stays_set_for_the_boot()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.ClockObserved(Set, 1000);
            m.ClockObserved(Unset, 2000);
            Assert.IsTrue(m.ClockSet);
        }

        [TestMethod]
        public void The_first_connect_attempt_is_due_at_the_first_observation_without_an_address()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            Assert.IsFalse(m.TakeConnectAttempt(0), "nothing is decided before the interface was read");
            m.AddressObserved(false, 0);
            Assert.IsTrue(m.TakeConnectAttempt(0));
            Assert.IsFalse(m.TakeConnectAttempt(1), "one attempt at a time");
            m.AttemptEnded(true, 5000);
            Assert.IsTrue(m.IsUp);
            Assert.AreEqual(1, m.Attempts);
        }

        [TestMethod]
        public void During_an_outage_attempts_back_off_doubling_up_to_the_bound()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 240000);
            m.AddressObserved(false, 0);
            Assert.IsTrue(m.TakeConnectAttempt(0), "the first attempt at boot");
            m.AttemptEnded(true, 0);
            m.AddressObserved(true, 0);
            m.AddressObserved(false, 10000);
            long[] expected = { 60000, 180000, 420000, 660000, 900000 };
            long now = 10000;
            int found = 0;
            while (found < expected.Length && now < 2000000)
            {
                m.AddressObserved(false, now);
                if (m.TakeConnectAttempt(now))
                {
                    Assert.AreEqual(expected[found], now, "attempt " + found.ToString());
                    m.AttemptEnded(false, now + 3000);
                    found++;
                }

                now += 2000;
            }

            Assert.AreEqual(expected.Length, found);
        }

        [TestMethod]
        public void An_address_that_comes_back_resets_the_schedule()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.AddressObserved(false, 0);
            Assert.IsTrue(m.TakeConnectAttempt(0));
            m.AttemptEnded(false, 30000);
            Assert.IsTrue(m.TakeConnectAttempt(60000));
            m.AttemptEnded(false, 70000);
            m.AddressObserved(true, 100000);
            Assert.AreEqual(60000L, m.RetryMs);
            m.AddressObserved(false, 102000);
            Assert.IsFalse(m.TakeConnectAttempt(159998), "the Wi-Fi stack's own reconnect gets its time first");
            Assert.IsTrue(m.TakeConnectAttempt(160000));
        }

        [TestMethod]
        public void No_attempt_is_made_while_the_address_is_there()
        {
            NetworkMonitor m = new NetworkMonitor(60000, 1800000);
            m.AddressObserved(true, 0);
            Assert.IsFalse(m.TakeConnectAttempt(10000000));
            Assert.AreEqual(0, m.Attempts);
        }

        [TestMethod]
        public void The_clock_counts_as_set_from_2021()
        {
            Assert.AreEqual(new DateTime(2021, 1, 1).Ticks, WallClock.FirstValidTicks);
            Assert.IsFalse(WallClock.IsSet(new DateTime(2020, 12, 31, 23, 59, 59).Ticks));
            Assert.IsTrue(WallClock.IsSet(new DateTime(2021, 1, 1).Ticks));
        }

        [TestMethod]
        public void Bad_retry_bounds_are_refused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { new NetworkMonitor(0, 10); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { new NetworkMonitor(100, 10); });
        }
    }
}
