using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using ChargerAgent.Guard;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChargerAgent.Tests.Host.Guard
{
    /// <summary>Runs the guard over a snippet, as a file marked NanoGuard="true".</summary>
    internal static class GuardHarness
    {
        private static readonly MetadataReference[] References =
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Where(p => p.Length > 0)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray();

        public static string[] Run(string source, NanoFrameworkApi api, bool marked = true)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path: "/snippet/Snippet.cs");
            CSharpCompilation compilation = CSharpCompilation.Create("Snippet", new[] { tree }, References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Diagnostic[] compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (compileErrors.Length > 0)
            {
                throw new InvalidOperationException("snippet does not compile: " + string.Join("; ", compileErrors.Select(d => d.ToString())));
            }

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new MarkedFiles(marked));
            ImmutableArray<Diagnostic> found = compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoFrameworkGuard(api)), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return found.Select(d => d.Id + ": " + d.GetMessage()).ToArray();
        }

        private sealed class MarkedFiles : AnalyzerConfigOptionsProvider
        {
            private readonly Options file;

            public MarkedFiles(bool marked)
            {
                file = new Options(marked ? new Dictionary<string, string> { ["build_metadata.Compile.NanoGuard"] = "true" } : new Dictionary<string, string>());
            }

            public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => file;
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => file;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> values;
            public Options(Dictionary<string, string> values) => this.values = values;
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value);
        }
    }
}
