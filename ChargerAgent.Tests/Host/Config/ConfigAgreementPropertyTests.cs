using System;
using System.Collections.Generic;
using System.Text;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Tests.Config;
using ChargerAgent.Tests.Fakes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Config
{
    /// <summary>
    /// <c>config check</c> and the agent judge the same random configurations alike: every configuration the check
    /// passes starts the whole runtime (agent, uploader, meter chain), and every one the runtime starts with that the
    /// check refuses is refused only by a rule that exists for the installer's sake (named below).
    /// </summary>
    [TestClass]
    public sealed class ConfigAgreementPropertyTests
    {
        private const int Seed = 19;
        private const int Configurations = 2500;

        // Rules the check adds on purpose; the runtime has no opinion on them (it would run a pulse meter by default).
        private static readonly string[] InstallerRules =
        {
            ConfigKeys.MeterKind + ": missing",
            ConfigKeys.SessionStopWatts + ": must be below",
            ConfigKeys.BaseUrl + ": a live key is only sent over https://",
        };

        [TestMethod]
        public void Config_check_and_the_agent_accept_the_same_random_configurations()
        {
            var random = new Random(Seed);
            int accepted = 0;
            int refusedByBoth = 0;
            int installerOnly = 0;
            for (int n = 0; n < Configurations; n++)
            {
                ConfigValues values = RandomConfiguration(random, out string text);
                bool checkPasses = ConfigValidator.Validate(values, false, new AgentConfig(), out string[] problems);
                bool agentStarts = AgentStarts(values, out string refusal);
                if (checkPasses)
                {
                    Assert.IsTrue(agentStarts, $"seed {Seed}, configuration {n}: config check passes it, the agent refuses it ({refusal}):\n{text}");
                    accepted++;
                }
                else if (agentStarts)
                {
                    foreach (string problem in problems)
                    {
                        Assert.IsTrue(Array.Exists(InstallerRules, rule => problem.StartsWith(rule, StringComparison.Ordinal)),
                            $"seed {Seed}, configuration {n}: the agent starts with it, config check refuses it ({problem}):\n{text}");
                    }

                    installerOnly++;
                }
                else
                {
                    refusedByBoth++;
                }
            }

            System.Console.WriteLine($"seed {Seed}: {Configurations} configurations, {accepted} accepted by both, {refusedByBoth} refused by both, {installerOnly} refused by an installer rule only");
            Assert.IsTrue(accepted > Configurations / 10, "too few valid configurations to say anything: " + accepted);
            Assert.IsTrue(refusedByBoth > Configurations / 10, "too few refused configurations to say anything: " + refusedByBoth);
        }

        // What the agent does with a configuration file, without asking the check: fill, build every part, tick.
        private static bool AgentStarts(ConfigValues values, out string refusal)
        {
            refusal = null;
            var config = new AgentConfig();
            ConfigValidator.FillUnchecked(values, config);
            try
            {
                var clock = new FixedClock();
                IEnergySource meter = config.MeterIsModbus
                    ? RuntimeSettings.ModbusMeter(config, new SilentLine(config.ModbusBaud), clock)
                    : RuntimeSettings.PulseMeter(config, new StillCounter(), clock, 0);
                UploadOptions upload = RuntimeSettings.Upload(config);
                upload.Validate();
                var transport = new InMemoryTransport(new FlatpeakEndpoint());
                var runtime = new AgentRuntime(RuntimeSettings.Agent(config), upload, RuntimeSettings.Ring(config), clock, meter,
                    new FakeFileStore(), transport, new SystemRandomSource(1), new AgentStatus());
                runtime.SetNetworkUp(true);
                runtime.Tick();
                runtime.Tick();
                return true;
            }
            catch (Exception e)
            {
                refusal = e.GetType().Name + ": " + e.Message;
                return false;
            }
        }

        private static ConfigValues RandomConfiguration(Random random, out string text)
        {
            ConfigValues values = random.Next(2) == 0 ? ConfigSamples.ValidModbus() : ConfigSamples.ValidS0();
            if (random.Next(5) == 0) values.Clear();
            int changes = random.Next(1, 6);
            var lines = new StringBuilder();
            for (int i = 0; i < changes; i++)
            {
                ConfigKey key = ConfigSchema.At(random.Next(ConfigSchema.Count));
                if (random.Next(8) == 0)
                {
                    values.Unset(key.Name);
                    lines.Append("(unset ").Append(key.Name).Append(")\n");
                    continue;
                }

                string value = Candidate(random, key);
                if (values.TrySet(key.Name, value, out _)) lines.Append(key.Name).Append(" = ").Append(value).Append('\n');
            }

            text = lines.ToString();
            return values;
        }

        private static string Candidate(Random random, ConfigKey key)
        {
            var pool = new List<string> { "", "x", "é", "a:b", "HTTPS://API.FLATPEAK.COM", "1", "0", "60000", "60001" };
            switch (key.Kind)
            {
                case ConfigValueKind.Integer:
                    pool.AddRange(new[] { key.Minimum.ToString(), key.Maximum.ToString(), (key.Minimum + 1).ToString(), random.Next(key.Minimum, key.Maximum + 1).ToString() });
                    break;
                case ConfigValueKind.Choice:
                case ConfigValueKind.MeterProfile:
                    pool.AddRange(key.Choices);
                    pool.AddRange(new[] { "abb_b21", "ABB_B23", "generic", "SDM120" });
                    break;
                case ConfigValueKind.Pin:
                    pool.AddRange(new[] { "2", "4", "16", "17", "21", "25", "26", "32", "33", "34", "39" });
                    break;
                case ConfigValueKind.Boolean:
                    pool.AddRange(new[] { "true", "false", "yes" });
                    break;
                case ConfigValueKind.Url:
                    pool.AddRange(new[] { "https://api.flatpeak.com", "http://127.0.0.1:8443", "HTTPS://Api.Example.com/", "Http://h", "https://h/p/" });
                    break;
                case ConfigValueKind.Decimal:
                    pool.AddRange(new[] { "1000", "0.1", "0.001", "1000000", "10" });
                    break;
                default:
                    pool.AddRange(new[] { "acc_01HZX", "loc_01HZY", "acc:01", "lieu-été", "sk_test_abcdefgh", "sk_live_abcdefgh", "garage-2", "a~b!c", new string('k', 64) });
                    break;
            }

            return pool[random.Next(pool.Count)];
        }

        // Every look moves time on by 10 ms, so the Modbus master's timeouts on the silent line end at once.
        private sealed class FixedClock : IClock
        {
            private long now = 1000;

            public long MonotonicMilliseconds => now += 10;

            public bool TryGetUtc(out long unixSeconds)
            {
                unixSeconds = 1_780_000_000 + now / 1000;
                return true;
            }
        }

        private sealed class SilentLine : ISerialLine
        {
            private readonly int baud;

            public SilentLine(int baud) => this.baud = baud;

            public int BaudRate => baud;

            public void Write(byte[] buffer, int offset, int count)
            {
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds) => 0;

            public void DiscardInput()
            {
            }
        }

        private sealed class StillCounter : IPulseCounter
        {
            public bool TryRead(out long count)
            {
                count = 0;
                return true;
            }
        }
    }
}
