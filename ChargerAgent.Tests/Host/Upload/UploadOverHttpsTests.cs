using ChargerAgent.Simulation.Whole;
using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using ChargerAgent.Core;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Run;
using ChargerAgent.Host.Upload;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Upload
{
    /// <summary>
    /// The whole agent against the local endpoint over real HTTPS (Kestrel on 127.0.0.1, the
    /// generated CA trusted through a CA file), with every kind of endpoint fault mixed in: when the
    /// faults stop and the backlog drains, the endpoint's ledger holds exactly what the agent recorded.
    /// </summary>
    [TestClass]
    public sealed class UploadOverHttpsTests
    {
        [TestMethod]
        [Timeout(120000)]
        public void Under_endpoint_faults_the_ledger_ends_equal_to_what_the_agent_recorded()
        {
            const int Speed = 240;
            long start = (HalfHour.Next(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - 60) * 1000;
            var clock = new AcceleratedClock(Speed, start);
            var faults = new EndpointFaultPlan(EndpointFaultProfile.None, 17) { DelayMilliseconds = 300 };
            foreach (EndpointFault kind in new[] { EndpointFault.Refused, EndpointFault.Delayed, EndpointFault.ServerError, EndpointFault.RateLimited, EndpointFault.TokenExpired, EndpointFault.ResponseLost })
            {
                faults.SetProbability(kind, 0.06);
            }

            var endpoint = new FlatpeakEndpoint(new EndpointOptions
            {
                UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(clock.TrueUnixMilliseconds),
                Faults = faults,
            });
            EndpointServer server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
            string caFile = Path.Combine(Path.GetTempPath(), "chargeragent-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            try
            {
                File.WriteAllText(caFile, server.AuthorityPem);
                using var transport = new HttpClientTransport(caFile);
                var charger = new DemoCharger(clock);
                var runtime = new AgentRuntime(new AgentOptions { DeviceId = "https-test" }, Credentials.LocalEndpoint(server.BaseUrl, "https-test"),
                    new RingOptions(), clock, new PlausibilityFilter(charger.Register, new PlausibilityOptions(new PowerLimit(230, 32, 3))),
                    new FakeFlash(3), transport, new SystemRandomSource(3));
                runtime.SetNetworkUp(true);

                RunFor(runtime, charger, TimeSpan.FromSeconds(15), stopWhenDrained: false);
                foreach (EndpointFault kind in new[] { EndpointFault.Refused, EndpointFault.Delayed, EndpointFault.ServerError, EndpointFault.RateLimited, EndpointFault.TokenExpired, EndpointFault.ResponseLost })
                {
                    faults.SetProbability(kind, 0);
                }

                runtime.Control.UploadNow();
                RunFor(runtime, charger, TimeSpan.FromSeconds(40), stopWhenDrained: true);

                string summary = $"recorded {runtime.Agent.State.RecordedWh} Wh in {runtime.Agent.RecordsAppended} record(s); ledger {endpoint.Ledger.TotalWh} Wh in {endpoint.Ledger.Count}, duplicates {endpoint.Ledger.Duplicates}; backlog {runtime.Status.Delivery.Backlog}; faults injected {endpoint.RequestCount - endpoint.Ledger.Submissions}";
                System.Console.WriteLine(summary);
                Assert.IsTrue(runtime.Agent.RecordsAppended >= 2, "too few records to mean anything: " + summary);
                Assert.AreEqual(0, runtime.Status.Delivery.Backlog, summary);
                Assert.AreEqual((long)runtime.Agent.State.RecordedWh, endpoint.Ledger.TotalWh, summary);
                Assert.AreEqual(0, endpoint.Ledger.ConflictingDuplicates, summary);
                Assert.AreEqual(0u, runtime.Agent.State.Violations, summary);
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                File.Delete(caFile);
            }
        }

        private static void RunFor(AgentRuntime runtime, DemoCharger charger, TimeSpan time, bool stopWhenDrained)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < time)
            {
                charger.Advance(runtime.Agent);
                runtime.Tick();
                if (stopWhenDrained && runtime.Status.Delivery.Backlog == 0 && runtime.Agent.RecordsAppended > 0 && !runtime.Uploader.Busy) return;
                Thread.Sleep(2);
            }
        }
    }
}
