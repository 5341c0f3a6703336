using System;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Threading;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Host.Serial;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>
    /// An independent Modbus RTU slave (pymodbus, Debian python3-pymodbus) on one end of a socat
    /// pseudo-terminal pair; the master under test opens the other end. Missing tools fail, never skip.
    /// </summary>
    internal sealed class ModbusSlaveFixture : IDisposable
    {
        public const string InstallHint = "install them with: apt-get install -y socat python3-pymodbus (listed in .ci/apt-packages)";

        /// <summary>The baud rate the tests' slaves run at.</summary>
        public const int Baud = 9600;

        /// <summary>The master's response timeout: generous, the slave is a Python process that a busy machine may schedule late.</summary>
        public const int TimeoutMs = 2000;

        private readonly string directory;
        private Process socat;
        private Process slave;

        /// <summary>A slave at <see cref="Baud"/> holding <paramref name="registers"/> ("address:kind:register=value,...").</summary>
        public ModbusSlaveFixture(params string[] registers)
        {
            int baud = Baud;
            string python = FindPython();
            RequireTool("socat", "-V", "socat is missing; " + InstallHint);
            RequireTool(python, "-c \"import pymodbus\"", "python3-pymodbus is missing (" + python + " cannot import pymodbus); " + InstallHint);

            directory = Path.Combine(Path.GetTempPath(), "chargeragent-modbus-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            MasterPort = Path.Combine(directory, "master");
            string slavePort = Path.Combine(directory, "slave");

            socat = Start("socat", "-d -d pty,raw,echo=0,link=" + MasterPort + " pty,raw,echo=0,link=" + slavePort);
            WaitFor(() => File.Exists(MasterPort) && File.Exists(slavePort), 5000, "socat did not create the pty pair");

            string script = RepositoryPaths.Combine("ChargerAgent.Tests", "Host", "Metering", "modbus_slave.py");
            string arguments = "\"" + script + "\" --port " + slavePort + " --baud " + baud;
            foreach (string spec in registers)
            {
                arguments += " --registers " + spec;
            }

            slave = Start(python, arguments);
            string line = ReadLineWithin(slave, 15000);
            if (line != "ready")
            {
                string error = slave.HasExited ? slave.StandardError.ReadToEnd() : "(still running)";
                Dispose();
                Assert.Fail("the Modbus slave did not start: '" + line + "' " + error);
            }
        }

        public string MasterPort { get; }

        /// <summary>Opens the master's end of the line, at <see cref="Baud"/>, 8N1.</summary>
        public SerialPortLine OpenLine() => new SerialPortLine(MasterPort, Baud, Parity.None, StopBits.One);

        /// <summary>The master's options for this slave (its <see cref="TimeoutMs"/>).</summary>
        public static ModbusMasterOptions MasterOptions() => new ModbusMasterOptions { ResponseTimeoutMs = TimeoutMs };

        public void Dispose()
        {
            Stop(ref slave);
            Stop(ref socat);
            try
            {
                if (directory != null && Directory.Exists(directory))
                {
                    Directory.Delete(directory, true);
                }
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }

        private static string FindPython()
        {
            // Debian's package installs into the system interpreter, which another python3 on PATH may not see.
            return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        }

        private static void RequireTool(string file, string arguments, string message)
        {
            try
            {
                using (Process p = Start(file, arguments))
                {
                    if (!p.WaitForExit(10000) || p.ExitCode != 0)
                    {
                        Assert.Fail(message);
                    }
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail(message);
            }
        }

        private static Process Start(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            return Process.Start(info);
        }

        private static string ReadLineWithin(Process process, int timeoutMs)
        {
            var task = process.StandardOutput.ReadLineAsync();
            return task.Wait(timeoutMs) ? task.Result : null;
        }

        private static void WaitFor(Func<bool> condition, int timeoutMs, string message)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.ElapsedMilliseconds > timeoutMs)
                {
                    Assert.Fail(message);
                }

                Thread.Sleep(20);
            }
        }

        private static void Stop(ref Process process)
        {
            if (process == null)
            {
                return;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
            process = null;
        }
    }
}
