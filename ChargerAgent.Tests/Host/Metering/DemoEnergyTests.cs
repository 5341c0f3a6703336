using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using ChargerAgent.Host.Run;
using ChargerAgent.Host.Service;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>The desktop demo (simulated register meter, local endpoint) stores what its meter counted, at any speed.</summary>
    [TestClass]
    public sealed class DemoEnergyTests
    {
        private const int DurationSeconds = 8;

        [TestMethod]
        public void The_demo_at_60x_stores_at_least_99_percent_of_the_metered_energy() => StoresNearlyAll(60);

        [TestMethod]
        public void The_demo_at_3600x_stores_at_least_99_percent_of_the_metered_energy() => StoresNearlyAll(3600);

        private static void StoresNearlyAll(int speed)
        {
            string state = Path.Combine(Path.GetTempPath(), "chargeragent-demo-test-" + Guid.NewGuid().ToString("N"));
            TextWriter original = System.Console.Out;
            var output = new StringWriter();
            int code;
            try
            {
                System.Console.SetOut(output);
                using var signals = new ServiceSignals();
                code = new DesktopAgent(new RunSettings(null, state, null, null, null, speed, DurationSeconds, true), signals).Run();
            }
            finally
            {
                System.Console.SetOut(original);
                if (Directory.Exists(state)) Directory.Delete(state, true);
            }

            string text = output.ToString();
            Assert.AreEqual(0, code, text);
            Match line = Regex.Match(text, @"^metered (\d+) Wh, stored (\d+) Wh at the local endpoint\r?$", RegexOptions.Multiline);
            Assert.IsTrue(line.Success, "no 'metered …, stored …' line in:\n" + text);
            long metered = long.Parse(line.Groups[1].Value);
            long stored = long.Parse(line.Groups[2].Value);
            System.Console.WriteLine($"{speed}x for {DurationSeconds} s: {line.Value.Trim()}");
            Assert.IsTrue(metered > 0, "the demo charged nothing: " + line.Value);
            Assert.IsTrue(stored <= metered, "stored more than metered: " + line.Value);
            Assert.IsTrue(stored * 100 >= metered * 99, "stored below 99 % of metered: " + line.Value);
        }
    }
}
