using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Layout
{
    /// <summary>
    /// The nanoFramework projects are old-style and do not glob: a .cs file missing from their lists
    /// builds on the host and silently vanishes from the device. These tests catch that.
    /// </summary>
    [TestClass]
    public sealed class ProjectFileTests
    {
        [TestMethod]
        public void Every_core_source_file_is_listed_in_the_shared_projitems()
        {
            string core = RepositoryPaths.Combine("ChargerAgent", "Core");
            AssertListed(Path.Combine(core, "ChargerAgent.Core.projitems"), core, SourceFiles(core));
        }

        [TestMethod]
        public void Every_portable_test_file_is_listed_in_the_test_nfproj()
        {
            string tests = RepositoryPaths.Combine("ChargerAgent.Tests");
            string[] portable = SourceFiles(tests).Where(f => !f.StartsWith("Host" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
            Assert.IsTrue(portable.Length > 0);
            AssertListed(Path.Combine(tests, "ChargerAgent.Tests.nfproj"), tests, portable);
        }

        [TestMethod]
        public void Every_firmware_source_file_is_listed_in_the_firmware_nfproj()
        {
            string firmware = RepositoryPaths.Combine("ChargerAgent");
            string[] own = SourceFiles(firmware)
                .Where(f => f == "Program.cs" || f.StartsWith("Esp32" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToArray();
            Assert.IsTrue(own.Contains("Program.cs"));
            AssertListed(Path.Combine(firmware, "ChargerAgent.nfproj"), firmware, own);
        }

        [TestMethod]
        public void The_firmware_and_test_nfprojs_import_the_shared_core()
        {
            foreach (string project in new[] { "ChargerAgent/ChargerAgent.nfproj", "ChargerAgent.Tests/ChargerAgent.Tests.nfproj" })
            {
                string text = File.ReadAllText(RepositoryPaths.Combine(project.Split('/')));
                StringAssert.Contains(text, "ChargerAgent.Core.projitems", project);
            }
        }

        private static string[] SourceFiles(string directory) =>
            Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();

        private static void AssertListed(string projectFile, string baseDirectory, string[] files)
        {
            XDocument project = XDocument.Load(projectFile);
            var listed = project.Descendants().Where(e => e.Name.LocalName == "Compile")
                .Select(e => (string)e.Attribute("Include"))
                .Where(i => i != null)
                .Select(i => i.Replace("$(MSBuildThisFileDirectory)", string.Empty).Replace('\\', Path.DirectorySeparatorChar))
                .ToHashSet(StringComparer.Ordinal);
            string[] missing = files.Where(f => !listed.Contains(f)).ToArray();
            Assert.AreEqual(0, missing.Length,
                $"{Path.GetFileName(projectFile)} does not list: {string.Join(", ", missing)} (old-style projects do not glob; add a <Compile Include=...> line)");

            string[] stale = listed.Where(l => l.EndsWith(".cs", StringComparison.Ordinal) && !l.StartsWith("..", StringComparison.Ordinal)
                && !File.Exists(Path.Combine(baseDirectory, l))).ToArray();
            Assert.AreEqual(0, stale.Length, $"{Path.GetFileName(projectFile)} lists files that do not exist: {string.Join(", ", stale)}");
        }
    }
}
