using System.IO;
using System.Linq;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Status;
using ChargerAgent.Host.Run;
using ChargerAgent.Tests.Fakes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary><c>config save</c> on the desktop writes the file <c>run --config</c> was started with: atomically, mode 600.</summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class ConfigSaveTests
    {
        [TestMethod]
        public void Config_save_replaces_the_config_file_it_was_started_with_mode_600_and_keeps_every_key()
        {
            string directory = Scratch.NewDirectory("config-save");
            try
            {
                string path = Path.Combine(directory, "config.txt");
                File.WriteAllText(path, RunErrorTests.ModbusConfig);
                File.SetUnixFileMode(path, (UnixFileMode)0x1a4); // 644, as the issue found it
                var output = new FakeConsoleOutput();
                ConsoleCommands commands = Console(path, output);
                commands.Execute("config set meter.phases 3");
                commands.Execute("config save");
                StringAssert.Contains(output.Text, "saved config.txt; reboot to apply");
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                CollectionAssert.AreEqual(new[] { "config.txt" }, Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray(),
                    "a temporary file is left behind");
                var saved = new ConfigValues();
                Assert.IsTrue(ConfigText.TryParse(File.ReadAllText(path), saved, out string problem), problem);
                Assert.AreEqual("3", saved.Get("meter.phases"));
                Assert.AreEqual("sk_test_service_tests_key_0123456789", saved.Get("flatpeak.api_key"));
            }
            finally
            {
                Scratch.Delete(directory);
            }
        }

        [TestMethod]
        public void Config_save_where_the_file_cannot_be_written_is_one_line_naming_it_and_the_file_is_unchanged()
        {
            string mount = Scratch.NewDirectory("config-ro");
            Scratch.MountTmpfs(mount, "size=64k");
            try
            {
                string path = Path.Combine(mount, "config.txt");
                File.WriteAllText(path, RunErrorTests.ModbusConfig);
                Scratch.RunTool("mount", "-o remount,ro " + mount, "remounting the test's tmpfs read-only failed");
                var output = new FakeConsoleOutput();
                ConsoleCommands commands = Console(path, output);
                commands.Execute("config set meter.phases 3");
                output.Clear();
                commands.Execute("config save");
                Assert.AreEqual("error: could not write config.txt: cannot write " + path + ": the file system is read-only\n", output.Text);
                Assert.AreEqual(RunErrorTests.ModbusConfig, File.ReadAllText(path));
            }
            finally
            {
                Scratch.Unmount(mount);
                Scratch.Delete(mount);
            }
        }

        private static ConsoleCommands Console(string path, FakeConsoleOutput output)
        {
            var file = new ConfigFile(path);
            var values = new ConfigValues();
            file.Load(values);
            return new ConsoleCommands(output, new AgentStatus(), new SafeStateControl(), values, new ConfigStore(file), new ConsoleLog(output), false);
        }
    }
}
