using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Layout
{
    /// <summary>
    /// The nanoFramework projects are old-style and do not glob: a .cs file missing from their lists
    /// builds on the host and silently vanishes from the device. The core is three shared projects (one
    /// per nanoFramework class library), the portable tests are several test projects (each its own
    /// NFUnitTest assembly). These tests hold that layout together.
    /// </summary>
    [TestClass]
    public sealed class ProjectFileTests
    {
        private static readonly string Core = RepositoryPaths.Combine("ChargerAgent", "Core");
        private static readonly string Tests = RepositoryPaths.Combine("ChargerAgent.Tests");
        /// <summary>The core's layers, lowest first; library <c>i</c> imports layer <c>i</c> and references the ones below it.</summary>
        private static readonly string[] CoreLayers = { "ChargerAgent.Core.Foundation.projitems", "ChargerAgent.Core.Upload.projitems", "ChargerAgent.Core.projitems" };
        private static readonly string[] CoreLibraries = { "ChargerAgent.Core.Foundation", "ChargerAgent.Core.Upload", "ChargerAgent.Core.Agent" };

        [TestMethod]
        public void Every_core_source_file_is_listed_in_exactly_one_core_projitems()
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string layer in CoreLayers)
            {
                string path = Path.Combine(Core, layer);
                foreach (string file in Listed(path, Core))
                {
                    Assert.IsFalse(owners.ContainsKey(file), $"{file} is listed in {owners.GetValueOrDefault(file)} and in {layer}: list it once");
                    owners[file] = layer;
                }

                AssertNoStale(path, Core, Listed(path, Core));
            }

            string[] missing = SourceFiles(Core).Where(f => !owners.ContainsKey(f)).ToArray();
            Assert.AreEqual(0, missing.Length,
                $"no core projitems lists: {string.Join(", ", missing)} (old-style projects do not glob: add a <Compile Include=...> line to the projitems of its folder)");
        }

        [TestMethod]
        public void Each_core_folder_belongs_to_one_layer()
        {
            var layerOfFolder = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string layer in CoreLayers)
            {
                foreach (string file in Listed(Path.Combine(Core, layer), Core))
                {
                    string folder = Path.GetDirectoryName(file);
                    if (layerOfFolder.TryGetValue(folder, out string other))
                    {
                        Assert.AreEqual(other, layer, $"Core/{folder} is split between {other} and {layer}: list {Path.GetFileName(file)} in {other}, beside its folder");
                    }

                    layerOfFolder[folder] = layer;
                }
            }

            Assert.AreEqual(CoreLayers[CoreLayers.Length - 1], layerOfFolder[string.Empty], "the agent loop (Core/*.cs) is the upper layer");
        }

        [TestMethod]
        public void Each_core_library_imports_its_layer_and_the_desktop_core_imports_all()
        {
            for (int i = 0; i < CoreLibraries.Length; i++)
            {
                XDocument library = XDocument.Load(RepositoryPaths.Combine("ChargerAgent", "Libraries", CoreLibraries[i], CoreLibraries[i] + ".nfproj"));
                Assert.AreEqual(CoreLibraries[i], Property(library, "AssemblyName"));
                string[] imported = Imports(library).Where(p => p.EndsWith(".projitems", StringComparison.Ordinal)).Select(Path.GetFileName).ToArray();
                CollectionAssert.AreEqual(new[] { CoreLayers[i] }, imported, CoreLibraries[i]);
                Assert.IsTrue(File.Exists(RepositoryPaths.Combine("ChargerAgent", "Libraries", CoreLibraries[i], "packages.config")), CoreLibraries[i] + " has packages.config");
            }

            for (int i = 0; i < CoreLibraries.Length; i++)
            {
                string text = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent", "Libraries", CoreLibraries[i], CoreLibraries[i] + ".nfproj"));
                for (int j = 0; j < CoreLibraries.Length; j++)
                {
                    if (j == i) continue;
                    bool references = text.Contains(CoreLibraries[j] + ".nfproj", StringComparison.Ordinal);
                    Assert.AreEqual(j < i, references, j < i
                        ? $"{CoreLibraries[i]} references {CoreLibraries[j]}, the layer below it"
                        : $"{CoreLibraries[i]} must not reference {CoreLibraries[j]}, a layer above it");
                }
            }

            XDocument desktop = XDocument.Load(Path.Combine(Core, "ChargerAgent.Core.csproj"));
            CollectionAssert.AreEquivalent(CoreLayers, Imports(desktop).Where(p => p.EndsWith(".projitems", StringComparison.Ordinal)).Select(Path.GetFileName).ToArray());
        }

        [TestMethod]
        public void Every_portable_test_file_is_listed_in_a_device_test_project()
        {
            string[] portable = SourceFiles(Tests).Where(f => !f.StartsWith("Host" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
            Assert.IsTrue(portable.Length > 0);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (string project in DeviceTestProjects())
            {
                string[] files = Listed(project, Tests, relativeTo: Path.GetDirectoryName(project));
                string[] twice = files.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
                Assert.AreEqual(0, twice.Length, $"{Path.GetFileName(project)} lists twice: {string.Join(", ", twice)}");
                AssertNoStale(project, Tests, files);
                listed.UnionWith(files);
            }

            string[] missing = portable.Where(f => !listed.Contains(f)).ToArray();
            Assert.AreEqual(0, missing.Length,
                $"no device test project (ChargerAgent.Tests/Device/*/*.nfproj) lists: {string.Join(", ", missing)} (old-style projects do not glob: add a <Compile Include=...> line to the project of its folder)");
        }

        [TestMethod]
        public void Each_device_test_project_is_an_NFUnitTest_assembly_with_its_own_settings()
        {
            string[] projects = DeviceTestProjects();
            Assert.IsTrue(projects.Length >= 2, "the portable tests are split into several test projects");
            foreach (string project in projects)
            {
                string name = Path.GetFileNameWithoutExtension(project);
                string directory = Path.GetDirectoryName(project);
                XDocument document = XDocument.Load(project);
                Assert.AreEqual("NFUnitTest", Property(document, "AssemblyName"), name + ": the launcher runs only an assembly named NFUnitTest");
                Assert.AreEqual(name, Path.GetFileName(directory), name + " lives in a folder of its own name (its obj/bin are its own)");
                Assert.IsTrue(File.Exists(Path.Combine(directory, "packages.config")), name + " has packages.config");
                Assert.IsTrue(File.Exists(Path.Combine(directory, "nano.runsettings")), name + " has nano.runsettings");
                StringAssert.Contains(Property(document, "RunSettingsFilePath"), "nano.runsettings", name);
                string text = File.ReadAllText(project);
                foreach (string library in CoreLibraries) StringAssert.Contains(text, library + ".nfproj", name + " references " + library);
                Assert.IsFalse(text.Contains(".projitems", StringComparison.Ordinal), name + " references the core libraries instead of compiling the core into itself");
            }
        }

        [TestMethod]
        public void Every_firmware_source_file_is_listed_in_the_firmware_nfproj()
        {
            string firmware = RepositoryPaths.Combine("ChargerAgent");
            string[] own = SourceFiles(firmware)
                .Where(f => f == "Program.cs" || f.StartsWith("Esp32" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToArray();
            Assert.IsTrue(own.Contains("Program.cs"));
            string project = Path.Combine(firmware, "ChargerAgent.nfproj");
            string[] listed = Listed(project, firmware);
            string[] missing = own.Where(f => !listed.Contains(f)).ToArray();
            Assert.AreEqual(0, missing.Length, $"ChargerAgent.nfproj does not list: {string.Join(", ", missing)} (old-style projects do not glob; add a <Compile Include=...> line)");
            AssertNoStale(project, firmware, listed);
        }

        [TestMethod]
        public void The_firmware_references_every_core_library()
        {
            string text = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent", "ChargerAgent.nfproj"));
            foreach (string library in CoreLibraries) StringAssert.Contains(text, library + ".nfproj");
            Assert.IsFalse(text.Contains(".projitems", StringComparison.Ordinal), "the firmware references the core libraries instead of compiling the core into itself");
        }

        [TestMethod]
        public void The_solution_lists_every_project_and_the_host_filter_every_sdk_project()
        {
            string solution = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent.sln"));
            string filter = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent.Host.slnf"));
            foreach (string project in Directory.EnumerateFiles(RepositoryPaths.Root, "*.*proj", SearchOption.AllDirectories)
                         .Where(p => p.EndsWith(".nfproj", StringComparison.Ordinal) || p.EndsWith(".csproj", StringComparison.Ordinal) || p.EndsWith(".shproj", StringComparison.Ordinal))
                         .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))
                         .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts")))
            {
                string windowsPath = project.Replace(Path.DirectorySeparatorChar, '\\');
                StringAssert.Contains(solution, "\"" + windowsPath + "\"", "ChargerAgent.sln lists " + project);
                if (project.EndsWith(".csproj", StringComparison.Ordinal))
                {
                    StringAssert.Contains(filter, "\"" + windowsPath.Replace("\\", "\\\\") + "\"", "ChargerAgent.Host.slnf lists " + project);
                }
            }
        }

        private static string[] DeviceTestProjects() =>
            Directory.EnumerateFiles(Path.Combine(Tests, "Device"), "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

        private static string[] SourceFiles(string directory) =>
            Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();

        /// <summary>The Compile items of a project file, relative to <paramref name="baseDirectory"/>.</summary>
        private static string[] Listed(string projectFile, string baseDirectory, string relativeTo = null)
        {
            string from = relativeTo ?? Path.GetDirectoryName(projectFile);
            return XDocument.Load(projectFile).Descendants().Where(e => e.Name.LocalName == "Compile")
                .Select(e => (string)e.Attribute("Include"))
                .Where(i => i != null)
                .Select(i => i.Replace("$(MSBuildThisFileDirectory)", string.Empty).Replace('\\', Path.DirectorySeparatorChar))
                .Select(i => Path.GetRelativePath(baseDirectory, Path.GetFullPath(Path.Combine(from, i))))
                .ToArray();
        }

        private static void AssertNoStale(string projectFile, string baseDirectory, IEnumerable<string> listed)
        {
            string[] stale = listed.Where(l => !File.Exists(Path.Combine(baseDirectory, l))).ToArray();
            Assert.AreEqual(0, stale.Length, $"{Path.GetFileName(projectFile)} lists files that do not exist: {string.Join(", ", stale)}");
        }

        private static string Property(XDocument document, string name) =>
            document.Descendants().Where(e => e.Name.LocalName == name).Select(e => e.Value.Trim()).FirstOrDefault();

        private static IEnumerable<string> Imports(XDocument document) =>
            document.Descendants().Where(e => e.Name.LocalName == "Import").Select(e => ((string)e.Attribute("Project") ?? string.Empty).Replace('\\', '/'));
    }
}
