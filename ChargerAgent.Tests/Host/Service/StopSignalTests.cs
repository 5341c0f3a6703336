using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>SIGTERM and SIGINT stop the real agent process cleanly, whatever its stdin is.</summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class StopSignalTests
    {
        [TestMethod]
        [DataRow(AgentProcess.SIGTERM, Stdin.Pipe, "SIGTERM")]
        [DataRow(AgentProcess.SIGTERM, Stdin.DevNull, "SIGTERM")]
        [DataRow(AgentProcess.SIGINT, Stdin.Pipe, "SIGINT")]
        [DataRow(AgentProcess.SIGINT, Stdin.DevNull, "SIGINT")]
        public void A_stop_signal_saves_the_state_says_stopped_and_exits_0_within_5_seconds(int signal, Stdin stdin, string name)
        {
            string state = Scratch.NewDirectory("stop");
            try
            {
                using (AgentProcess agent = AgentProcess.Start("run --plain --state-dir " + state, stdin))
                {
                    agent.WaitFor("session #1 started", 30000);
                    var watch = Stopwatch.StartNew();
                    agent.Signal(signal);
                    agent.WaitForExit(5000);
                    Assert.IsTrue(watch.ElapsedMilliseconds < 5000, "took " + watch.ElapsedMilliseconds + " ms");
                    Assert.AreEqual(0, agent.ExitCode, agent.Output);
                    StringAssert.Contains(agent.Output, "stopped (" + name + "): ");
                    StringAssert.Contains(agent.Output, "state saved in " + state);
                }

                // The final save is the only one that records a clean stop: the next start reads it.
                using (AgentProcess again = AgentProcess.Start("run --plain --state-dir " + state, stdin))
                {
                    again.WaitFor("previous run ended: stopped cleanly");
                    again.Signal(AgentProcess.SIGTERM);
                    again.WaitForExit(5000);
                    Assert.AreEqual(0, again.ExitCode, again.Output);
                }
            }
            finally
            {
                Scratch.Delete(state);
            }
        }

        [TestMethod]
        public void A_process_killed_without_a_chance_to_save_is_reported_as_power_loss_on_the_next_start()
        {
            string state = Scratch.NewDirectory("kill");
            try
            {
                using (AgentProcess agent = AgentProcess.Start("run --plain --state-dir " + state, Stdin.DevNull))
                {
                    agent.WaitFor("session #1 started", 30000);
                    agent.Signal(AgentProcess.SIGKILL);
                    agent.WaitForExit(5000);
                }

                using (AgentProcess again = AgentProcess.Start("run --plain --state-dir " + state, Stdin.DevNull))
                {
                    again.WaitFor("warn  previous run ended: power loss or unknown");
                    again.Signal(AgentProcess.SIGTERM);
                    again.WaitForExit(5000);
                }
            }
            finally
            {
                Scratch.Delete(state);
            }
        }

        [TestMethod]
        public void The_demo_without_a_state_directory_deletes_its_temporary_one()
        {
            using (AgentProcess agent = AgentProcess.Start("run --plain --duration 3", Stdin.DevNull))
            {
                string directory = agent.WaitFor(@"started: state in (\S+),").Groups[1].Value;
                Assert.IsTrue(Directory.Exists(directory), directory);
                agent.WaitForExit(20000);
                Assert.AreEqual(0, agent.ExitCode, agent.Output);
                StringAssert.Contains(agent.Output, "temporary state directory is deleted");
                Assert.IsFalse(Directory.Exists(directory), directory + " is left behind");
            }
        }
    }
}
