using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Console
{
    [TestClass]
    public class ConfigCheckWarningTests
    {
        private const string Base =
            "config set wifi.ssid Garage\r" +
            "config set flatpeak.account_id acc_01HZX\r" +
            "config set flatpeak.api_key sk_test_Zq8vXw3KpL0s\r" +
            "config set flatpeak.location_id loc_01HZY\r" +
            "config set meter.kind s0\r";

        [TestMethod]
        public void Config_check_warns_when_the_old_prefix_key_holds_a_dev_id_and_still_accepts_it()
        {
            string text = new ConsoleRig(null).Type(Base + "config set flatpeak.device_id dev_65e6d8334c8d715963d99db3\rconfig check\r");
            Assert.Contains("warning: flatpeak.device_id: 'dev_65e6d8334c8d715963d99db3' looks like a Flatpeak device id", text);
            Assert.Contains("now named agent.id", text);
            Assert.Contains("set flatpeak.device", text);
            Assert.Contains("configuration is complete and valid", text);
        }

        [TestMethod]
        public void Config_check_says_nothing_about_an_ordinary_prefix()
        {
            string text = new ConsoleRig(null).Type(Base + "config set agent.id garage-1\rconfig check\r");
            Assert.DoesNotContains("warning", text);
            Assert.Contains("configuration is complete and valid", text);
        }
    }
}
