using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Status
{
    [TestClass]
    public class LedStatesTests
    {
        /// <summary>A status where every condition holds: switching them off one by one walks down the priorities.</summary>
        private static AgentStatus Everything()
        {
            AgentStatus s = new AgentStatus();
            s.Board.Booting = true;
            s.Board.ConfigurationMissing = true;
            s.Recording.MeterHealth = MeterHealth.NoAnswer;
            s.Delivery.RingNearlyFull = true;
            s.Board.NetworkUp = false;
            s.Recording.ClockTrusted = false;
            s.Delivery.CredentialsRejected = true;
            s.Delivery.Backlog = 5;
            return s;
        }

        [TestMethod]
        public void States_are_chosen_by_priority()
        {
            AgentStatus s = Everything();
            Assert.AreEqual((int)LedState.Booting, (int)LedStates.Select(s));
            s.Board.Booting = false;
            Assert.AreEqual((int)LedState.NoConfiguration, (int)LedStates.Select(s));
            s.Board.ConfigurationMissing = false;
            Assert.AreEqual((int)LedState.MeterFault, (int)LedStates.Select(s));
            s.Recording.MeterHealth = MeterHealth.Ok;
            Assert.AreEqual((int)LedState.RingNearlyFull, (int)LedStates.Select(s));
            s.Delivery.RingNearlyFull = false;
            Assert.AreEqual((int)LedState.NoWifi, (int)LedStates.Select(s));
            s.Board.NetworkUp = true;
            Assert.AreEqual((int)LedState.NoValidTime, (int)LedStates.Select(s));
            s.Recording.ClockTrusted = true;
            Assert.AreEqual((int)LedState.CredentialsRejected, (int)LedStates.Select(s));
            s.Delivery.CredentialsRejected = false;
            Assert.AreEqual((int)LedState.BacklogDraining, (int)LedStates.Select(s));
            s.Delivery.Backlog = 0;
            Assert.AreEqual((int)LedState.AllSent, (int)LedStates.Select(s));
        }

        [TestMethod]
        public void Bad_meter_data_a_full_ring_and_a_paused_upload_have_their_states()
        {
            AgentStatus s = new AgentStatus();
            s.Board.NetworkUp = true;
            s.Recording.ClockTrusted = true;
            s.Recording.MeterHealth = MeterHealth.BadData;
            Assert.AreEqual((int)LedState.MeterFault, (int)LedStates.Select(s));
            s.Recording.MeterHealth = MeterHealth.Unknown;
            s.Recording.RingFull = true;
            Assert.AreEqual((int)LedState.RingNearlyFull, (int)LedStates.Select(s));
            s.Recording.RingFull = false;
            s.Delivery.UploadPausedByConfigurationFault = true;
            Assert.AreEqual((int)LedState.CredentialsRejected, (int)LedStates.Select(s));
        }

        [TestMethod]
        public void Every_state_has_a_name_and_a_distinct_pattern()
        {
            for (int a = 0; a < LedStates.Count; a++)
            {
                Assert.AreNotEqual("unknown", LedStates.Name((LedState)a));
                for (int b = 0; b < a; b++)
                {
                    Assert.IsFalse(SamePattern(LedPatterns.Of((LedState)a), LedPatterns.Of((LedState)b)), LedStates.Name((LedState)a) + " looks like " + LedStates.Name((LedState)b));
                }
            }
        }

        private static bool SamePattern(int[] x, int[] y)
        {
            if (x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] != y[i]) return false;
            }

            return true;
        }
    }
}
