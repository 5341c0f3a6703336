using ChargerAgent.Core.Config;
using ChargerAgent.Tests.Config;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Console
{
    [TestClass]
    public class CapturedSessionTests
    {
        private const string Key = "sk_test_QmV5Rk9yVGhlU2Vzc2lvbg";

        private static void AssertNoSecret(string text)
        {
            Assert.DoesNotContains(Key, text);
            // No 6-character piece of the key's random part either (a partial echo is a leak too).
            string random = Key.Substring(8);
            for (int i = 0; i + 6 <= random.Length; i++)
            {
                Assert.DoesNotContains(random.Substring(i, 6), text);
            }

            Assert.DoesNotContains(ConfigSamples.WifiPassword, text);
        }

        [TestMethod]
        public void A_session_that_sets_the_api_key_and_shows_config_and_status_never_shows_the_key()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Status.Board.ConfigurationMissing = true;
            rig.Status.Board.ConfigurationProblem = "no configuration: config.txt is missing";
            rig.Shell.Start("ChargerAgent console");

            string typed =
                "config set wifi.ssid Garage WiFi\r\n" +
                "config set wifi.password " + ConfigSamples.WifiPassword + "\r\n" +
                "config set flatpeak.account_id acc_01HZX\r\n" +
                "config set flatpeak.api_key " + Key + "\r\n" +
                "config set flatpeak.api_key " + Key + "-but bad\r\n" +
                "config set flatpeak.location_id loc_01HZY\r\n" +
                "config set flatpeak.device_id garage-1\r\n" +
                "config set meter.kind s0\r\n" +
                "config show\r\n" +
                "status\r\n" +
                "config check\r\n" +
                "config save\r\n";
            string session = rig.Type(typed);
            OutputHelper.WriteLine(session);

            AssertNoSecret(session);
            Assert.Contains("config set flatpeak.api_key ******************************", session);
            Assert.Contains("flatpeak.api_key = ********  (config save keeps it)", session);
            Assert.Contains("error: flatpeak.api_key: must not contain spaces", session);
            Assert.Contains("flatpeak.api_key = ********\n", session);
            Assert.Contains("wifi.password = ********\n", session);
            Assert.Contains("state: no configuration", session);
            Assert.Contains("configuration is complete and valid", session);
            Assert.Contains("saved config.txt; reboot to apply", session);

            // The key went where it belongs: the configuration and the file, and nowhere else.
            Assert.AreEqual(Key, rig.Config.Get(ConfigKeys.ApiKey));
            Assert.Contains("flatpeak.api_key = " + Key, rig.Files.TextOf(ConfigStore.FileName));
        }

        [TestMethod]
        public void A_key_typed_with_backspaces_and_garbage_is_still_masked()
        {
            ConsoleRig rig = new ConsoleRig(null);
            byte[] prefix = System.Text.Encoding.UTF8.GetBytes("config set flatpeak.api_key ");
            byte[] keyBytes = System.Text.Encoding.UTF8.GetBytes(Key);
            byte[] bytes = new byte[prefix.Length + keyBytes.Length * 2 + 2];
            int n = 0;
            for (int i = 0; i < prefix.Length; i++) bytes[n++] = prefix[i];
            for (int i = 0; i < keyBytes.Length; i++)
            {
                bytes[n++] = keyBytes[i];
                bytes[n++] = (byte)(i % 2 == 0 ? 0xFE : 0x00);
            }

            bytes[n++] = 13;
            bytes[n++] = 10;
            string text = rig.Feed(bytes);
            AssertNoSecret(text);
            Assert.AreEqual(Key, rig.Config.Get(ConfigKeys.ApiKey));
        }
    }
}
