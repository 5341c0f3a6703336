using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// pe-budget: compiles every nanoFramework project of the repository that can be compiled here,
    /// Debug and Release, prints each assembly's use of the .pe's 16-bit tables, prints the recorded
    /// figures of those that cannot, and exits 1 when a table reaches the budget or a project does
    /// not compile against nanoFramework's mscorlib.
    /// Usage: pe-budget [--root DIR] [--budget PERCENT] [--emit DIR]
    /// </summary>
    public static class Program
    {
        private static readonly string[] Configurations = { "Debug", "Release" };

        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            try
            {
                return Run(Options.Parse(args), Console.Out);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine("pe-budget: " + e.Message);
                return 2;
            }
        }

        private static int Run(Options options, TextWriter output)
        {
            string root = options.Root ?? FindRoot(Directory.GetCurrentDirectory());
            string coreLibrary = options.CoreLibrary ?? typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "NanoCoreLibrary").Value;
            string mscorlibDll = Path.Combine(coreLibrary, "mscorlib.dll");
            string mscorlibPe = Path.Combine(coreLibrary, "mscorlib.pe");
            if (!File.Exists(mscorlibDll) || !File.Exists(mscorlibPe))
            {
                throw new UsageException($"nanoFramework's mscorlib.dll/.pe not found in {coreLibrary}: restore this project (dotnet restore) so NuGet downloads nanoFramework.CoreLibrary");
            }

            var libraries = new ReferenceLibraries(root, mscorlibDll);
            HashSet<string> wellKnown = WellKnownStrings.FromCoreLibrary(mscorlibDll, mscorlibPe, libraries.AllowList.NamesMovedOutOfMscorlib());
            var projects = Directory.EnumerateFiles(root, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .Select(NfProject.Load)
                .OrderBy(p => p.Path, StringComparer.Ordinal)
                .ToList();

            output.WriteLine($"PE budget: each 16-bit table of each nanoFramework assembly below {options.Budget}% of its limit");
            output.WriteLine($"(computed by the metadata processor's rules against mscorlib.dll {Path.GetFileName(Path.GetDirectoryName(coreLibrary))}; see docs/DEVICE-TESTS.md)");
            bool failed = false;
            var compiledHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (string configuration in Configurations)
            {
                var built = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
                foreach (NfProject project in DependencyOrder(projects))
                {
                    string missing = project.References.FirstOrDefault(r => !libraries.CanProvide(r));
                    if (missing != null)
                    {
                        if (configuration == Configurations[0]) output.WriteLine($"{project.Name}: not compiled here (references {missing}, which does not restore here): recorded figures below");
                        continue;
                    }

                    CSharpParseOptions parse = NanoCompiler.ParseOptions(project.LangVersion, configuration);
                    var references = project.References.Select(r => libraries.Get(r, parse)).Where(r => r != null).ToList();
                    foreach (string dependency in project.ProjectReferences)
                    {
                        if (!built.TryGetValue(dependency, out MetadataReference reference))
                        {
                            output.WriteLine($"{project.Name} ({configuration}): its project reference {Path.GetFileName(dependency)} did not compile");
                            failed = true;
                            goto next;
                        }

                        references.Add(reference);
                    }

                    NanoCompiler.Result result = NanoCompiler.Compile(project.AssemblyName, project.IsExe, NanoCompiler.Parse(project.Sources, parse), references, configuration);
                    if (result.Reference == null)
                    {
                        failed = true;
                        output.WriteLine($"FAIL {project.Name} ({configuration}) does not compile for nanoFramework (mscorlib {Path.GetFileName(Path.GetDirectoryName(coreLibrary))}): a member nanoFramework lacks, or a file missing from the project:");
                        foreach (string error in result.Errors.Take(40)) output.WriteLine("  " + Relative(root, error));
                        continue;
                    }

                    built[project.Path] = result.Reference;
                    compiledHere.Add(project.AssemblyName + "|" + project.Name);
                    if (options.EmitDirectory != null) Emit(options.EmitDirectory, configuration, project.Name, project.AssemblyName, result.Image.ToArray(), libraries, parse, project);
                    PeTables tables = PeTables.Measure(result.Image, wellKnown);
                    failed |= Print(output, project.Name + " (" + project.AssemblyName + ")", configuration, tables.Tables, options.Budget);
                next:;
                }
            }

            string recordedPath = Path.Combine(root, "ChargerAgent", "PeBudget", RecordedFigures.FileName);
            if (File.Exists(recordedPath))
            {
                RecordedFigures recorded = RecordedFigures.Load(recordedPath);
                output.WriteLine($"Recorded by {recorded.Source}:");
                foreach (var group in recorded.Assemblies)
                {
                    failed |= Print(output, group.Name, group.Configuration, group.Tables, options.Budget);
                }
            }

            output.WriteLine(failed ? "pe-budget: FAILED" : "pe-budget: every table within budget");
            return failed ? 1 : 0;
        }

        private static bool Print(TextWriter output, string name, string configuration, IReadOnlyList<TableUsage> tables, int budget)
        {
            bool over = false;
            output.WriteLine($"{name} {configuration}:");
            foreach (TableUsage t in tables)
            {
                bool tooMuch = t.Percent >= budget;
                over |= tooMuch;
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-12} {1,7:N0} of {2,6:N0} {3,-5} {4,5:0.0}%{5}",
                    t.Table, t.Used, t.Limit, t.Unit, t.Percent, tooMuch ? $"  FAIL: at or above {budget}% (split the assembly: see docs/DEVICE-TESTS.md)" : string.Empty));
            }

            return over;
        }

        private static void Emit(string directory, string configuration, string name, string assemblyName, byte[] image, ReferenceLibraries libraries, CSharpParseOptions parse, NfProject project)
        {
            string target = Path.Combine(directory, configuration, name);
            Directory.CreateDirectory(target);
            File.WriteAllBytes(Path.Combine(target, assemblyName + ".dll"), image);
            foreach (string reference in project.References) libraries.EmitStub(reference, parse, target);
        }

        private static IEnumerable<NfProject> DependencyOrder(List<NfProject> projects)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            var order = new List<NfProject>();
            void Visit(NfProject p, int depth)
            {
                if (depth > projects.Count || done.Contains(p.Path)) return;
                foreach (string dependency in p.ProjectReferences)
                {
                    NfProject d = projects.FirstOrDefault(x => x.Path == dependency);
                    if (d != null) Visit(d, depth + 1);
                }

                if (done.Add(p.Path)) order.Add(p);
            }

            foreach (NfProject p in projects) Visit(p, 0);
            return order;
        }

        private static string Relative(string root, string line) => line.Replace(root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);

        private static string FindRoot(string start)
        {
            for (string dir = start; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "ChargerAgent.sln"))) return dir;
            }

            throw new UsageException("run inside the repository (no ChargerAgent.sln above the current directory), or pass --root");
        }

        private sealed class Options
        {
            public string Root { get; private set; }
            public string CoreLibrary { get; private set; }
            public string EmitDirectory { get; private set; }
            public int Budget { get; private set; } = 90;

            public static Options Parse(string[] args)
            {
                var options = new Options();
                for (int i = 0; i < args.Length; i++)
                {
                    string value = i + 1 < args.Length ? args[i + 1] : throw new UsageException($"{args[i]} needs a value");
                    switch (args[i])
                    {
                        case "--root": options.Root = Path.GetFullPath(value); break;
                        case "--corelib": options.CoreLibrary = Path.GetFullPath(value); break;
                        case "--emit": options.EmitDirectory = Path.GetFullPath(value); break;
                        case "--budget":
                            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int budget) || budget < 1 || budget > 100)
                                throw new UsageException("--budget takes a whole percentage from 1 to 100");
                            options.Budget = budget;
                            break;
                        default: throw new UsageException($"unknown option {args[i]} (usage: pe-budget [--root DIR] [--budget PERCENT] [--emit DIR])");
                    }

                    i++;
                }

                return options;
            }
        }
    }

    /// <summary>A command-line mistake: reported in one line.</summary>
    public sealed class UsageException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public UsageException(string message) : base(message)
        {
        }
    }
}
