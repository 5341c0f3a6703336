using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Firmware
{
    /// <summary>
    /// The device sources (Program.cs and Esp32/) cannot be compiled here, so the compiling guard
    /// cannot see them. These tests read their syntax and refuse what nanoFramework 1.x cannot run:
    /// generics, async/await, LINQ, nullable value types, tuples, records, stackalloc, and
    /// 'volatile' (its IsVolatile modifier type is missing from nanoFramework's CoreLibrary).
    /// </summary>
    [TestClass]
    public sealed class FirmwareSourceTests
    {
        internal static IEnumerable<string> FirmwareFiles()
        {
            string firmware = RepositoryPaths.Combine("ChargerAgent");
            yield return Path.Combine(firmware, "Program.cs");
            foreach (string file in Directory.EnumerateFiles(Path.Combine(firmware, "Esp32"), "*.cs", SearchOption.AllDirectories))
            {
                yield return file;
            }
        }

        internal static string[] Findings(string source, string name)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9)).GetRoot();
            var found = new List<string>();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                string problem = node switch
                {
                    GenericNameSyntax g => "generic type " + g,
                    TypeParameterListSyntax => "generic declaration",
                    AwaitExpressionSyntax => "await",
                    QueryExpressionSyntax => "LINQ query",
                    UsingDirectiveSyntax u when u.Name.ToString() == "System.Linq" => "using System.Linq",
                    NullableTypeSyntax n => "nullable type " + n,
                    TupleTypeSyntax or TupleExpressionSyntax => "tuple",
                    RecordDeclarationSyntax => "record",
                    StackAllocArrayCreationExpressionSyntax => "stackalloc",
                    _ => null,
                };

                if (problem == null && node is MemberDeclarationSyntax member)
                {
                    if (member.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword))) problem = "async";
                    if (member.Modifiers.Any(m => m.IsKind(SyntaxKind.VolatileKeyword))) problem = "volatile";
                }

                if (problem == null && node is LambdaExpressionSyntax lambda && lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)) problem = "async lambda";
                if (problem != null)
                {
                    int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add($"{name}({line}): {problem}");
                }
            }

            return found.ToArray();
        }

        [TestMethod]
        public void The_device_sources_use_nothing_nanoFramework_1_cannot_run()
        {
            string[] files = FirmwareFiles().ToArray();
            Assert.IsTrue(files.Length >= 5, "Program.cs and the Esp32 adapters are found");
            string[] findings = files.SelectMany(f => Findings(File.ReadAllText(f), Path.GetFileName(f))).ToArray();
            Assert.AreEqual(0, findings.Length, string.Join(Environment.NewLine, findings));
        }

        [TestMethod]
        public void The_source_check_catches_each_forbidden_construct()
        {
            string bad = @"
using System.Linq;
class C
{
    volatile bool _flag;
    System.Collections.Generic.List<int> _list;
    int? _maybe;
    (int, int) Pair() => (1, 2);
    async void Later() { await Nothing(); }
    T Same<T>(T value) => value;
    System.Threading.Tasks.Task Nothing() => null;
}
record R(int X);";
            string[] findings = Findings(bad, "Bad.cs");
            foreach (string expected in new[] { "using System.Linq", "volatile", "generic type List<int>", "nullable type int?", "tuple", "async", "await", "generic declaration", "record" })
            {
                Assert.IsTrue(findings.Any(f => f.Contains(expected, StringComparison.Ordinal)), expected + " not caught: " + string.Join(" | ", findings));
            }
        }
    }
}
