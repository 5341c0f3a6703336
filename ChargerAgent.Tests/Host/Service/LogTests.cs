using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Service
{
    /// <summary>The agent's log lines: what fails and how to fix it, rate-limited, in the journal's format, never a secret.</summary>
    [TestClass]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class LogTests
    {
        private const string SecretKey = "sk_test_Zq8PLmW3vXy7Kd2Rb9TnHs4F";

        private static Dictionary<string, string> Credentials(string key) => new Dictionary<string, string>
        {
            { "FLATPEAK_ACCOUNT_ID", EndpointAccount.LocalTest.AccountId },
            { "FLATPEAK_API_KEY", key },
            { "FLATPEAK_LOCATION_ID", "loc_service_tests" },
        };

        [TestMethod]
        public void A_certificate_the_agent_does_not_trust_is_a_warning_that_says_to_pass_ca_file()
        {
            using (var endpoint = new LocalEndpoint())
            using (AgentProcess agent = AgentProcess.Start("run --plain --speed 1 --api-url " + endpoint.Server.BaseUrl, Stdin.DevNull, Credentials(SecretKey)))
            {
                agent.WaitFor(@"warn  upload failed: login: TLS error \(the server's certificate is not trusted: pass --ca-file with the authority that signed it\)");
                agent.Signal(AgentProcess.SIGTERM);
                agent.WaitForExit(5000);
                AssertNoSecret(agent.Output, SecretKey);
            }
        }

        [TestMethod]
        public void Credentials_the_api_rejects_are_an_error_line_that_never_holds_the_key()
        {
            string directory = Scratch.NewDirectory("rejected");
            using (var endpoint = new LocalEndpoint())
            {
                string ca = Path.Combine(directory, "ca.pem");
                File.WriteAllText(ca, endpoint.Server.AuthorityPem);
                using (AgentProcess agent = AgentProcess.Start("run --plain --log-level debug --api-url " + endpoint.Server.BaseUrl + " --ca-file " + ca,
                    Stdin.DevNull, Credentials(SecretKey)))
                {
                    agent.WaitFor("error the API rejected the credentials: check flatpeak.account_id and flatpeak.api_key", 30000);
                    agent.Signal(AgentProcess.SIGTERM);
                    agent.WaitForExit(5000);
                    AssertNoSecret(agent.Output, SecretKey);
                }
            }

            Scratch.Delete(directory);
        }

        [TestMethod]
        public void Logs_tell_the_clock_sync_the_session_start_the_uploads_and_a_periodic_summary()
        {
            using (AgentProcess agent = AgentProcess.Start("run --plain --summary-interval 2", Stdin.DevNull))
            {
                agent.WaitFor(@"info  first start on this state directory");
                agent.WaitFor(@"info  clock synced: 20\d\d-");
                agent.WaitFor(@"info  session #1 started");
                agent.WaitFor(@"info  uploaded record 1: cost \d+\.\d\d GBP; backlog \d+", 60000);
                agent.WaitFor(@"info  summary: backlog \d+ record\(s\), last upload record \d+ at \S+ \(\d+\.\d\d GBP\), energy today \d+\.\d{3} kWh \(since \d\d:\d\d UTC\), meter ok");
                agent.Signal(AgentProcess.SIGTERM);
                agent.WaitForExit(5000);
            }
        }

        [TestMethod]
        public void Under_systemd_each_line_starts_with_its_journal_priority()
        {
            var environment = new Dictionary<string, string> { { "JOURNAL_STREAM", "8:12345" } };
            using (AgentProcess agent = AgentProcess.Start("run --plain", Stdin.DevNull, environment))
            {
                agent.WaitFor(@"^<6>started: state in ");
                agent.WaitFor(@"^<6>session #1 started");
                agent.Signal(AgentProcess.SIGTERM);
                agent.WaitForExit(5000);
                Assert.IsFalse(agent.Output.Split('\n').Any(l => l.StartsWith("20", StringComparison.Ordinal)), "no time stamps for journald:\n" + agent.Output);
            }
        }

        [TestMethod]
        public void Log_level_warn_keeps_the_warnings_and_drops_the_info_lines()
        {
            using (var endpoint = new LocalEndpoint())
            using (AgentProcess agent = AgentProcess.Start("run --plain --log-level warn --api-url " + endpoint.Server.BaseUrl, Stdin.DevNull, Credentials(SecretKey)))
            {
                agent.WaitFor("warn  upload failed: ");
                agent.Signal(AgentProcess.SIGTERM);
                agent.WaitForExit(5000);
                Assert.IsFalse(agent.Output.Contains(" info  "), agent.Output);
            }
        }

        [TestMethod]
        public void Repeated_lines_are_written_once_a_window_and_then_with_the_count_of_those_held_back()
        {
            var logger = new ListLogger();
            var log = new RateLimitedLog(logger, 60000);
            log.Write("upload", LogLevel.Warning, "upload failed: 503", 0);
            for (int i = 1; i <= 12; i++) log.Write("upload", LogLevel.Warning, "upload failed: 503", i * 1000);
            log.Write("meter", LogLevel.Warning, "meter fault", 13000);
            log.Flush(59999);
            CollectionAssert.AreEqual(new[] { "upload failed: 503", "meter fault" }, logger.Lines);
            log.Flush(60000);
            CollectionAssert.AreEqual(new[] { "upload failed: 503", "meter fault", "upload failed: 503 (11 more like this in the last 60 s)" }, logger.Lines);
            log.Write("upload", LogLevel.Warning, "upload failed: 503", 130000);
            Assert.AreEqual("upload failed: 503", logger.Lines.Last());
        }

        internal static void AssertNoSecret(string output, string secret)
        {
            // Not even in part: no 8-character piece of the key's random part.
            string random = secret.Substring("sk_test_".Length);
            for (int i = 0; i + 8 <= random.Length; i++)
            {
                Assert.IsFalse(output.Contains(random.Substring(i, 8)), "a piece of the API key reached the output:\n" + output);
            }
        }

        /// <summary>The local endpoint over HTTPS, stopped at Dispose.</summary>
        internal sealed class LocalEndpoint : IDisposable
        {
            public EndpointServer Server { get; } = EndpointServer.StartAsync(new FlatpeakEndpoint()).GetAwaiter().GetResult();

            public void Dispose() => Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        private sealed class ListLogger : ILogger
        {
            public List<string> Lines { get; } = new List<string>();

            public IDisposable BeginScope<TState>(TState state) => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter) =>
                Lines.Add(formatter(state, exception));
        }
    }
}
