using ChargerAgent.Core.Sessions;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Sessions
{
    [TestClass]
    public class PowerDetectorTests
    {
        [TestMethod]
        public void Charging_starts_after_N_seconds_above_and_stops_after_M_below()
        {
            PowerDetector d = new PowerDetector(1000, 30000, 300000);
            Assert.AreEqual(PowerDetector.NoChange, d.Update(5000, 0));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(5000, 29999));
            Assert.AreEqual(PowerDetector.Started, d.Update(5000, 30000));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(5000, 31000));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(10, 40000));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(10, 339999));
            Assert.AreEqual(PowerDetector.Stopped, d.Update(10, 340000));
            Assert.IsFalse(d.IsCharging);
        }

        [TestMethod]
        public void A_short_dip_or_spike_changes_nothing()
        {
            PowerDetector d = new PowerDetector(1000, 30000, 300000);
            d.Update(5000, 0);
            Assert.AreEqual(PowerDetector.NoChange, d.Update(100, 20000));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(5000, 40000));
            Assert.AreEqual(PowerDetector.NoChange, d.Update(5000, 69999));
            Assert.AreEqual(PowerDetector.Started, d.Update(5000, 70000));
        }

        [TestMethod]
        public void Bad_settings_are_refused()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PowerDetector(0, 1, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PowerDetector(1, -1, 1));
        }
    }
}
