using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Layout
{
    /// <summary>
    /// Every C# file's namespace is its folder's path from the repository root, dots for slashes
    /// (<c>ChargerAgent/Core/Metering/S0</c> is <c>ChargerAgent.Core.Metering.S0</c>), so a type is
    /// found from its namespace alone. Two exceptions: the bridge's stand-ins for nanoFramework's
    /// own API declare that API's namespace (see docs/CODE-SHARING.md), and pe-budget's calibration
    /// corpus keeps the namespace it was measured with (the metadata processor's figures for it
    /// count its names).
    /// </summary>
    [TestClass]
    public sealed class NamespaceTests
    {
        private const string Bridge = "ChargerAgent.Tests/Host/Bridge/";
        private const string CalibrationCorpus = "ChargerAgent/PeBudget/Calibration/Corpus.cs";
        private static readonly HashSet<string> SkippedFolders = new HashSet<string> { ".git", "bin", "obj", "artifacts", "TestResults", "node_modules", ".vs" };

        [TestMethod]
        public void Every_source_file_declares_the_namespace_of_its_folder()
        {
            var problems = new List<string>();
            int files = 0;
            foreach (string path in SourceFiles(RepositoryPaths.Root))
            {
                string relative = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
                problems.AddRange(Problems(relative, File.ReadAllText(path)));
                files++;
            }

            Assert.IsTrue(files > 100, "found only " + files + " .cs files under " + RepositoryPaths.Root);
            Assert.AreEqual(0, problems.Count, problems.Count + " file(s) break the rule:\n" + string.Join("\n", problems));
        }

        [TestMethod]
        public void A_file_in_another_namespace_than_its_folder_is_named_with_the_namespace_it_should_have()
        {
            List<string> problems = Problems("ChargerAgent/Core/Http/HttpRequest.cs", "namespace ChargerAgent.Core.Upload { class HttpRequest { } }");
            CollectionAssert.AreEqual(new[] { "ChargerAgent/Core/Http/HttpRequest.cs: namespace ChargerAgent.Core.Upload, should be ChargerAgent.Core.Http" }, problems);
        }

        [TestMethod]
        public void File_scoped_nested_and_missing_namespaces_are_checked_too()
        {
            Assert.AreEqual(0, Problems("ChargerAgent/Host/Run/A.cs", "namespace ChargerAgent.Host.Run;\nclass A { }").Count);
            Assert.AreEqual(0, Problems("ChargerAgent/Host/Run/A.cs", "namespace ChargerAgent.Host { namespace Run { class A { } } }").Count);
            Assert.AreEqual(1, Problems("ChargerAgent/Host/Run/A.cs", "namespace ChargerAgent.Host { class A { } }").Count);
            Assert.AreEqual(1, Problems("ChargerAgent/Host/Run/A.cs", "class A { }").Count);
        }

        [TestMethod]
        public void Only_the_bridge_may_declare_nanoFramework_namespaces()
        {
            Assert.AreEqual(0, Problems(Bridge + "Assert.cs", "namespace nanoFramework.TestFramework { class Assert { } }").Count);
            Assert.AreEqual(1, Problems("ChargerAgent.Tests/Host/Storage/Assert.cs", "namespace nanoFramework.TestFramework { class Assert { } }").Count);
        }

        [TestMethod]
        public void Only_the_calibration_corpus_keeps_its_measured_namespace()
        {
            Assert.AreEqual(0, Problems(CalibrationCorpus, "namespace Calibration { class A { } }").Count);
            Assert.AreEqual(1, Problems("ChargerAgent/PeBudget/Calibration/Other.cs", "namespace Calibration { class A { } }").Count);
        }

        /// <summary>What is wrong with one file's namespaces, one line each, empty when it follows the rule.</summary>
        private static List<string> Problems(string relativePath, string source)
        {
            string expected = string.Join(".", Path.GetDirectoryName(relativePath).Replace('\\', '/').Split('/'));
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source).GetRoot();
            var declared = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
                .Where(n => !n.ChildNodes().OfType<BaseNamespaceDeclarationSyntax>().Any())
                .Select(FullName).ToList();
            if (declared.Count == 0)
                return new List<string> { relativePath + ": declares no namespace, should be " + expected };
            return declared
                .Where(n => n != expected && !(relativePath.StartsWith(Bridge) && n.StartsWith("nanoFramework.")))
                .Where(n => !(relativePath == CalibrationCorpus && n == "Calibration"))
                .Select(n => relativePath + ": namespace " + n + ", should be " + expected)
                .ToList();
        }

        private static string FullName(BaseNamespaceDeclarationSyntax declaration)
        {
            return string.Join(".", declaration.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()));
        }

        private static IEnumerable<string> SourceFiles(string folder)
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs"))
                yield return file;
            foreach (string sub in Directory.EnumerateDirectories(folder))
            {
                if (SkippedFolders.Contains(Path.GetFileName(sub))) continue;
                foreach (string file in SourceFiles(sub))
                    yield return file;
            }
        }
    }
}
