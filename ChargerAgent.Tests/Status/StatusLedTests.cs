using ChargerAgent.Core.Status;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Status
{
    [TestClass]
    public class StatusLedTests
    {
        private sealed class RecordingPin : ILedOutput
        {
            public int Writes;
            public bool On;

            public void Set(bool on)
            {
                Writes++;
                On = on;
            }
        }

        [TestMethod]
        public void The_pin_is_written_only_when_it_changes()
        {
            RecordingPin pin = new RecordingPin();
            StatusLed led = new StatusLed(pin);
            AgentStatus status = new AgentStatus();
            status.Board.Booting = true;
            for (long t = 0; t < 1000; t += 10) led.Update(status, t);
            // 5 Hz flicker for one second: on at 0, then 9 more edges.
            Assert.AreEqual(10, pin.Writes);
        }

        [TestMethod]
        public void A_new_state_starts_its_pattern_from_the_first_blink()
        {
            RecordingPin pin = new RecordingPin();
            StatusLed led = new StatusLed(pin);
            AgentStatus status = new AgentStatus();
            status.Board.ConfigurationMissing = true;
            led.Update(status, 0);
            led.Update(status, 1500);
            Assert.IsFalse(pin.On);
            status.Board.ConfigurationMissing = false;
            status.Board.NetworkUp = false;
            led.Update(status, 1510);
            Assert.AreEqual((int)LedState.NoWifi, (int)led.State);
            Assert.IsTrue(pin.On, "the first blink of the no Wi-Fi code starts at once");
            led.Update(status, 1710);
            Assert.IsFalse(pin.On);
            led.Update(status, 2010);
            Assert.IsTrue(pin.On);
        }

        [TestMethod]
        public void Active_states_follow_the_status_snapshot()
        {
            RecordingPin pin = new RecordingPin();
            StatusLed led = new StatusLed(pin);
            AgentStatus status = new AgentStatus();
            status.Board.NetworkUp = true;
            status.Recording.ClockTrusted = true;
            led.Update(status, 0);
            Assert.AreEqual((int)LedState.AllSent, (int)led.State);
            status.Delivery.Backlog = 3;
            led.Update(status, 10);
            Assert.AreEqual((int)LedState.BacklogDraining, (int)led.State);
            Assert.IsTrue(led.IsLit);
        }
    }
}
