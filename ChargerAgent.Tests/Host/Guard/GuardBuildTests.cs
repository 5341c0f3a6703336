using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Guard
{
    /// <summary>
    /// Proves that the guard runs in the real build, not only in a unit test of the analyzer: a
    /// Roslyn analyzer built against a newer compiler than the SDK's is silently skipped (CS9057).
    /// </summary>
    [TestClass]
    public sealed class GuardBuildTests
    {
        [TestMethod]
        [Timeout(300000)]
        public void Building_the_core_with_a_List_of_int_fails_naming_the_rule()
        {
            string output = BuildCoreWith("HalfHour.cs", "\nclass P { System.Collections.Generic.List<int> x; }\n", out int exitCode);
            Assert.AreNotEqual(0, exitCode, "the build passed with List<int> in core code:\n" + output);
            StringAssert.Contains(output, "NF1001", "the build failed, but not through the guard:\n" + output);
            StringAssert.Contains(output, "HalfHour.cs", "the error does not name the file");
            Assert.IsFalse(output.Contains("CS9057"), "the analyzer references a newer compiler than the SDK's:\n" + output);
        }

        [TestMethod]
        [Timeout(300000)]
        public void Building_the_core_with_a_widened_uint_and_a_Hashtable_set_by_index_fails_naming_both_rules()
        {
            string output = BuildCoreWith("HalfHour.cs",
                "\nclass Q { long W(uint u) { return (int)u; } void S(System.Collections.Hashtable t) { t[\"k\"] = 1; } }\n", out int exitCode);
            Assert.AreNotEqual(0, exitCode, "the build passed:\n" + output);
            StringAssert.Contains(output, "NF1011", "no rule fired for the zero-extending widening:\n" + output);
            StringAssert.Contains(output, "NF1012", "no rule fired for the Hashtable set by index:\n" + output);
        }

        private static string BuildCoreWith(string file, string appended, out int exitCode)
        {
            string work = Path.Combine(Path.GetTempPath(), "chargeragent-guard-" + Guid.NewGuid().ToString("N"));
            try
            {
                CopyDirectory(RepositoryPaths.Combine("ChargerAgent", "Core"), Path.Combine(work, "ChargerAgent", "Core"));
                CopyDirectory(RepositoryPaths.Combine("ChargerAgent", "Guard"), Path.Combine(work, "ChargerAgent", "Guard"));
                File.Copy(RepositoryPaths.Combine("Directory.Build.props"), Path.Combine(work, "Directory.Build.props"));
                File.Copy(RepositoryPaths.Combine("nuget.config"), Path.Combine(work, "nuget.config"));
                File.AppendAllText(Path.Combine(work, "ChargerAgent", "Core", "Time", file), appended);

                var start = new ProcessStartInfo("dotnet", "build ChargerAgent/Core/ChargerAgent.Core.csproj -nologo -nodeReuse:false --disable-build-servers -p:UseSharedCompilation=false")
                {
                    WorkingDirectory = work,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.Environment["CHARGERAGENT_ARTIFACTS"] = Path.Combine(work, "artifacts");
                start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
                using Process build = Process.Start(start);
                var stderr = build.StandardError.ReadToEndAsync();
                string output = build.StandardOutput.ReadToEnd() + stderr.Result;
                Assert.IsTrue(build.WaitForExit(240000), "the build did not finish in 4 minutes");
                exitCode = build.ExitCode;
                return output;
            }
            finally
            {
                try { Directory.Delete(work, true); } catch (IOException) { }
            }
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
                string target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
        }
    }
}
