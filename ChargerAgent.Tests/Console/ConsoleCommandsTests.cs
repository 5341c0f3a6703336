using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Tests.Config;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Console
{
    [TestClass]
    public class ConsoleCommandsTests
    {
        [TestMethod]
        public void Help_lists_every_command()
        {
            string text = new ConsoleRig(null).Type("help\r");
            string[] commands = { "status", "config show", "config set", "config save", "session start", "session stop", "meter", "queue", "upload now", "quarantine list|resend", "log level", "reboot" };
            for (int i = 0; i < commands.Length; i++) Assert.Contains(commands[i], text);
            Assert.EndsWith("> ", text);
        }

        [TestMethod]
        public void Status_shows_the_last_cost_in_major_units_with_the_currency()
        {
            var rig = new ConsoleRig(null);
            rig.Status.Delivery.LastUploadedSeq = 7;
            rig.Status.Delivery.LastUploadAt = 1767225600;
            rig.Status.Delivery.LastUploadCostMinor = 131;
            rig.Status.Delivery.Currency = "GBP";
            Assert.Contains("last upload: record 7 at 2026-01-01T00:00:00Z, cost 1.31 GBP", rig.Type("status\r"));
            Assert.AreEqual("0.05 EUR", ChargerAgent.Core.Console.StatusReport.Money(5, "EUR"));
            Assert.AreEqual("-2.40", ChargerAgent.Core.Console.StatusReport.Money(-240, null));
        }

        [TestMethod]
        public void An_unknown_command_is_named_and_help_suggested()
        {
            Assert.Contains("unknown command (help lists the commands)", new ConsoleRig(null).Type("frobnicate now\r"));
        }

        [TestMethod]
        public void Config_set_checks_the_value_at_once_and_names_the_key()
        {
            ConsoleRig rig = new ConsoleRig(null);
            Assert.Contains("error: modbus.address: 0 is outside 1-247", rig.Type("config set modbus.address 0\r"));
            Assert.IsFalse(rig.Config.IsSet(ConfigKeys.ModbusAddress));
            Assert.Contains("modbus.address = 12", rig.Type("config set modbus.address 12\r"));
            Assert.AreEqual("12", rig.Config.Get(ConfigKeys.ModbusAddress));
            Assert.IsTrue(rig.Commands.HasUnsavedChanges);
        }

        [TestMethod]
        public void Config_set_keeps_spaces_inside_a_value()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Type("config set wifi.ssid  My Home  Net  \r");
            Assert.AreEqual("My Home  Net", rig.Config.Get(ConfigKeys.WifiSsid));
        }

        [TestMethod]
        public void Config_unset_goes_back_to_the_default()
        {
            ConsoleRig rig = new ConsoleRig(ConfigSamples.ValidS0());
            rig.Type("config set led.pin 2\r");
            Assert.Contains("led.pin = 25  (default)", rig.Type("config unset led.pin\r"));
        }

        [TestMethod]
        public void Config_save_writes_the_file_and_reports_what_is_still_missing()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Type("config set meter.kind s0\r");
            string text = rig.Type("config save\r");
            Assert.Contains("saved config.txt; reboot to apply", text);
            Assert.Contains("configuration is not usable yet", text);
            Assert.Contains("  flatpeak.api_key: missing", text);
            Assert.Contains("meter.kind = s0", rig.Files.TextOf(ConfigStore.FileName));
            Assert.IsFalse(rig.Commands.HasUnsavedChanges);
        }

        [TestMethod]
        public void Config_save_reports_a_flash_failure()
        {
            ConsoleRig rig = new ConsoleRig(ConfigSamples.ValidS0());
            rig.Files.Failing = true;
            Assert.Contains("error: could not write config.txt", rig.Type("config save\r"));
        }

        [TestMethod]
        public void Without_flash_config_save_says_it_cannot_write()
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            Core.Console.ConsoleCommands commands = new Core.Console.ConsoleCommands(output, new Core.Status.AgentStatus(), new FakeAgentControl(),
                ConfigSamples.ValidS0(), null, new Core.Console.ConsoleLog(output), true);
            commands.Execute("config save");
            Assert.Contains("error: the flash cannot be used, so config.txt cannot be written", output.Text);
        }

        [TestMethod]
        public void Config_check_of_a_complete_configuration_says_so()
        {
            Assert.Contains("configuration is complete and valid", new ConsoleRig(ConfigSamples.ValidS0()).Type("config check\r"));
        }

        [TestMethod]
        public void Session_start_passes_the_id_and_reports_refusals()
        {
            ConsoleRig rig = new ConsoleRig(null);
            Assert.Contains("session starting with the given id", rig.Type("session start bay3-0001\r"));
            Assert.AreEqual("bay3-0001", rig.Control.StartedWith);
            Assert.Contains("error: a session is open", rig.Type("session start\r"));
            Assert.IsNull(rig.Control.StartedWith);
            Assert.Contains("session stopping", rig.Type("session stop\r"));
            Assert.Contains("error: no session is open", rig.Type("session stop\r"));
            Assert.Contains("usage: session start [ID]", rig.Type("session start a b\r"));
        }

        [TestMethod]
        public void Upload_now_quarantine_and_reboot_reach_the_agent()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Status.Delivery.Quarantined = 3;
            Assert.Contains("upload requested", rig.Type("upload now\r"));
            Assert.AreEqual(1, rig.Control.UploadNows);
            Assert.Contains("3 record(s) quarantined", rig.Type("quarantine list\r"));
            Assert.Contains("3 record(s) queued again", rig.Type("quarantine resend\r"));
            Assert.AreEqual(1, rig.Control.Resends);
            Assert.Contains("usage: upload now", rig.Type("upload later\r"));
            Assert.Contains("rebooting", rig.Type("reboot\r"));
            Assert.AreEqual(1, rig.Control.Reboots);
        }

        [TestMethod]
        public void Log_level_shows_and_sets_the_level()
        {
            ConsoleRig rig = new ConsoleRig(null);
            Assert.Contains("log level info", rig.Type("log level\r"));
            Assert.Contains("log level debug", rig.Type("log level DEBUG\r"));
            Assert.IsTrue(rig.Log.IsEnabled(Core.Console.ConsoleLog.Debug));
            Assert.Contains("error: not a level", rig.Type("log level loud\r"));
        }

        [TestMethod]
        public void Meter_and_queue_show_the_status()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Status.Recording.MeterHealth = MeterHealth.NoAnswer;
            rig.Status.Recording.MeterTotalWh = 1234567;
            rig.Status.Recording.MeterProblem = "no answer from address 1";
            rig.Status.Delivery.Backlog = 12;
            rig.Status.Delivery.RingNearlyFull = true;
            string meter = rig.Type("meter\r");
            Assert.Contains("meter: NO ANSWER, total 1234.567 kWh", meter);
            Assert.Contains("meter problem: no answer from address 1", meter);
            Assert.Contains("queue: 12 record(s) waiting, 0 quarantined, ring nearly full", rig.Type("queue\r"));
        }

        [TestMethod]
        public void Status_says_what_is_missing_in_the_safe_state()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Status.Board.ConfigurationMissing = true;
            rig.Status.Board.ConfigurationProblem = "flatpeak.api_key: missing";
            rig.Status.Recording.UptimeSeconds = 90061;
            rig.Status.Board.FreeMemoryBytes = 81234;
            string text = rig.Type("status\r");
            Assert.Contains("state: no configuration", text);
            Assert.Contains("configuration: flatpeak.api_key: missing", text);
            Assert.Contains("uptime: 1d 01:01:01", text);
            Assert.Contains("memory: 81234 bytes free", text);
            Assert.Contains("clock: not set (waiting for SNTP)", text);
        }

        [TestMethod]
        public void A_command_that_throws_is_reported_and_the_console_goes_on()
        {
            ConsoleRig rig = new ConsoleRig(null);
            rig.Control.ThrowOnUploadNow = true;
            string text = rig.Type("upload now\rhelp\r");
            Assert.Contains("error: upload state broken (test)", text);
            Assert.Contains("upload now", text);
        }

        [TestMethod]
        public void A_secret_typed_where_a_word_was_expected_is_never_echoed_back()
        {
            const string secret = "sk_test_SECRETKEY_abcdef0123456789";
            string[] lines = { secret, "log level " + secret, "config unset " + secret, "session start " + secret };
            for (int i = 0; i < lines.Length; i++)
            {
                string output = new ConsoleRig(null).Type(lines[i] + "\r");
                int typed = output.IndexOf('\n');
                string answer = typed < 0 ? output : output.Substring(typed + 1);
                for (int k = 0; k + 6 <= secret.Length; k++)
                {
                    Assert.IsTrue(answer.IndexOf(secret.Substring(k, 6)) < 0, "'" + lines[i] + "' echoed part of the secret: " + answer);
                }
            }
        }
    }
}
