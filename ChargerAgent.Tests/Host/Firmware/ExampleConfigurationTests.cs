using System.IO;
using ChargerAgent.Core.Config;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Firmware
{
    /// <summary>The example configuration shipped in hardware/ stays valid for a board.</summary>
    [TestClass]
    public sealed class ExampleConfigurationTests
    {
        [TestMethod]
        public void The_example_config_parses_and_validates_for_a_board()
        {
            string text = File.ReadAllText(RepositoryPaths.Combine("hardware", "config.example.txt"));
            var values = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(text, values, out string problem), problem);
            var config = new AgentConfig();
            Assert.IsTrue(ConfigValidator.Validate(values, true, config, out string[] problems), string.Join("; ", problems));
            Assert.IsTrue(config.MeterIsModbus);
            Assert.AreEqual("sdm120", config.ModbusProfile);
            Assert.AreEqual(2400, config.ModbusBaud);
        }

        [TestMethod]
        public void Every_commented_key_in_the_example_is_a_real_key()
        {
            foreach (string line in File.ReadAllLines(RepositoryPaths.Combine("hardware", "config.example.txt")))
            {
                string trimmed = line.TrimStart('#', ' ');
                int equals = trimmed.IndexOf('=');
                if (!line.StartsWith("# ") || equals <= 0 || trimmed.Contains(' ') && trimmed.IndexOf(' ') < equals - 1) continue;
                string key = trimmed.Substring(0, equals).Trim();
                Assert.IsNotNull(ConfigSchema.Find(key), key + " in the example is not a key");
            }
        }
    }
}
