using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// Every error a user can cause ends in one line naming what to fix, with the README's exit code
    /// (2 arguments and input files, 3 a device, 7 the state directory or an output file), never a stack trace.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class RunErrorTests
    {
        internal const string ModbusConfig =
            "flatpeak.account_id = acc_0000000000000000000000000\n" +
            "flatpeak.api_key = sk_test_service_tests_key_0123456789\n" +
            "flatpeak.location_id = loc_0000000000000000000000000\n" +
            "flatpeak.device_id = service-test\n" +
            "meter.kind = modbus\n" +
            "modbus.profile = sdm120\n" +
            "modbus.baud = 9600\n" +
            "modbus.address = 1\n" +
            "meter.voltage = 230\n" +
            "meter.max_current = 32\n" +
            "meter.phases = 1\n" +
            "session.source = manual\n";

        [TestMethod]
        public void A_read_only_state_directory_is_one_line_and_exit_7()
        {
            string mount = Scratch.NewDirectory("ro");
            Scratch.MountTmpfs(mount, "ro,size=64k");
            try
            {
                AssertOneLine(AgentProcess.Run("run --plain --state-dir " + mount + "/state"), 7, "state directory " + mount + "/state: the file system is read-only");
            }
            finally
            {
                Scratch.Unmount(mount);
                Scratch.Delete(mount);
            }
        }

        [TestMethod]
        public void A_full_disk_at_start_is_one_line_and_exit_7()
        {
            string mount = Scratch.NewDirectory("full");
            Scratch.MountTmpfs(mount, "size=64k");
            try
            {
                Fill(mount);
                AssertOneLine(AgentProcess.Run("run --plain --state-dir " + mount + "/state"), 7, "the disk is full (no space left on device)");
            }
            finally
            {
                Scratch.Unmount(mount);
                Scratch.Delete(mount);
            }
        }

        [TestMethod]
        public void A_disk_that_fills_while_running_stops_the_agent_with_one_line_and_exit_7()
        {
            string mount = Scratch.NewDirectory("filling");
            Scratch.MountTmpfs(mount, "size=4m");
            try
            {
                using (AgentProcess agent = AgentProcess.Start("run --plain --speed 3600 --state-dir " + mount + "/state", Stdin.DevNull))
                {
                    agent.WaitFor("session #1 started");
                    Fill(mount);
                    agent.WaitForExit(30000);
                    AssertOneLine(agent, 7, "state directory " + mount + "/state: the disk is full");
                }
            }
            finally
            {
                Scratch.Unmount(mount);
                Scratch.Delete(mount);
            }
        }

        [TestMethod]
        public void A_state_directory_that_is_a_file_is_one_line_and_exit_7()
        {
            string file = Path.GetTempFileName();
            try
            {
                AssertOneLine(AgentProcess.Run("run --plain --state-dir " + file), 7, file + " is a file, not a directory");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void A_missing_ca_file_is_one_line_and_exit_2()
        {
            AssertOneLine(AgentProcess.Run("run --plain --ca-file /nonexistent/ca.pem"), 2, "--ca-file /nonexistent/ca.pem: file not found");
        }

        [TestMethod]
        public void An_invalid_ca_file_is_one_line_and_exit_2()
        {
            string file = Path.GetTempFileName();
            File.WriteAllText(file, "not a certificate\n");
            try
            {
                AssertOneLine(AgentProcess.Run("run --plain --ca-file " + file), 2, "--ca-file " + file + ": holds no PEM certificate");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void Serve_with_a_cert_out_into_a_missing_directory_is_one_line_and_exit_7()
        {
            AgentProcess serve = AgentProcess.Run("serve --port 0 --cert-out /nonexistent/dir/ca.pem");
            AssertOneLine(serve, 7, "--cert-out /nonexistent/dir/ca.pem: the directory does not exist: create /nonexistent/dir first", stdout: true);
        }

        [TestMethod]
        public void A_serial_port_that_does_not_exist_is_one_line_and_exit_3()
        {
            string directory = Scratch.NewDirectory("serial");
            try
            {
                string config = Path.Combine(directory, "config.txt");
                File.WriteAllText(config, ModbusConfig);
                AssertOneLine(AgentProcess.Run("run --plain --config " + config + " --serial /dev/ttyUSB97 --state-dir " + directory + "/state"),
                    3, "--serial /dev/ttyUSB97: no such device");
            }
            finally
            {
                Scratch.Delete(directory);
            }
        }

        [TestMethod]
        public void A_configuration_file_the_agent_user_cannot_read_names_the_chown_and_exits_2()
        {
            string directory = Scratch.NewDirectory("unreadable");
            try
            {
                string config = Path.Combine(directory, "config.txt");
                File.WriteAllText(config, ModbusConfig);
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.SetUnixFileMode(directory, (UnixFileMode)0x1ff);
                // The unprivileged user must reach the program itself: the checkout may sit in a folder only root enters.
                string app = Path.Combine(directory, "app");
                CopyTree(Path.GetDirectoryName(AgentProcess.HostDll), app);
                // As an unprivileged user (root reads anything): the mode-600 root-owned file of the issue.
                using (AgentProcess agent = AgentProcess.StartCommand("exec setpriv --reuid=65534 --regid=65534 --clear-groups dotnet \"" + Path.Combine(app, Path.GetFileName(AgentProcess.HostDll))
                    + "\" run --plain --config " + config + " --serial /dev/null --state-dir " + directory + "/state", Stdin.DevNull,
                    new System.Collections.Generic.Dictionary<string, string> { { "HOME", directory }, { "DOTNET_CLI_HOME", directory } }))
                {
                    agent.WaitForExit(30000);
                    AssertOneLine(agent, 2, "cannot read " + config + ": permission denied (the agent's user must own it: chown chargeragent " + config + ")");
                }
            }
            finally
            {
                Scratch.Delete(directory);
            }
        }

        private static void CopyTree(string from, string to)
        {
            Directory.CreateDirectory(to);
            File.SetUnixFileMode(to, (UnixFileMode)0x1ed);
            foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (string sub in Directory.GetDirectories(from)) CopyTree(sub, Path.Combine(to, Path.GetFileName(sub)));
        }

        [TestMethod]
        public void A_negative_duration_is_one_line_and_exit_2()
        {
            AssertOneLine(AgentProcess.Run("run --plain --duration -5"), 2, "--duration must be 0 (run until stopped) or a number of seconds, not -5");
        }

        [TestMethod]
        public void An_unknown_option_exits_2_as_the_readme_says()
        {
            AgentProcess agent = AgentProcess.Run("run --no-such-option");
            Assert.AreEqual(2, agent.ExitCode, agent.Output);
            StringAssert.Contains(agent.Output, "--no-such-option");
            StringAssert.Contains(agent.Output, "run --help");
        }

        [TestMethod]
        public void An_argument_of_the_wrong_type_exits_2()
        {
            AgentProcess agent = AgentProcess.Run("run --speed fast");
            Assert.AreEqual(2, agent.ExitCode, agent.Output);
            StringAssert.Contains(agent.Output, "fast");
        }

        /// <summary>Exit code, the message, and nothing else: no stack trace, no exception type.</summary>
        internal static void AssertOneLine(AgentProcess agent, int code, string expected, bool stdout = false)
        {
            string output = agent.Output;
            Assert.AreEqual(code, agent.ExitCode, output);
            string[] lines = output.Split('\n').Where(l => l.Length > 0).ToArray();
            string[] errors = stdout ? lines : lines.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(1, errors.Length, "one error line expected:\n" + output);
            StringAssert.Contains(errors[0], expected);
            Assert.IsFalse(output.Contains("   at ") || output.Contains("Exception"), "a stack trace or exception name reached the user:\n" + output);
        }

        private static void Fill(string mount)
        {
            // dd stops at ENOSPC, leaving the file system full.
            Scratch.RunTool("dd", "if=/dev/zero of=" + mount + "/fill bs=4k count=100000", null);
        }
    }
}
