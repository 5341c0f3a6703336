using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Tests.Console;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Console
{
    /// <summary>
    /// Drives the portable console as a terminal would: a scripted byte stream in chunks of random
    /// size (as a UART delivers them), checked line by line, with the LED following the same status.
    /// </summary>
    [TestClass]
    public sealed class ScriptedConsoleTests
    {
        private const string Key = "sk_test_HostScriptKey0123456789";

        private static string[] Lines(string text) =>
            text.Replace("\b \b", string.Empty).Split('\n').Select(l => l.StartsWith(ConsoleShell.Prompt, StringComparison.Ordinal) ? l.Substring(ConsoleShell.Prompt.Length) : l).ToArray();

        private static string FeedInChunks(ConsoleRig rig, byte[] script, int seed)
        {
            var random = new Random(seed);
            rig.Output.Clear();
            int at = 0;
            while (at < script.Length)
            {
                int n = Math.Min(script.Length - at, random.Next(1, 17));
                rig.Shell.Feed(script, at, n);
                at += n;
            }

            return rig.Output.Text;
        }

        [TestMethod]
        public void A_first_configuration_typed_in_random_chunks_reaches_the_file_and_never_echoes_the_key()
        {
            for (int seed = 1; seed <= 20; seed++)
            {
                var rig = new ConsoleRig(null);
                string script =
                    "\x1b[A\x1b[Bhelp\r\n" +
                    "config set wifi.ssid Workshop\r\n" +
                    "config set wifi.password workshop-pass\r\n" +
                    "config set flatpeak.account_id acc_9\r\n" +
                    "config set flatpeak.api_key " + Key + "\r\n" +
                    "config set flatpeak.location_id loc_9\r\n" +
                    "config set flatpeak.device_id bay-9\r\n" +
                    "config set meter.kind modbux\bs\r\n" +
                    "config set modbus.profile sdm120\r\n" +
                    "config set modbus.baud 2400\r\n" +
                    "config show\r\n" +
                    "config save\r\n" +
                    "status\r\n";
                string text = FeedInChunks(rig, Encoding.ASCII.GetBytes(script), seed);
                string[] lines = Lines(text);

                Assert.IsFalse(text.Contains(Key, StringComparison.Ordinal), $"seed {seed}: the key was shown");
                Assert.IsFalse(text.Contains("HostScript", StringComparison.Ordinal), $"seed {seed}: part of the key was shown");
                Assert.IsFalse(text.Contains("workshop-pass", StringComparison.Ordinal), $"seed {seed}: the Wi-Fi password was shown");
                CollectionAssert.Contains(lines, "meter.kind = modbus  (config save keeps it)", $"seed {seed}");
                CollectionAssert.Contains(lines, "flatpeak.api_key = ********", $"seed {seed}");
                CollectionAssert.Contains(lines, "modbus.baud = 2400", $"seed {seed}");
                CollectionAssert.Contains(lines, "configuration is complete and valid", $"seed {seed}");
                CollectionAssert.Contains(lines, "state: no Wi-Fi", $"seed {seed}");

                var loaded = new ConfigValues();
                Assert.IsTrue(new ConfigStore(rig.Files).TryLoad(loaded, out string problem), problem);
                Assert.AreEqual(Key, loaded.Get(ConfigKeys.ApiKey));
                Assert.AreEqual("sdm120", loaded.Get(ConfigKeys.ModbusProfile));
            }
        }

        [TestMethod]
        public void Random_garbage_never_runs_a_command_or_throws()
        {
            var random = new Random(8);
            var rig = new ConsoleRig(null);
            var bytes = new byte[20000];
            random.NextBytes(bytes);
            // Keep line ends, Ctrl-C and printable characters out of the noise: nothing may then be echoed or run.
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == 3 || bytes[i] == 10 || bytes[i] == 13 || (bytes[i] >= 32 && bytes[i] < 127)) bytes[i] = 0x80;
            }

            string text = FeedInChunks(rig, bytes, 8);
            Assert.AreEqual(0, rig.Control.Reboots + rig.Control.UploadNows + rig.Control.Stops);
            string after = rig.Type("\rqueue\r");
            StringAssert.Contains(after, "queue: 0 record(s) waiting");
            Assert.AreEqual(string.Empty, text, "dropped bytes are not echoed");
        }

        [TestMethod]
        public void A_flood_without_line_ends_is_refused_once_and_the_console_recovers()
        {
            var rig = new ConsoleRig(null);
            string text = rig.Type(new string('a', 5000) + "\r\nmeter\r\n");
            Assert.AreEqual(1, Lines(text).Count(l => l.StartsWith("error: line longer than", StringComparison.Ordinal)));
            StringAssert.Contains(text, "meter: not read yet");
        }

        [TestMethod]
        public void The_led_walks_the_states_a_console_session_sees()
        {
            var rig = new ConsoleRig(null);
            var pin = new TracePin();
            var led = new StatusLed(pin);
            var expected = new List<(string Console, LedState Led)>();
            long now = 0;

            void Step(Action change, string consoleState, LedState ledState)
            {
                change();
                for (int i = 0; i < 100; i++, now += 20) led.Update(rig.Status, now);
                string status = rig.Type("status\r");
                StringAssert.Contains(status, "state: " + consoleState);
                Assert.AreEqual(ledState, led.State);
                expected.Add((consoleState, ledState));
            }

            Step(() => rig.Status.Board.Booting = true, "booting", LedState.Booting);
            Step(() => { rig.Status.Board.Booting = false; rig.Status.Board.ConfigurationMissing = true; }, "no configuration", LedState.NoConfiguration);
            Step(() => rig.Status.Board.ConfigurationMissing = false, "no Wi-Fi", LedState.NoWifi);
            Step(() => rig.Status.Board.NetworkUp = true, "no valid time", LedState.NoValidTime);
            Step(() => { rig.Status.Recording.ClockTrusted = true; rig.Status.Recording.UtcNow = 1764000000; rig.Status.Delivery.Backlog = 4; }, "backlog draining", LedState.BacklogDraining);
            Step(() => rig.Status.Delivery.CredentialsRejected = true, "credentials rejected", LedState.CredentialsRejected);
            Step(() => { rig.Status.Delivery.CredentialsRejected = false; rig.Status.Recording.MeterHealth = MeterHealth.BadData; }, "meter fault", LedState.MeterFault);
            Step(() => { rig.Status.Recording.MeterHealth = MeterHealth.Ok; rig.Status.Delivery.RingNearlyFull = true; }, "ring nearly full", LedState.RingNearlyFull);
            Step(() => { rig.Status.Delivery.RingNearlyFull = false; rig.Status.Delivery.Backlog = 0; }, "all sent", LedState.AllSent);

            Assert.AreEqual(LedStates.Count, expected.Select(e => e.Led).Distinct().Count(), "every LED state was shown");
            Assert.IsTrue(pin.Edges > 40, "the pin blinked");
        }

        private sealed class TracePin : ILedOutput
        {
            public int Edges;
            private bool _on;

            public void Set(bool on)
            {
                if (on != _on) Edges++;
                _on = on;
            }
        }
    }
}
