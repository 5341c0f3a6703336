using System.IO;
using ChargerAgent.Core;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Upload;
using ChargerAgent.Host.Serial;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Runtime
{
    /// <summary>The configuration file reaches the agent, the uploader and the meter as written.</summary>
    [TestClass]
    public sealed class RuntimeSettingsTests
    {
        private static AgentConfig Example(params string[] overrides)
        {
            var values = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(File.ReadAllText(RepositoryPaths.Combine("hardware", "config.example.txt")), values, out string problem), problem);
            for (int i = 0; i < overrides.Length; i += 2)
            {
                Assert.IsTrue(values.TrySet(overrides[i], overrides[i + 1], out problem), problem);
            }

            var config = new AgentConfig();
            Assert.IsTrue(ConfigValidator.Validate(values, true, config, out string[] problems), string.Join("; ", problems));
            return config;
        }

        [TestMethod]
        public void The_example_configuration_maps_onto_the_agent_and_the_uploader()
        {
            AgentConfig config = Example("session.source", "both", "session.start_watts", "1500");
            AgentOptions agent = RuntimeSettings.Agent(config);
            agent.Validate();
            Assert.AreEqual("garage-charger-1", agent.DeviceId);
            Assert.AreEqual(230 * 32 * 1, agent.MaxPowerW);
            Assert.AreEqual(1500, agent.DetectorThresholdW);
            Assert.AreEqual(SessionSources.Console | SessionSources.Signal | SessionSources.PowerDetector, agent.SessionSources);

            UploadOptions upload = RuntimeSettings.Upload(config);
            upload.Validate();
            Assert.AreEqual("https://api.flatpeak.com", upload.BaseUrl);
            Assert.AreEqual("acc_0000000000000000000000000", upload.AccountId);
            Assert.AreEqual("loc_0000000000000000000000000", upload.LocationId);
            Assert.AreEqual("garage-charger-1", upload.ReferenceDeviceId);
            Assert.AreEqual("IMPORT", upload.TariffDirection);
            Assert.AreEqual("INBOUND", upload.EnergyFlowDirection);
        }

        [TestMethod]
        public void Power_detection_alone_turns_the_signal_and_console_sources_off()
        {
            Assert.AreEqual(SessionSources.PowerDetector, RuntimeSettings.Agent(Example("session.source", "power")).SessionSources);
            Assert.AreEqual(SessionSources.Console | SessionSources.Signal, RuntimeSettings.Agent(Example("session.source", "manual")).SessionSources);
        }

        [TestMethod]
        public void A_modbus_meter_is_polled_behind_the_plausibility_filter()
        {
            var clock = new StopwatchClock();
            IEnergySource meter = RuntimeSettings.ModbusMeter(Example(), new SilentLine(), clock);
            Assert.IsInstanceOfType(meter, typeof(PolledEnergySource));
            Assert.IsTrue(meter.CountSurvivesReboot);
            var reading = new EnergyReading();
            meter.Read(ref reading);
            Assert.AreEqual(MeterHealth.NoAnswer, reading.Health, reading.Reason);
        }

        /// <summary>A serial line on which no meter answers.</summary>
        private sealed class SilentLine : ISerialLine
        {
            public int BaudRate => 9600;
            public void Write(byte[] buffer, int offset, int count) { }
            public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds) => 0;
            public void DiscardInput() { }
        }
    }
}
