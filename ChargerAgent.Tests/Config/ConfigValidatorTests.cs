using ChargerAgent.Core.Config;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Config
{
    [TestClass]
    public class ConfigValidatorTests
    {
        [TestMethod]
        public void A_complete_s0_configuration_is_valid_and_typed()
        {
            AgentConfig config = new AgentConfig();
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(ConfigSamples.ValidS0(), true, config, out problems));
            Assert.AreEqual(0, problems.Length);
            Assert.AreEqual("Garage WiFi", config.WifiSsid);
            Assert.AreEqual(ConfigSamples.ApiKey, config.ApiKey);
            Assert.AreEqual("garage-1", config.DeviceId);
            Assert.AreEqual("https://api.flatpeak.com", config.BaseUrl);
            Assert.IsFalse(config.MeterIsModbus);
            Assert.AreEqual(2000, config.S0ImpulsesPerKwh);
            Assert.AreEqual(26, config.S0Pin);
            Assert.AreEqual(230 * 32, config.MaxPowerW);
            Assert.AreEqual("IMPORT", config.TariffDirection);
            Assert.AreEqual("INBOUND", config.FlowDirection);
            Assert.IsNull(config.ModbusProfile);
        }

        [TestMethod]
        public void A_complete_modbus_configuration_is_valid()
        {
            AgentConfig config = new AgentConfig();
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(ConfigSamples.ValidModbus(), true, config, out problems));
            Assert.IsTrue(config.MeterIsModbus);
            Assert.AreEqual("sdm630", config.ModbusProfile);
            Assert.AreEqual(9600, config.ModbusBaud);
            Assert.AreEqual(4, config.ModbusRtsPin);
        }

        [TestMethod]
        public void Unset_serial_settings_are_the_profiles_factory_settings()
        {
            ConfigValues values = ConfigSamples.ValidModbus();
            string problem;
            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusProfile, "sdm120", out problem));
            AgentConfig config = new AgentConfig();
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual(2400, config.ModbusBaud, "SDM120 leaves the factory at 2400 baud");
            Assert.AreEqual("none", config.ModbusParity);
            Assert.AreEqual(1, config.ModbusStopBits);

            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusProfile, "or-we-516", out problem));
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual(9600, config.ModbusBaud);
            Assert.AreEqual("odd", config.ModbusParity, "OR-WE-516 leaves the factory with odd parity");

            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusBaud, "19200", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusParity, "even", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusStopBits, "2", out problem));
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual(19200, config.ModbusBaud, "a configured value wins");
            Assert.AreEqual("even", config.ModbusParity);
            Assert.AreEqual(2, config.ModbusStopBits);
        }

        [TestMethod]
        public void An_old_profile_spelling_is_valid_and_resolves_to_the_profile()
        {
            ConfigValues values = ConfigSamples.ValidModbus();
            string problem;
            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusProfile, "abb_b23", out problem), problem);
            AgentConfig config = new AgentConfig();
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual("abb-b23", config.ModbusProfile);
            Assert.AreEqual("abb-b23", config.ModbusMeterProfile.Name);
            Assert.AreEqual(19200, config.ModbusBaud);
        }

        [TestMethod]
        public void A_generic_profile_is_built_from_the_configuration()
        {
            ConfigValues values = ConfigSamples.ValidModbus();
            string problem;
            Assert.IsTrue(values.TrySet(ConfigKeys.ModbusProfile, "generic", out problem));
            AgentConfig config = new AgentConfig();
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual(ConfigKeys.GenericFunction + ": missing", problems[0]);
            Assert.AreEqual(4, problems.Length, "function, register, type and scale are required");

            Assert.IsTrue(values.TrySet(ConfigKeys.GenericFunction, "3", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.GenericRegister, "20480", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.GenericType, "uint64", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.GenericWhPerUnit, "10", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.GenericPowerRegister, "23316", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.GenericWPerUnit, "0.01", out problem));
            Assert.IsTrue(ConfigValidator.Validate(values, false, config, out problems));
            Assert.AreEqual((byte)3, config.ModbusMeterProfile.Function);
            Assert.AreEqual((ushort)0x5000, config.ModbusMeterProfile.EnergyRegister);
            Assert.AreEqual(4, config.ModbusMeterProfile.EnergyRegisterCount);
            Assert.AreEqual(10L, config.ModbusMeterProfile.WhPerUnitNumerator);
            Assert.AreEqual((ushort)0x5B14, config.ModbusMeterProfile.PowerRegister);
            Assert.AreEqual(1L, config.ModbusMeterProfile.WPerUnitNumerator);
            Assert.AreEqual(100L, config.ModbusMeterProfile.WPerUnitDenominator);
            Assert.AreEqual(9600, config.ModbusBaud);

            Assert.IsTrue(values.TrySet(ConfigKeys.GenericRegister, "65534", out problem));
            Assert.IsFalse(ConfigValidator.Validate(values, false, config, out problems), "a uint64 does not fit at 65534");
            Assert.StartsWith(ConfigKeys.GenericRegister + ": ", problems[0]);
        }

        [TestMethod]
        public void Values_the_uploader_refuses_are_refused_by_the_check()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            string problem;
            Assert.IsFalse(values.TrySet(ConfigKeys.AccountId, "acc:1", out problem));
            Assert.IsFalse(values.TrySet(ConfigKeys.AccountId, "acc\u00e9", out problem));
            Assert.IsFalse(values.TrySet(ConfigKeys.LocationId, "lieu-\u00e9t\u00e9", out problem));
            Assert.IsFalse(values.TrySet(ConfigKeys.UploadMinGapMs, "60001", out problem));
            Assert.IsTrue(values.TrySet(ConfigKeys.BaseUrl, "HTTPS://API.example.com", out problem));
            Assert.AreEqual("https://API.example.com", values.Get(ConfigKeys.BaseUrl));
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
        }

        [TestMethod]
        public void A_flash_partition_too_small_for_the_ring_is_refused_in_one_line_naming_the_most_that_fits()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            string problem;
            Assert.IsTrue(values.TrySet(ConfigKeys.FlashPartitionKb, "64", out problem), problem);
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.AreEqual(1, problems.Length);
            Assert.Contains("64 KB flash partition", problems[0]);
            Assert.Contains("at most 0 KB", problems[0]);
            Assert.AreEqual(-1, problems[0].IndexOf('\n'));
            Assert.IsTrue(values.TrySet(ConfigKeys.FlashPartitionKb, "256", out problem), problem);
            Assert.IsTrue(ConfigValidator.Validate(values, true, new AgentConfig(), out problems), "the 256 KB partition of a 4 MB board holds it");
        }

        [TestMethod]
        public void An_empty_configuration_says_there_is_none()
        {
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(new ConfigValues(), true, new AgentConfig(), out problems));
            Assert.AreEqual(1, problems.Length);
            Assert.StartsWith("no configuration", problems[0]);
        }

        [DataRow("wifi.ssid")]
        [DataRow("flatpeak.account_id")]
        [DataRow("flatpeak.api_key")]
        [DataRow("flatpeak.location_id")]
        [DataRow("meter.kind")]
        public void A_missing_required_key_is_named(string key)
        {
            ConfigValues values = ConfigSamples.ValidS0();
            values.Unset(key);
            string[] problems;
            AgentConfig config = new AgentConfig();
            Assert.IsFalse(ConfigValidator.Validate(values, true, config, out problems));
            Assert.AreEqual(key + ": missing", problems[0]);
            Assert.IsNull(config.ApiKey, "the typed configuration is filled only when valid");
        }

        [TestMethod]
        public void The_desktop_does_not_need_wifi_or_check_pins()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            values.Unset(ConfigKeys.WifiSsid);
            string problem;
            values.TrySet(ConfigKeys.LedPin, "26", out problem);
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.AreEqual(2, problems.Length);
            Assert.IsTrue(ConfigValidator.Validate(values, false, new AgentConfig(), out problems));
        }

        [TestMethod]
        public void Pins_of_the_meter_kind_not_used_may_overlap()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            string problem;
            values.TrySet(ConfigKeys.ModbusTxPin, "25", out problem);
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
        }

        [DataRow("s0", "meter.kind", "modbus", "modbus.profile: missing")]
        [DataRow("s0", "console.rx_pin", "26", "s0.pin: GPIO 26 is already used by console.rx_pin")]
        [DataRow("s0", "led.pin", "36", "led.pin: GPIO 36 is input-only and cannot drive an output")]
        [DataRow("s0", "console.tx_pin", "36", "console.tx_pin: GPIO 36 is input-only and cannot drive an output")]
        [DataRow("modbus", "modbus.rts_pin", "39", "modbus.rts_pin: GPIO 39 is input-only")]
        public void One_value_that_cannot_work_on_the_board_is_refused_in_one_line_naming_its_key(string meter, string key, string value, string expected)
        {
            ConfigValues values = meter == "modbus" ? ConfigSamples.ValidModbus() : ConfigSamples.ValidS0();
            string problem;
            Assert.IsTrue(values.TrySet(key, value, out problem), problem);
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.StartsWith(expected, problems[0]);
            Assert.AreEqual(-1, problems[0].IndexOf('\n'));
        }

        [TestMethod]
        public void Power_sessions_need_a_stop_power_below_the_start_power()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            string problem;
            values.TrySet(ConfigKeys.SessionSource, "power", out problem);
            values.TrySet(ConfigKeys.SessionStopWatts, "1500", out problem);
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.StartsWith("session.stop_watts: must be below session.start_watts", problems[0]);
            values.TrySet(ConfigKeys.SessionSource, "manual", out problem);
            Assert.IsTrue(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
        }

        [TestMethod]
        public void A_live_key_is_refused_over_plain_http_but_a_test_key_may_use_a_local_endpoint()
        {
            ConfigValues values = ConfigSamples.ValidS0();
            string problem;
            values.TrySet(ConfigKeys.BaseUrl, "http://192.168.1.5:8080", out problem);
            string[] problems;
            Assert.IsTrue(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            values.TrySet(ConfigKeys.ApiKey, "sk_live_0123456789", out problem);
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.StartsWith("flatpeak.base_url: a live key", problems[0]);
            Assert.DoesNotContains("0123456789", problems[0]);
        }

        [TestMethod]
        public void Every_problem_is_reported_not_only_the_first()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            values.TrySet(ConfigKeys.MeterKind, "s0", out problem);
            string[] problems;
            Assert.IsFalse(ConfigValidator.Validate(values, true, new AgentConfig(), out problems));
            Assert.AreEqual(5, problems.Length);
        }
    }
}
