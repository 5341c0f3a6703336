using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Host.Commands;
using ChargerAgent.Host.Upload;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>The serve command: prints where it listens, writes the CA file, stops on request.</summary>
    [TestClass]
    public sealed class ServeCommandTests
    {
        [TestMethod]
        public void Serve_prints_its_url_writes_the_ca_file_answers_over_https_and_stops()
        {
            string caFile = Path.Combine(Path.GetTempPath(), "chargeragent-serve-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            var output = new StringWriter();
            var synchronizedOutput = TextWriter.Synchronized(output);
            using var stop = new CancellationTokenSource();
            Task<int> serving = Task.Run(() => ServeCommand.Run(0, caFile, "mild", 7, synchronizedOutput, stop.Token));
            try
            {
                var watch = Stopwatch.StartNew();
                Match url;
                while (!(url = Regex.Match(output.ToString(), @"https://127\.0\.0\.1:\d+")).Success || !output.ToString().Contains("Ctrl-C stops", StringComparison.Ordinal))
                {
                    Assert.IsFalse(serving.IsCompleted, output.ToString());
                    Assert.IsTrue(watch.ElapsedMilliseconds < 10000, "serve did not start: " + output);
                    Thread.Sleep(10);
                }

                StringAssert.Contains(output.ToString(), "faults: mild, seed 7");
                using var transport = new HttpClientTransport(caFile);
                HttpResponse login = EndpointTestKit.Exchange(transport, EndpointTestKit.Request(url.Value, "GET", "/login", EndpointTestKit.Basic(EndpointAccount.LocalTest)));
                Assert.AreEqual(HttpOutcome.Completed, login.Outcome, login.Error);
            }
            finally
            {
                stop.Cancel();
                Assert.IsTrue(serving.Wait(10000));
                File.Delete(caFile);
            }

            Assert.AreEqual(0, serving.Result);
            StringAssert.Contains(output.ToString(), "stopped: ");
        }

        [TestMethod]
        public void Serve_rejects_an_unknown_fault_profile()
        {
            var output = new StringWriter();
            Assert.AreEqual(2, ServeCommand.Run(0, null, "brutal", 1, output, CancellationToken.None));
            StringAssert.Contains(output.ToString(), "none, mild or harsh");
        }
    }
}
