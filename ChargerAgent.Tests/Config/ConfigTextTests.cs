using ChargerAgent.Core.Config;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Config
{
    [TestClass]
    public class ConfigTextTests
    {
        [TestMethod]
        public void A_file_with_comments_blank_lines_and_crlf_parses()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            string text = "# comment\r\n\r\n  wifi.ssid   =   Home Net  \r\n   # indented comment\r\nmeter.kind=s0\r\n";
            Assert.IsTrue(ConfigText.TryParse(text, values, out problem), problem);
            Assert.AreEqual("Home Net", values.Get(ConfigKeys.WifiSsid));
            Assert.AreEqual("s0", values.Get(ConfigKeys.MeterKind));
            Assert.AreEqual(2, values.Count);
        }

        [TestMethod]
        public void Quotes_keep_spaces_at_the_ends_and_a_hash_inside_a_value_is_kept()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsTrue(ConfigText.TryParse("wifi.ssid = \" padded \"\nwifi.password = pa#ss=word99\n", values, out problem), problem);
            Assert.AreEqual(" padded ", values.Get(ConfigKeys.WifiSsid));
            Assert.AreEqual("pa#ss=word99", values.Get(ConfigKeys.WifiPassword));
        }

        [DataRow("wifi.ssid = a\nnonsense line\n", "line 2: expected key = value")]
        [DataRow("= value\n", "line 1: expected key = value")]
        [DataRow("meter.kind = s0\nMETER.KIND = modbus\n", "line 2: meter.kind: given twice")]
        [DataRow("\n\nmeter.knd = s0\n", "line 3: unknown key 'meter.knd'")]
        [DataRow("modbus.baud = 9601\n", "line 1: modbus.baud: '9601' is not one of")]
        public void A_bad_line_is_reported_with_its_number_and_reason(string text, string expected)
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(ConfigText.TryParse(text, values, out problem));
            Assert.StartsWith(expected, problem);
        }

        [TestMethod]
        public void A_bad_api_key_line_does_not_print_the_key()
        {
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(ConfigText.TryParse("flatpeak.api_key = xk_live_topsecret\n", values, out problem));
            Assert.DoesNotContains("topsecret", problem);
            Assert.IsFalse(ConfigText.TryParse("sk_live_topsecret\n", values, out problem));
            Assert.DoesNotContains("topsecret", problem);
        }

        [TestMethod]
        public void Format_then_parse_gives_back_the_same_values()
        {
            ConfigValues values = ConfigSamples.ValidModbus();
            string problem;
            Assert.IsTrue(values.TrySet(ConfigKeys.WifiSsid, " spaced name ", out problem));
            string text = ConfigText.Format(values);
            ConfigValues again = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(text, again, out problem), problem);
            Assert.AreEqual(values.Count, again.Count);
            for (int i = 0; i < ConfigSchema.Count; i++)
            {
                string name = ConfigSchema.At(i).Name;
                Assert.AreEqual(values.Get(name), again.Get(name), name);
                Assert.AreEqual(values.IsSet(name), again.IsSet(name), name);
            }
        }

        [TestMethod]
        public void TrimBlank_removes_only_spaces_tabs_and_line_ends()
        {
            Assert.AreEqual("a b", ConfigText.TrimBlank(" \t a b \r\n"));
            Assert.AreEqual(string.Empty, ConfigText.TrimBlank("   "));
            Assert.AreEqual("x", ConfigText.TrimBlank("x"));
        }
    }
}
