using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>How the agent's stdin is connected.</summary>
    public enum Stdin
    {
        /// <summary>A pipe the test holds open (as from another program).</summary>
        Pipe,

        /// <summary>/dev/null, as under systemd.</summary>
        DevNull,
    }

    /// <summary>
    /// The real agent process: the built Host dll run with <c>dotnet</c>, its stdout and stderr
    /// collected line by line, signals sent with kill(2). Killed at Dispose if still running.
    /// </summary>
    internal sealed class AgentProcess : IDisposable
    {
        public const int SIGHUP = 1;
        public const int SIGINT = 2;
        public const int SIGKILL = 9;
        public const int SIGTERM = 15;

        private readonly Process process;
        private readonly List<string> lines = new List<string>();

        private AgentProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data, "");
            process.ErrorDataReceived += (_, e) => Add(e.Data, "stderr: ");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>The built Host dll (copied next to the tests with its runtime configuration).</summary>
        public static string HostDll
        {
            get
            {
                string dll = typeof(ChargerAgent.Host.Program).Assembly.Location;
                string config = Path.ChangeExtension(dll, ".runtimeconfig.json");
                if (!File.Exists(config)) Assert.Fail("the Host's runtime configuration is missing next to the tests: " + config);
                return dll;
            }
        }

        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        public int ExitCode => process.ExitCode;

        /// <summary>Everything printed so far, stderr lines marked "stderr: ".</summary>
        public string Output
        {
            get
            {
                lock (lines) return string.Join("\n", lines);
            }
        }

        public StreamWriter Input => process.StandardInput;

        /// <summary>Starts <c>dotnet chargeragent.dll ARGS</c>.</summary>
        public static AgentProcess Start(string arguments, Stdin stdin = Stdin.Pipe, IDictionary<string, string> environment = null)
        {
            return StartCommand("exec dotnet \"" + HostDll + "\" " + arguments, stdin, environment);
        }

        /// <summary>Starts a shell command line (which should exec the agent, so its pid is the agent's).</summary>
        public static AgentProcess StartCommand(string commandLine, Stdin stdin = Stdin.Pipe, IDictionary<string, string> environment = null)
        {
            var info = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardInput = stdin == Stdin.Pipe,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(stdin == Stdin.DevNull ? commandLine + " < /dev/null" : commandLine);
            info.Environment["DOTNET_NOLOGO"] = "1";
            // Not a service unless a test says so.
            info.Environment.Remove("JOURNAL_STREAM");
            info.Environment.Remove("NOTIFY_SOCKET");
            info.Environment.Remove("INVOCATION_ID");
            if (environment != null)
            {
                foreach (KeyValuePair<string, string> pair in environment) info.Environment[pair.Key] = pair.Value;
            }

            return new AgentProcess(Process.Start(info));
        }

        /// <summary>Runs the agent to its end (at most <paramref name="timeoutMs"/>) and returns it.</summary>
        public static AgentProcess Run(string arguments, int timeoutMs = 30000, IDictionary<string, string> environment = null)
        {
            AgentProcess agent = Start(arguments, Stdin.DevNull, environment);
            agent.WaitForExit(timeoutMs);
            return agent;
        }

        /// <summary>Waits until a line matches <paramref name="pattern"/>; fails with the output when it does not come.</summary>
        public Match WaitFor(string pattern, int timeoutMs = 20000)
        {
            var regex = new Regex(pattern);
            var watch = Stopwatch.StartNew();
            while (true)
            {
                lock (lines)
                {
                    foreach (string line in lines)
                    {
                        Match match = regex.Match(line);
                        if (match.Success) return match;
                    }
                }

                if (watch.ElapsedMilliseconds > timeoutMs) Assert.Fail("no line matching '" + pattern + "' within " + timeoutMs + " ms:\n" + Output);
                if (process.HasExited && watch.ElapsedMilliseconds > 500)
                {
                    Thread.Sleep(200);
                    lock (lines)
                    {
                        foreach (string line in lines)
                        {
                            if (regex.IsMatch(line)) return regex.Match(line);
                        }
                    }

                    Assert.Fail("the agent exited (" + process.ExitCode + ") before printing '" + pattern + "':\n" + Output);
                }

                Thread.Sleep(20);
            }
        }

        /// <summary>Sends a POSIX signal to the agent.</summary>
        public void Signal(int signal)
        {
            if (kill(process.Id, signal) != 0) Assert.Fail("kill(" + process.Id + ", " + signal + ") failed: errno " + Marshal.GetLastWin32Error());
        }

        /// <summary>Waits for the exit; fails when it takes longer than <paramref name="timeoutMs"/>.</summary>
        public void WaitForExit(int timeoutMs)
        {
            if (!process.WaitForExit(timeoutMs))
            {
                string output = Output;
                Kill();
                Assert.Fail("the agent did not exit within " + timeoutMs + " ms:\n" + output);
            }

            process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }

        private void Kill()
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        private void Add(string line, string prefix)
        {
            if (line == null) return;
            lock (lines) lines.Add(prefix + line);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }

    /// <summary>Scratch directories and mounts for the service tests.</summary>
    internal static class Scratch
    {
        public static string NewDirectory(string name)
        {
            string path = Path.Combine(Path.GetTempPath(), "chargeragent-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(path);
            return path;
        }

        public static void Delete(string path)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "64k") at <paramref name="path"/>; fails (never skips) when mounting is not permitted.</summary>
        public static void MountTmpfs(string path, string options)
        {
            Directory.CreateDirectory(path);
            RunTool("mount", "-t tmpfs -o " + options + " tmpfs " + path,
                "this test needs to mount a small tmpfs (run the tests as root, or in a container with CAP_SYS_ADMIN)");
        }

        public static void Unmount(string path)
        {
            RunTool("umount", "-l " + path, null);
        }

        public static void RunTool(string tool, string arguments, string hint)
        {
            var info = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using (Process p = Process.Start(info))
            {
                string error = p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0 && hint != null) Assert.Fail(tool + " " + arguments + " failed (" + error.Trim() + "): " + hint);
            }
        }
    }
}
