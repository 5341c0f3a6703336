using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// The console of an agent running as a service (stdin /dev/null), over its Unix socket:
    /// <c>chargeragent status</c>, <c>session start</c>, <c>console</c>, each the real process.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class ConsoleSocketTests
    {
        [TestMethod]
        public void Status_over_the_socket_answers_as_the_board_console_does_and_the_socket_is_the_agent_users_only()
        {
            using (var service = new RunningAgent())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(service.Socket));
                AgentProcess status = AgentProcess.Run("status --socket " + service.Socket);
                Assert.AreEqual(0, status.ExitCode, status.Output);
                StringAssert.Contains(status.Output, "state: ");
                StringAssert.Contains(status.Output, "queue: ");
                StringAssert.Contains(status.Output, "last reboot: ");
            }
        }

        [TestMethod]
        public void Session_start_and_stop_over_the_socket_open_and_close_a_session_with_the_given_id()
        {
            using (var service = new RunningAgent())
            {
                AgentProcess start = AgentProcess.Run("session start bay-7_evening --socket " + service.Socket);
                Assert.AreEqual(0, start.ExitCode, start.Output);
                StringAssert.Contains(start.Output, "session starting with the given id");
                service.Agent.WaitFor(@"info  session #1 started");
                AgentProcess stop = AgentProcess.Run("session stop --socket " + service.Socket);
                StringAssert.Contains(stop.Output, "session stopping");
                service.Agent.WaitFor(@"info  session #1 ended");
            }
        }

        [TestMethod]
        public void The_interactive_console_runs_every_line_it_is_given_including_the_whole_help()
        {
            using (var service = new RunningAgent())
            using (AgentProcess console = AgentProcess.Start("console --socket " + service.Socket, Stdin.Pipe))
            {
                console.Input.WriteLine("help");
                console.Input.WriteLine("queue");
                console.Input.WriteLine("log level debug");
                console.Input.Close();
                console.WaitForExit(20000);
                Assert.AreEqual(0, console.ExitCode, console.Output);
                string[] lines = console.Output.Split('\n');
                Assert.IsTrue(lines.Count(l => l.StartsWith("help ") || l.StartsWith("status ") || l.StartsWith("config ") || l.StartsWith("session ")
                    || l.StartsWith("meter ") || l.StartsWith("queue ") || l.StartsWith("upload ") || l.StartsWith("quarantine ")
                    || l.StartsWith("log ") || l.StartsWith("reboot ")) >= 15, console.Output);
                StringAssert.Contains(console.Output, "queue: ");
                StringAssert.Contains(console.Output, "log level debug");
            }
        }

        [TestMethod]
        public void A_reboot_on_the_console_restarts_the_agent_in_the_same_process_and_records_why()
        {
            using (var service = new RunningAgent())
            {
                AgentProcess reboot = AgentProcess.Run("console reboot --socket " + service.Socket);
                StringAssert.Contains(reboot.Output, "rebooting");
                service.Agent.WaitFor(@"restarting \(reboot asked on the console\); state saved");
                service.Agent.WaitFor(@"boot 2$");
                service.Agent.WaitFor(@"previous run ended: requested");
                AgentProcess status = AgentProcess.Run("status --socket " + service.Socket);
                StringAssert.Contains(status.Output, "last reboot: requested");
            }
        }

        [TestMethod]
        public void Config_save_in_the_demo_says_in_one_line_that_there_is_no_configuration_file()
        {
            using (var service = new RunningAgent())
            {
                AgentProcess save = AgentProcess.Run("console config save --socket " + service.Socket);
                Assert.AreEqual("error: could not write config.txt: the demo has no configuration file: start run with --config FILE to save one", save.Output.Trim());
            }
        }

        [TestMethod]
        public void Status_without_a_running_agent_is_one_line_and_exit_8()
        {
            RunErrorTests.AssertOneLine(AgentProcess.Run("status --socket /nonexistent/console.sock"), 8, "no agent console at /nonexistent/console.sock");
        }

        /// <summary>The demo with stdin /dev/null and a console socket, as under systemd; stopped at Dispose.</summary>
        private sealed class RunningAgent : System.IDisposable
        {
            private readonly string directory = Scratch.NewDirectory("socket");

            public RunningAgent()
            {
                Socket = Path.Combine(directory, "console.sock");
                // Time runs 1x: the simulated driver's first session is minutes away, the console's are the only ones.
                Agent = AgentProcess.Start("run --plain --speed 1 --state-dir " + directory + "/state --console-socket " + Socket, Stdin.DevNull);
                Agent.WaitFor("console on " + Socket);
            }

            public string Socket { get; }

            public AgentProcess Agent { get; }

            public void Dispose()
            {
                Agent.Signal(AgentProcess.SIGTERM);
                Agent.WaitForExit(5000);
                Assert.AreEqual(0, Agent.ExitCode, Agent.Output);
                Assert.IsFalse(File.Exists(Socket), "the socket file is left behind");
                Agent.Dispose();
                Scratch.Delete(directory);
            }
        }
    }
}
