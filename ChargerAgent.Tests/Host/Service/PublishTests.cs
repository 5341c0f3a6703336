using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// The README's publish command for Linux controllers, for linux-x64 (the published program is
    /// run) and linux-arm64 (the published program must be an AArch64 executable). Both publish into
    /// one scratch artifacts folder, so the libraries are built once.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class PublishTests
    {
        private static string scratch;

        [ClassInitialize]
        public static void Publish(TestContext context)
        {
            scratch = Scratch.NewDirectory("publish");
            foreach (string rid in new[] { "linux-arm64", "linux-x64" })
            {
                RunPublish(rid, Path.Combine(scratch, rid));
            }
        }

        [ClassCleanup]
        public static void DeleteScratch() => Scratch.Delete(scratch);

        [TestMethod]
        public void The_published_linux_x64_agent_runs_the_demo_and_stops_cleanly()
        {
            string program = Path.Combine(scratch, "linux-x64", "chargeragent");
            Assert.IsTrue(File.Exists(program), program);
            using (AgentProcess agent = AgentProcess.StartCommand("exec \"" + program + "\" run --plain --duration 4", Stdin.DevNull))
            {
                agent.WaitForExit(30000);
                Assert.AreEqual(0, agent.ExitCode, agent.Output);
                StringAssert.Contains(agent.Output, "info  session #1 started");
                StringAssert.Contains(agent.Output, "stopped: ");
            }
        }

        [TestMethod]
        public void The_published_linux_arm64_agent_is_an_aarch64_executable()
        {
            string program = Path.Combine(scratch, "linux-arm64", "chargeragent");
            byte[] header = new byte[20];
            using (FileStream file = File.OpenRead(program))
            {
                Assert.AreEqual(header.Length, file.Read(header, 0, header.Length));
            }

            CollectionAssert.AreEqual(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, new[] { header[0], header[1], header[2], header[3] }, "not an ELF file");
            Assert.AreEqual(2, header[4], "not a 64-bit ELF");
            Assert.AreEqual(1, header[5], "not little-endian");
            int type = header[16] | header[17] << 8;
            Assert.IsTrue(type == 2 || type == 3, "not an executable (ET_EXEC or ET_DYN): " + type);
            Assert.AreEqual(183, header[18] | header[19] << 8, "e_machine is not EM_AARCH64 (183)");
            Assert.IsTrue(File.Exists(Path.Combine(scratch, "linux-arm64", "chargeragent.dll")));
        }

        private static void RunPublish(string rid, string output)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepositoryPaths.Root,
            };
            foreach (string argument in new[] { "publish", "ChargerAgent/Host", "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output, "-nologo" })
            {
                info.ArgumentList.Add(argument);
            }

            // Its own artifacts folder: the test run's build output stays as it is.
            info.Environment["CHARGERAGENT_ARTIFACTS"] = Path.Combine(scratch, "artifacts");
            using (Process publish = Process.Start(info))
            {
                var stdout = publish.StandardOutput.ReadToEndAsync();
                string stderr = publish.StandardError.ReadToEnd();
                if (!publish.WaitForExit(600000)) Assert.Fail("dotnet publish -r " + rid + " took over 10 minutes");
                Assert.AreEqual(0, publish.ExitCode, "dotnet publish -r " + rid + " failed:\n" + stdout.Result + stderr);
            }
        }
    }
}
