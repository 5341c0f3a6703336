using System;
using System.IO;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Commands;
using ChargerAgent.Host.Run;
using ChargerAgent.Simulation.Whole;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Report;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Simulate
{
    /// <summary>
    /// <c>simulate --api-url</c>: the whole agent on simulated time talking real HTTPS to another
    /// endpoint (here the local one, served on 127.0.0.1), sending non_persistent records and
    /// refusing live keys.
    /// </summary>
    [TestClass]
    public sealed class SimulateAgainstHttpsEndpointTests
    {
        [TestMethod]
        [Timeout(120000)]
        public void A_simulation_against_an_https_endpoint_delivers_everything_as_non_persistent_records()
        {
            var endpoint = new FlatpeakEndpoint();
            EndpointServer server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
            string caFile = Path.Combine(Path.GetTempPath(), "chargeragent-sim-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            try
            {
                File.WriteAllText(caFile, server.AuthorityPem);
                SimulationReport report = WithCredentials(EndpointAccount.LocalTest.ApiKey, () =>
                    new WholeAgentSimulation(new SimulationSettings(1, FaultLevel.Mild, 4, false, null, SimulationApi.FromEnvironment(server.BaseUrl, caFile))).Run());
                string text = report.ToText();
                Assert.AreEqual(0, report.Violations.Count, text);
                Assert.IsTrue(report.Records > 0, text);
                Assert.AreEqual(report.MeteredWh, report.DeliveredWh, text);
                Assert.AreEqual(0, endpoint.Ledger.Count, "non_persistent records must not be stored");
                Assert.IsTrue(endpoint.Ledger.NonPersistent >= report.Records, $"{endpoint.Ledger.NonPersistent} non_persistent requests for {report.Records} records");
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                File.Delete(caFile);
            }
        }

        [TestMethod]
        public void A_live_key_is_refused()
        {
            Assert.ThrowsExactly<UsageException>(() => WithCredentials("sk_live_do_not_use", () => SimulationApi.FromEnvironment("https://127.0.0.1:9", null)));
        }

        private static T WithCredentials<T>(string apiKey, Func<T> run)
        {
            string[] names = { Credentials.AccountVariable, Credentials.KeyVariable, Credentials.LocationVariable };
            string[] saved = Array.ConvertAll(names, Environment.GetEnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(Credentials.AccountVariable, EndpointAccount.LocalTest.AccountId);
                Environment.SetEnvironmentVariable(Credentials.KeyVariable, apiKey);
                Environment.SetEnvironmentVariable(Credentials.LocationVariable, "loc_simulated");
                return run();
            }
            finally
            {
                for (int i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }
    }
}
