using System.IO;
using ChargerAgent.Tests.Host.Metering;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// The agent as a Linux service would run it: <c>--config</c>, a real Modbus meter (pymodbus on a
    /// socat pty pair), stdin /dev/null, the console on its socket. <c>config save</c> writes the
    /// <c>--config</c> file, <c>reboot</c> and SIGHUP rebuild the agent from it.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class ServiceWithMeterTests
    {
        [TestMethod]
        public void Config_save_writes_the_config_file_and_reboot_restarts_with_it_and_sighup_reloads_it_or_keeps_the_running_one()
        {
            string directory = Scratch.NewDirectory("service");
            try
            {
                using (var meter = new ModbusSlaveFixture("1:input:0x48=0x4640,0xE6B6", "1:input:0x0C=0x4366,0x8000"))
                {
                    string config = Path.Combine(directory, "config.txt");
                    File.WriteAllText(config, RunErrorTests.ModbusConfig);
                    string socket = Path.Combine(directory, "console.sock");
                    using (AgentProcess agent = AgentProcess.Start("run --plain --config " + config + " --serial " + meter.MasterPort
                        + " --state-dir " + directory + "/state --console-socket " + socket, Stdin.DevNull))
                    {
                        agent.WaitFor("meter answers: 12345.678 kWh");
                        AgentProcess set = AgentProcess.Run("console config set modbus.poll_seconds 2 --socket " + socket);
                        StringAssert.Contains(set.Output, "modbus.poll_seconds = 2");
                        // One connection for both: the unsaved change belongs to the console that made it.
                        AgentProcess save = AgentProcess.StartCommand("printf 'config set modbus.poll_seconds 2\\nconfig save\\n' | exec dotnet \"" + AgentProcess.HostDll
                            + "\" console --socket " + socket, Stdin.Pipe);
                        save.Input.Close();
                        save.WaitForExit(20000);
                        StringAssert.Contains(save.Output, "saved config.txt; reboot to apply");
                        StringAssert.Contains(File.ReadAllText(config), "modbus.poll_seconds = 2");
                        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));

                        AgentProcess.Run("console reboot --socket " + socket);
                        agent.WaitFor(@"restarting \(reboot asked on the console\)");
                        agent.WaitFor(@"boot 2$");
                        StringAssert.Contains(AgentProcess.Run("console config show --socket " + socket).Output, "modbus.poll_seconds = 2");

                        File.WriteAllText(config, RunErrorTests.ModbusConfig.Replace("meter.phases = 1", "meter.phases = 7"));
                        agent.Signal(AgentProcess.SIGHUP);
                        agent.WaitFor("error SIGHUP: not reloading, the running configuration stays: " + config + ": ");
                        File.WriteAllText(config, RunErrorTests.ModbusConfig.Replace("meter.phases = 1", "meter.phases = 3"));
                        agent.Signal(AgentProcess.SIGHUP);
                        agent.WaitFor(@"reloading " + config + @" \(SIGHUP\); state saved");
                        agent.WaitFor(@"boot 3$");
                        StringAssert.Contains(AgentProcess.Run("console config show --socket " + socket).Output, "meter.phases = 3");
                        // Each boot learns the time anew: no false alarm that the clock was lost.
                        Assert.IsFalse(agent.Output.Contains("no longer trusted"), agent.Output);

                        agent.Signal(AgentProcess.SIGTERM);
                        agent.WaitForExit(5000);
                        Assert.AreEqual(0, agent.ExitCode, agent.Output);
                    }
                }
            }
            finally
            {
                Scratch.Delete(directory);
            }
        }
    }
}
