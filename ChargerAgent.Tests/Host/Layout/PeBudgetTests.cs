using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ChargerAgent.PeBudget;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Layout
{
    /// <summary>pe-budget against the real mscorlib.dll of nanoFramework.CoreLibrary (restored with the tool).</summary>
    [TestClass]
    public sealed class PeBudgetTests
    {
        private static readonly string CoreLibrary = typeof(NanoCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "NanoCoreLibrary").Value;

        private static NanoCompiler.Result Compile(string source, string configuration = "Release")
        {
            CSharpParseOptions parse = NanoCompiler.ParseOptions("9.0", configuration);
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, parse, "/snippet/Snippet.cs");
            var references = new List<MetadataReference> { MetadataReference.CreateFromFile(Path.Combine(CoreLibrary, "mscorlib.dll")) };
            return NanoCompiler.Compile("Snippet", false, new[] { tree }, references, configuration);
        }

        [TestMethod]
        public void A_member_nanoFramework_mscorlib_lacks_fails_the_compilation_naming_it()
        {
            NanoCompiler.Result result = Compile("class P { object M() { return System.DateTime.Now; } }");
            Assert.IsNull(result.Reference, "DateTime.Now compiled against nanoFramework's mscorlib");
            Assert.IsTrue(result.Errors.Any(e => e.Contains("Now") && e.Contains("Snippet.cs")), string.Join("\n", result.Errors));
        }

        [TestMethod]
        public void What_nanoFramework_mscorlib_has_compiles()
        {
            NanoCompiler.Result result = Compile("class P { object M() { return System.DateTime.UtcNow; } }");
            Assert.IsNotNull(result.Reference, string.Join("\n", result.Errors));
        }

        [TestMethod]
        public void Byte_code_keeps_opcodes_and_shortens_tokens_to_16_bits()
        {
            // ldc.i4.s 42 (2) + ret (1); ldstr (1 + 2) + call (1 + 2) + ret (1) = 3 + 7 = 10 bytes of byte code.
            NanoCompiler.Result result = Compile("public static class P { public static int A() { return 42; } public static int B() { return \"x\".Length; } }");
            Assert.IsNotNull(result.Reference, string.Join("\n", result.Errors));
            PeTables tables = PeTables.Measure(result.Image, new HashSet<string>());
            Assert.AreEqual(10, tables.Tables.First(t => t.Table == "byte code").Used);
        }

        [TestMethod]
        public void Strings_are_stored_once_each_with_a_terminating_zero_and_well_known_names_cost_nothing()
        {
            NanoCompiler.Result result = Compile("namespace N { public static class P { public static string A() { return \"hello\"; } public static string B() { return \"hello\"; } } }");
            int all = PeTables.Measure(result.Image, new HashSet<string>()).Tables.First(t => t.Table == "strings").Used;
            int known = PeTables.Measure(result.Image, new HashSet<string> { "hello", "A" }).Tables.First(t => t.Table == "strings").Used;
            Assert.AreEqual(2, all - known, "the literal is always stored; only the name A (2 bytes) is saved");
        }

        [TestMethod]
        public void The_well_known_names_come_from_the_core_library_package()
        {
            HashSet<string> known = WellKnownStrings.FromCoreLibrary(Path.Combine(CoreLibrary, "mscorlib.dll"), Path.Combine(CoreLibrary, "mscorlib.pe"), new string[0]);
            Assert.IsTrue(known.Contains(".ctor") && known.Contains("System") && known.Contains("ToString"), "common names are known");
            Assert.IsFalse(known.Contains("ChargerAgent"));
        }
    }
}
