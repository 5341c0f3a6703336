using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// Compiles a nanoFramework project as its build does: C# at the project's LangVersion, no
    /// standard library but nanoFramework's mscorlib.dll, the Debug configuration unoptimized with
    /// DEBUG and TRACE defined, Release optimized with TRACE.
    /// </summary>
    public static class NanoCompiler
    {
        /// <summary>The outcome of one compilation.</summary>
        public sealed class Result
        {
            /// <summary>The assembly, or default when it did not compile.</summary>
            public ImmutableArray<byte> Image { get; init; }

            /// <summary>Errors, one line each (path(line,col): id message).</summary>
            public IReadOnlyList<string> Errors { get; init; }

            /// <summary>The assembly as a reference for the projects that depend on it.</summary>
            public MetadataReference Reference { get; init; }
        }

        /// <summary>Parse options for a language version and configuration.</summary>
        public static CSharpParseOptions ParseOptions(string langVersion, string configuration)
        {
            LanguageVersionFacts.TryParse(langVersion, out LanguageVersion version);
            string[] symbols = configuration == "Debug" ? new[] { "DEBUG", "TRACE" } : new[] { "TRACE" };
            return new CSharpParseOptions(version, preprocessorSymbols: symbols);
        }

        /// <summary>Compiles source files into an assembly named <paramref name="assemblyName"/>.</summary>
        public static Result Compile(string assemblyName, bool exe, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references, string configuration, bool warningsAreErrors = true)
        {
            var options = new CSharpCompilationOptions(
                exe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: configuration == "Debug" ? OptimizationLevel.Debug : OptimizationLevel.Release,
                deterministic: true,
                generalDiagnosticOption: warningsAreErrors ? ReportDiagnostic.Default : ReportDiagnostic.Suppress);
            CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, references, options);
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            string[] errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).ToArray();
            if (!emit.Success) return new Result { Errors = errors };
            ImmutableArray<byte> image = ImmutableArray.Create(stream.ToArray());
            return new Result { Image = image, Errors = errors, Reference = MetadataReference.CreateFromImage(image) };
        }

        /// <summary>Parses source files.</summary>
        public static IEnumerable<SyntaxTree> Parse(IEnumerable<string> paths, CSharpParseOptions options) =>
            paths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), options, p));

        private static string Describe(Diagnostic d)
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            string where = span.Path == null ? string.Empty : $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
            return where + d.Id + " " + d.GetMessage();
        }
    }
}
