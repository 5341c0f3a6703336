using ChargerAgent.Core.Config;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Config
{
    [TestClass]
    public class ConfigKeyTests
    {
        [DataRow("wifi.ssid", "Garage WiFi", "Garage WiFi")]
        [DataRow("wifi.password", "correct horse", "correct horse")]
        [DataRow("wifi.password", "", "")]
        [DataRow("flatpeak.account_id", "acc_123", "acc_123")]
        [DataRow("flatpeak.api_key", "sk_live_abcdefgh", "sk_live_abcdefgh")]
        [DataRow("flatpeak.location_id", "loc_9", "loc_9")]
        [DataRow("flatpeak.device_id", "garage_1-a", "garage_1-a")]
        [DataRow("flatpeak.device_id", "dev_65e6d8334c8d715963d99db3", "dev_65e6d8334c8d715963d99db3")]
        [DataRow("agent.id", "garage_1-a", "garage_1-a")]
        [DataRow("flatpeak.device", "dev_65e6d8334c8d715963d99db3", "dev_65e6d8334c8d715963d99db3")]
        [DataRow("flatpeak.device_reference", "bay-9-board", "bay-9-board")]
        [DataRow("flatpeak.base_url", "https://api.flatpeak.com/", "https://api.flatpeak.com")]
        [DataRow("flatpeak.base_url", "http://192.168.1.20:8443", "http://192.168.1.20:8443")]
        [DataRow("flatpeak.base_url", "HTTPS://api.flatpeak.com", "https://api.flatpeak.com")]
        [DataRow("flatpeak.tariff_direction", "export", "EXPORT")]
        [DataRow("flatpeak.flow_direction", "Outbound", "OUTBOUND")]
        [DataRow("flatpeak.send_confidence", "yes", "true")]
        [DataRow("flatpeak.show_prices", "on", "true")]
        [DataRow("meter.kind", "MODBUS", "modbus")]
        [DataRow("meter.voltage", "400", "400")]
        [DataRow("meter.max_current", "016", "16")]
        [DataRow("meter.phases", "3", "3")]
        [DataRow("s0.pin", "27", "27")]
        [DataRow("s0.pin", "35", "35")]
        [DataRow("s0.impulses_per_kwh", "800", "800")]
        [DataRow("s0.checkpoint_wh", "50", "50")]
        [DataRow("modbus.profile", "ABB_B23", "abb-b23")]
        [DataRow("modbus.profile", "abb_b21", "abb-b21")]
        [DataRow("modbus.profile", "SDM120", "sdm120")]
        [DataRow("modbus.profile", "Generic", "generic")]
        [DataRow("modbus.generic_function", "3", "3")]
        [DataRow("modbus.generic_register", "00256", "256")]
        [DataRow("modbus.generic_type", "UInt32", "uint32")]
        [DataRow("modbus.generic_word_order", "low_first", "low_first")]
        [DataRow("modbus.generic_wh_per_unit", "0.1", "0.1")]
        [DataRow("modbus.generic_power_register", "12", "12")]
        [DataRow("modbus.generic_w_per_unit", "1000", "1000")]
        [DataRow("modbus.tx_pin", "17", "17")]
        [DataRow("modbus.rx_pin", "16", "16")]
        [DataRow("modbus.rts_pin", "4", "4")]
        [DataRow("modbus.baud", "2400", "2400")]
        [DataRow("modbus.baud", "115200", "115200")]
        [DataRow("modbus.parity", "EVEN", "even")]
        [DataRow("modbus.stop_bits", "2", "2")]
        [DataRow("modbus.address", "247", "247")]
        [DataRow("modbus.poll_seconds", "5", "5")]
        [DataRow("modbus.timeout_ms", "1000", "1000")]
        [DataRow("session.source", "both", "both")]
        [DataRow("session.start_watts", "1400", "1400")]
        [DataRow("session.stop_watts", "0", "0")]
        [DataRow("session.stop_delay_seconds", "300", "300")]
        [DataRow("led.pin", "2", "2")]
        [DataRow("led.active_low", "on", "true")]
        [DataRow("upload.min_gap_ms", "0", "0")]
        [DataRow("upload.min_gap_ms", "60000", "60000")]
        [DataRow("upload.timeout_seconds", "30", "30")]
        [DataRow("upload.max_backoff_seconds", "900", "900")]
        [DataRow("console.tx_pin", "21", "21")]
        [DataRow("console.rx_pin", "22", "22")]
        [DataRow("console.baud", "9600", "9600")]
        [DataRow("watchdog.timeout_seconds", "60", "60")]
        [DataRow("flash.partition_kb", "64", "64")]
        [DataRow("log.level", "DEBUG", "debug")]
        public void A_good_value_is_accepted_in_its_canonical_form(string key, string value, string expected)
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsTrue(values.TrySet(key, value, out problem), key + ": " + problem);
            Assert.AreEqual(expected, values.Get(key));
            Assert.IsTrue(values.IsSet(key));
        }

        [DataRow("wifi.ssid", "", "empty")]
        [DataRow("wifi.ssid", "a name that is far too long for any wifi", "1-32")]
        [DataRow("wifi.password", "short", "8-63")]
        [DataRow("flatpeak.account_id", "acc 1", "spaces")]
        [DataRow("flatpeak.account_id", "", "empty")]
        [DataRow("flatpeak.account_id", "acc:1", "':'")]
        [DataRow("flatpeak.account_id", "accé", "ASCII")]
        [DataRow("flatpeak.location_id", "loc_é", "ASCII")]
        [DataRow("flatpeak.api_key", "pk_test_abcdefgh", "Flatpeak key")]
        [DataRow("flatpeak.api_key", "sk_x", "8-128")]
        [DataRow("flatpeak.location_id", "", "empty")]
        [DataRow("flatpeak.device_id", "garage 1", "letters, digits")]
        [DataRow("agent.id", "garage 1", "letters, digits")]
        [DataRow("flatpeak.device", "dev 1", "letters, digits")]
        [DataRow("flatpeak.device_reference", "bay 9", "letters, digits")]
        [DataRow("flatpeak.device_id", "this-device-id-is-far-too-long-for-reference-ids", "letters, digits")]
        [DataRow("flatpeak.base_url", "ftp://api.flatpeak.com", "https://")]
        [DataRow("flatpeak.base_url", "https://", "host")]
        [DataRow("flatpeak.base_url", "https://api.flatpeak.com/?x=1", "'?'")]
        [DataRow("flatpeak.tariff_direction", "BOTH", "not one of IMPORT, EXPORT, LOCAL")]
        [DataRow("flatpeak.flow_direction", "IN", "not one of")]
        [DataRow("flatpeak.send_confidence", "maybe", "true or false")]
        [DataRow("flatpeak.show_prices", "maybe", "true or false")]
        [DataRow("meter.kind", "pulse", "not one of s0, modbus")]
        [DataRow("meter.voltage", "12", "outside 100-480")]
        [DataRow("meter.max_current", "0", "outside 1-125")]
        [DataRow("meter.phases", "2", "not one of")]
        [DataRow("s0.pin", "6", "flash")]
        [DataRow("s0.pin", "40", "does not exist")]
        [DataRow("s0.pin", "24", "does not exist")]
        [DataRow("s0.impulses_per_kwh", "-5", "whole number")]
        [DataRow("s0.checkpoint_wh", "0", "outside")]
        [DataRow("modbus.profile", "sdm999", "not one of")]
        [DataRow("modbus.tx_pin", "1", "debug port")]
        [DataRow("modbus.rx_pin", "3", "debug port")]
        [DataRow("modbus.rts_pin", "x", "GPIO number")]
        [DataRow("modbus.baud", "12", "not one of")]
        [DataRow("modbus.baud", "14400", "not one of")]
        [DataRow("modbus.generic_function", "6", "not one of")]
        [DataRow("modbus.generic_register", "65536", "outside")]
        [DataRow("modbus.generic_type", "int16", "not one of")]
        [DataRow("modbus.generic_word_order", "middle", "not one of")]
        [DataRow("modbus.generic_wh_per_unit", "0", "positive decimal")]
        [DataRow("modbus.generic_wh_per_unit", "1e3", "positive decimal")]
        [DataRow("modbus.generic_wh_per_unit", "0.0000001", "positive decimal")]
        [DataRow("modbus.generic_power_register", "-1", "whole number")]
        [DataRow("modbus.generic_w_per_unit", "-1", "positive decimal")]
        [DataRow("modbus.parity", "mark", "not one of")]
        [DataRow("modbus.stop_bits", "0", "not one of")]
        [DataRow("modbus.address", "0", "outside 1-247")]
        [DataRow("modbus.poll_seconds", "1000", "outside")]
        [DataRow("modbus.timeout_ms", "10", "outside")]
        [DataRow("session.source", "rfid", "not one of")]
        [DataRow("session.start_watts", "0", "outside")]
        [DataRow("session.stop_watts", "1.5", "whole number")]
        [DataRow("session.stop_delay_seconds", "99999", "outside")]
        [DataRow("led.pin", "11", "flash")]
        [DataRow("led.active_low", "2", "true or false")]
        [DataRow("upload.min_gap_ms", "9999999", "outside")]
        [DataRow("upload.min_gap_ms", "60001", "outside")]
        [DataRow("upload.timeout_seconds", "1", "outside")]
        [DataRow("upload.max_backoff_seconds", "10", "outside")]
        [DataRow("console.tx_pin", "9", "flash")]
        [DataRow("console.rx_pin", "-1", "GPIO number")]
        [DataRow("console.baud", "300", "not one of")]
        [DataRow("watchdog.timeout_seconds", "5", "outside")]
        [DataRow("flash.partition_kb", "8", "outside")]
        [DataRow("log.level", "trace", "not one of")]
        public void A_bad_value_is_refused_naming_the_key_and_the_reason(string key, string value, string reason)
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(values.TrySet(key, value, out problem));
            Assert.StartsWith(key + ": ", problem);
            Assert.Contains(reason, problem);
            Assert.IsFalse(values.IsSet(key));
        }

        private static readonly string[] KeysWithRows =
        {
            "agent.id",
            "console.baud",
            "console.rx_pin",
            "console.tx_pin",
            "flatpeak.account_id",
            "flatpeak.api_key",
            "flatpeak.base_url",
            "flatpeak.device",
            "flatpeak.device_id",
            "flatpeak.device_reference",
            "flatpeak.flow_direction",
            "flatpeak.location_id",
            "flatpeak.send_confidence",
            "flatpeak.show_prices",
            "flatpeak.tariff_direction",
            "flash.partition_kb",
            "led.active_low",
            "led.pin",
            "log.level",
            "meter.kind",
            "meter.max_current",
            "meter.phases",
            "meter.voltage",
            "modbus.address",
            "modbus.baud",
            "modbus.generic_function",
            "modbus.generic_power_register",
            "modbus.generic_register",
            "modbus.generic_type",
            "modbus.generic_w_per_unit",
            "modbus.generic_wh_per_unit",
            "modbus.generic_word_order",
            "modbus.parity",
            "modbus.poll_seconds",
            "modbus.profile",
            "modbus.rts_pin",
            "modbus.rx_pin",
            "modbus.stop_bits",
            "modbus.timeout_ms",
            "modbus.tx_pin",
            "s0.checkpoint_wh",
            "s0.impulses_per_kwh",
            "s0.pin",
            "session.source",
            "session.start_watts",
            "session.stop_delay_seconds",
            "session.stop_watts",
            "upload.max_backoff_seconds",
            "upload.min_gap_ms",
            "upload.timeout_seconds",
            "watchdog.timeout_seconds",
            "wifi.password",
            "wifi.ssid",
        };

        [TestMethod]
        public void Every_key_in_the_schema_has_good_and_bad_value_rows()
        {
            // KeysWithRows names the keys the data rows above cover (good and bad); a new key must get rows.
            for (int i = 0; i < ConfigSchema.Count; i++)
            {
                string name = ConfigSchema.At(i).Name;
                bool listed = false;
                for (int j = 0; j < KeysWithRows.Length; j++) listed |= KeysWithRows[j] == name;
                Assert.IsTrue(listed, name + " has no data rows");
            }

            Assert.AreEqual(ConfigSchema.Count, KeysWithRows.Length);
        }

        [TestMethod]
        public void A_secret_value_never_appears_in_a_problem()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(values.TrySet(ConfigKeys.ApiKey, "pk_secret_value_123", out problem));
            Assert.DoesNotContains("secret_value", problem);
            Assert.IsFalse(values.TrySet(ConfigKeys.WifiPassword, "tiny", out problem));
            Assert.DoesNotContains("tiny", problem);
        }

        [TestMethod]
        public void An_unknown_key_is_an_error_and_a_secret_looking_key_is_not_printed()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(values.TrySet("wifi.pasword", "x", out problem));
            Assert.Contains("unknown key 'wifi.pasword'", problem);
            Assert.IsFalse(values.TrySet("sk_test_abc=def", "x", out problem));
            Assert.DoesNotContains("sk_test", problem);
        }

        [TestMethod]
        public void Keys_are_case_insensitive_and_unset_keys_read_as_their_default()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsTrue(values.TrySet("LED.PIN", "2", out problem));
            Assert.AreEqual("2", values.Get("led.pin"));
            Assert.AreEqual("115200", values.Get(ConfigKeys.ConsoleBaud));
            Assert.IsNull(values.Get(ConfigKeys.ModbusBaud), "unset: the profile's factory setting");
            Assert.IsFalse(values.IsSet(ConfigKeys.ModbusBaud));
            values.Unset("led.pin");
            Assert.AreEqual("25", values.Get(ConfigKeys.LedPin));
            Assert.IsNull(values.Get(ConfigKeys.WifiSsid));
        }

        [TestMethod]
        public void Display_masks_secrets_and_marks_unset_keys()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            Assert.AreEqual("********", values.Display(ConfigKeys.ApiKey));
            Assert.AreEqual("********", values.Display(ConfigKeys.WifiPassword));
            Assert.AreEqual("Garage WiFi", values.Display(ConfigKeys.WifiSsid));
            Assert.AreEqual("(not set)", new ConfigValues().Display(ConfigKeys.ApiKey));
            Assert.AreEqual("(empty)", new ConfigValues().Display(ConfigKeys.WifiPassword));
        }
    }
}
