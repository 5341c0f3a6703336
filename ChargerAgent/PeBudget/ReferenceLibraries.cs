using System;
using System.Collections.Generic;
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
    /// The assemblies a nanoFramework project may reference, as compile references: the real
    /// mscorlib.dll, and reference stubs for the libraries that do not restore here (from the
    /// guard's allow-list, or from the tests' bridge for nanoFramework's own APIs).
    /// </summary>
    public sealed class ReferenceLibraries
    {
        /// <summary>Referenced by test projects, but holds nothing a test calls (the launcher program).</summary>
        private const string Launcher = "nanoFramework.UnitTestLauncher";

        private readonly string bridgeDirectory;
        private readonly MetadataReference mscorlib;
        private readonly AllowListStubs allowList;
        private readonly Dictionary<string, NanoCompiler.Result> stubs = new Dictionary<string, NanoCompiler.Result>(StringComparer.Ordinal);

        /// <summary>Prepares the references of the repository at <paramref name="root"/>.</summary>
        public ReferenceLibraries(string root, string mscorlibDll)
        {
            bridgeDirectory = Path.Combine(root, "ChargerAgent.Tests", "Host", "Bridge");
            mscorlib = MetadataReference.CreateFromFile(mscorlibDll);
            allowList = AllowListStubs.Load(Path.Combine(root, "ChargerAgent", "Guard", "nanoframework-api.txt"), PublicTypes(mscorlibDll));
        }

        /// <summary>The allow-list's reading of the libraries that do not restore here.</summary>
        public AllowListStubs AllowList => allowList;

        /// <summary>True when <paramref name="assemblyName"/> can be referenced here.</summary>
        public bool CanProvide(string assemblyName) =>
            assemblyName == "mscorlib" || assemblyName == Launcher
            || AllowListStubs.HasLibrary(assemblyName)
            || BridgeStubs.Files.Any(f => f.Assembly == assemblyName);

        /// <summary>The compile reference for <paramref name="assemblyName"/> (null for the launcher).</summary>
        public MetadataReference Get(string assemblyName, CSharpParseOptions parse)
        {
            if (assemblyName == "mscorlib") return mscorlib;
            if (assemblyName == Launcher) return null;
            return Stub(assemblyName, parse).Reference;
        }

        /// <summary>Writes the stub of <paramref name="assemblyName"/> (and mscorlib.dll) next to an emitted assembly.</summary>
        public void EmitStub(string assemblyName, CSharpParseOptions parse, string directory)
        {
            if (assemblyName == "mscorlib" || assemblyName == Launcher) return;
            File.WriteAllBytes(Path.Combine(directory, assemblyName + ".dll"), Stub(assemblyName, parse).Image.ToArray());
        }

        private NanoCompiler.Result Stub(string assemblyName, CSharpParseOptions parse)
        {
            if (stubs.TryGetValue(assemblyName, out NanoCompiler.Result cached)) return cached;
            var trees = new List<SyntaxTree>(BridgeStubs.For(bridgeDirectory, assemblyName, parse));
            if (AllowListStubs.HasLibrary(assemblyName)) trees.Add(CSharpSyntaxTree.ParseText(allowList.SourceFor(assemblyName), parse, assemblyName + ".stub.cs"));
            NanoCompiler.Result result = NanoCompiler.Compile(assemblyName, false, trees, new[] { mscorlib }, "Release", warningsAreErrors: false);
            if (result.Reference == null)
            {
                throw new InvalidOperationException($"the reference stub of {assemblyName} does not compile: " + string.Join("; ", result.Errors.Take(5)));
            }

            stubs[assemblyName] = result;
            return result;
        }

        private static HashSet<string> PublicTypes(string assemblyPath)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            using var pe = new PEReader(File.OpenRead(assemblyPath));
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
                if (visibility == TypeAttributes.Public) names.Add(md.GetString(type.Namespace) + "." + md.GetString(type.Name));
                else if (visibility == TypeAttributes.NestedPublic)
                {
                    TypeDefinition outer = md.GetTypeDefinition(type.GetDeclaringType());
                    names.Add(md.GetString(outer.Namespace) + "." + md.GetString(outer.Name) + "+" + md.GetString(type.Name));
                }
            }

            return names;
        }
    }
}
