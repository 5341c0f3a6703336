using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>
    /// The agent speaks systemd's notify protocol (<c>Type=notify</c>, <c>WatchdogSec</c>): the test plays
    /// systemd's part with a datagram socket in <c>NOTIFY_SOCKET</c>, as systemd does.
    /// </summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class SystemdNotifyTests
    {
        [TestMethod]
        public void The_agent_tells_systemd_it_is_ready_kicks_the_watchdog_from_its_loop_and_says_it_is_stopping()
        {
            string directory = Scratch.NewDirectory("notify");
            string path = Path.Combine(directory, "notify.sock");
            try
            {
                using (var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
                {
                    systemd.Bind(new UnixDomainSocketEndPoint(path));
                    systemd.ReceiveTimeout = 20000;
                    var environment = new Dictionary<string, string> { { "NOTIFY_SOCKET", path }, { "WATCHDOG_USEC", "1000000" } };
                    using (AgentProcess agent = AgentProcess.Start("run --plain --state-dir " + directory + "/state", Stdin.DevNull, environment))
                    {
                        StringAssert.StartsWith(Receive(systemd), "READY=1\nSTATUS=ChargerAgent demo");
                        var watch = Stopwatch.StartNew();
                        int kicks = 0;
                        while (kicks < 4) if (Receive(systemd) == "WATCHDOG=1") kicks++;
                        // At half of WatchdogSec=1 s: four kicks take about 1.5 s.
                        Assert.IsTrue(watch.ElapsedMilliseconds < 4000, "4 kicks took " + watch.ElapsedMilliseconds + " ms");
                        agent.Signal(AgentProcess.SIGTERM);
                        string message;
                        while ((message = Receive(systemd)) == "WATCHDOG=1")
                        {
                        }

                        Assert.AreEqual("STOPPING=1", message);
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

        private static string Receive(Socket socket)
        {
            var buffer = new byte[4096];
            int read = socket.Receive(buffer);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }
}
