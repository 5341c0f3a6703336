using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// The live view in a real terminal: tmux runs the agent in an 80×24 window, types into it and
    /// captures the screen. tmux comes from .ci/apt-packages; without it the test fails.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class LiveViewTests
    {
        [TestMethod]
        public void The_live_view_fits_80x24_echoes_typing_shows_the_banner_once_the_whole_help_and_no_stale_fragments()
        {
            string session = "chargeragent-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string state = Scratch.NewDirectory("live");
            string exitFile = Path.Combine(state, "exit-code");
            try
            {
                Tmux("new-session -d -s " + session + " -x 80 -y 24 \"dotnet '" + AgentProcess.HostDll + "' run --state-dir '" + state + "/state'; echo $? > '" + exitFile + "'; sleep 60\"");
                string screen = WaitForScreen(session, s => s.Contains("session #1 started"));
                AssertFits(screen);

                Tmux("send-keys -t " + session + " -l hel");
                screen = WaitForScreen(session, s => s.Contains("> hel_"));
                Tmux("send-keys -t " + session + " -l p");
                Tmux("send-keys -t " + session + " Enter");
                screen = WaitForScreen(session, s => s.Contains("reboot                    save the state and restart"));
                AssertFits(screen);
                string[] help = { "help ", "status ", "config show", "config set", "config unset", "config check", "config save", "session start",
                    "session stop", "meter ", "queue ", "upload now", "quarantine ", "log level", "reboot " };
                foreach (string line in help) Assert.IsTrue(Lines(screen).Any(l => l.StartsWith(line, StringComparison.Ordinal)), "help line '" + line + "' is not on the screen:\n" + screen);

                Tmux("send-keys -t " + session + " -l " + new string('x', 500));
                Tmux("send-keys -t " + session + " Enter");
                // A short answer after it, so that the error line is still in the console's window.
                Tmux("send-keys -t " + session + " -l queue");
                Tmux("send-keys -t " + session + " Enter");
                screen = WaitForScreen(session, s => s.Contains("record(s) waiting, "));
                AssertFits(screen);
                StringAssert.Contains(screen, "error: line longer than 200 characters; ignored");
                Assert.IsFalse(Lines(screen).Any(l => l.StartsWith("x", StringComparison.Ordinal)), "a fragment of the long line is left on the screen:\n" + screen);

                Tmux("send-keys -t " + session + " C-c");
                var watch = Stopwatch.StartNew();
                while (!File.Exists(exitFile) && watch.ElapsedMilliseconds < 10000) Thread.Sleep(100);
                Assert.IsTrue(File.Exists(exitFile), "Ctrl-C did not stop the agent:\n" + Capture(session));
                Assert.AreEqual("0", File.ReadAllText(exitFile).Trim());
                StringAssert.Contains(Capture(session), "stopped (SIGINT)");
            }
            finally
            {
                Tmux("kill-session -t " + session, check: false);
                Scratch.Delete(state);
            }
        }

        private static void AssertFits(string screen)
        {
            string[] lines = Lines(screen);
            // The banner heads the view once (the log's start line in the console below says it too).
            Assert.AreEqual(1, lines.Count(l => l.StartsWith("ChargerAgent demo: ", StringComparison.Ordinal)), "the banner is not there exactly once:\n" + screen);
            StringAssert.StartsWith(lines[0], "ChargerAgent demo: ", "the top of the view is cut off:\n" + screen);
            Assert.IsTrue(lines.All(l => l.Length <= 80), screen);
            Assert.IsTrue(lines.Any(l => l.StartsWith("> ", StringComparison.Ordinal) && l.EndsWith("_", StringComparison.Ordinal)), "no input line:\n" + screen);
        }

        private static string[] Lines(string screen) => screen.Replace("\r", string.Empty).Split('\n');

        private static string WaitForScreen(string session, Func<string, bool> ready)
        {
            var watch = Stopwatch.StartNew();
            string screen;
            while (!ready(screen = Capture(session)))
            {
                if (watch.ElapsedMilliseconds > 30000) Assert.Fail("the screen did not show what was expected within 30 s:\n" + screen);
                Thread.Sleep(200);
            }

            return screen;
        }

        private static string Capture(string session) => Tmux("capture-pane -p -t " + session);

        private static string Tmux(string arguments, bool check = true)
        {
            var info = new ProcessStartInfo("tmux", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment["DOTNET_NOLOGO"] = "1";
            Process tmux;
            try
            {
                tmux = Process.Start(info);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("tmux is missing: install it with apt-get install -y tmux (listed in .ci/apt-packages)");
                return null;
            }

            using (tmux)
            {
                string output = tmux.StandardOutput.ReadToEnd();
                string error = tmux.StandardError.ReadToEnd();
                tmux.WaitForExit();
                if (check && tmux.ExitCode != 0) Assert.Fail("tmux " + arguments + " failed: " + error);
                return output;
            }
        }
    }
}
