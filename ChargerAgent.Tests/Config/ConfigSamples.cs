using ChargerAgent.Core.Config;

namespace ChargerAgent.Tests.Config
{
    /// <summary>Configurations the tests start from.</summary>
    public static class ConfigSamples
    {
        /// <summary>A test-mode API key the tests check never appears in output.</summary>
        public const string ApiKey = "sk_test_Zq8vXw3KpL0s";

        /// <summary>A Wi-Fi password the tests check never appears in output.</summary>
        public const string WifiPassword = "hunter2-garage";

        /// <summary>A complete S0 board configuration as config.txt text.</summary>
        public const string S0Text =
            "# charger in the garage\n" +
            "wifi.ssid = Garage WiFi\n" +
            "wifi.password = " + WifiPassword + "\n" +
            "flatpeak.account_id = acc_01HZX\n" +
            "flatpeak.api_key = " + ApiKey + "\n" +
            "flatpeak.location_id = loc_01HZY\n" +
            "flatpeak.device_id = garage-1\n" +
            "meter.kind = s0\n" +
            "s0.impulses_per_kwh = 2000\n";

        /// <summary>A valid S0 configuration.</summary>
        public static ConfigValues ValidS0()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            if (!ConfigText.TryParse(S0Text, values, out problem)) throw new System.Exception(problem);
            return values;
        }

        /// <summary>A valid Modbus configuration.</summary>
        public static ConfigValues ValidModbus()
        {
            ConfigValues values = ValidS0();
            string problem;
            values.TrySet(ConfigKeys.MeterKind, "modbus", out problem);
            values.TrySet(ConfigKeys.ModbusProfile, "sdm630", out problem);
            return values;
        }
    }
}
