using System.IO;
using System.Linq;
using ChargerAgent.Guard;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Guard
{
    /// <summary>
    /// The ESP32 adapters and Program.cs cannot be compiled on .NET (they use nanoFramework-only
    /// types), so the guard's syntax rules run over their text here.
    /// </summary>
    [TestClass]
    public sealed class DeviceSourceGuardTests
    {
        [TestMethod]
        public void Device_sources_use_nothing_nanoFramework_1_cannot_run()
        {
            string firmware = RepositoryPaths.Combine("ChargerAgent");
            string esp32 = Path.Combine(firmware, "Esp32");
            string[] files = (Directory.Exists(esp32) ? Directory.EnumerateFiles(esp32, "*.cs", SearchOption.AllDirectories) : Enumerable.Empty<string>())
                .Append(Path.Combine(firmware, "Program.cs"))
                .ToArray();
            string[] findings = files
                .SelectMany(f => NanoFrameworkGuard.CheckSyntaxOnly(CSharpSyntaxTree.ParseText(File.ReadAllText(f),
                    new CSharpParseOptions(LanguageVersion.CSharp9), path: Path.GetRelativePath(firmware, f))))
                .ToArray();
            Assert.AreEqual(0, findings.Length, string.Join("\n", findings));
        }

        [TestMethod]
        public void The_syntax_check_finds_generics_async_and_nullable_values()
        {
            var tree = CSharpSyntaxTree.ParseText("class P { System.Collections.Generic.List<int> x; int? y; async void M() { await Q(); } }", path: "Snippet.cs");
            string[] findings = NanoFrameworkGuard.CheckSyntaxOnly(tree);
            Assert.IsTrue(findings.Any(f => f.Contains("NF1001")), string.Join("\n", findings));
            Assert.IsTrue(findings.Any(f => f.Contains("NF1004")), string.Join("\n", findings));
            Assert.IsTrue(findings.Any(f => f.Contains("NF1002") && f.StartsWith("Snippet.cs(1,")), string.Join("\n", findings));
        }
    }
}
