using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// What the budget needs of a nanoFramework project file (.nfproj): its assembly name, output
    /// kind, language version, the source files it compiles (its own Compile items and those of the
    /// shared projects it imports), the assemblies it references and the projects it references.
    /// </summary>
    public sealed class NfProject
    {
        private NfProject(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
        }

        /// <summary>Full path of the .nfproj.</summary>
        public string Path { get; }

        /// <summary>The project's file name without extension.</summary>
        public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

        /// <summary>AssemblyName property.</summary>
        public string AssemblyName { get; private set; }

        /// <summary>True for OutputType Exe.</summary>
        public bool IsExe { get; private set; }

        /// <summary>LangVersion property (9.0 when absent).</summary>
        public string LangVersion { get; private set; } = "9.0";

        /// <summary>Full paths of the compiled source files, in project order.</summary>
        public IReadOnlyList<string> Sources { get; private set; }

        /// <summary>Simple names of the referenced assemblies (Reference items).</summary>
        public IReadOnlyList<string> References { get; private set; }

        /// <summary>Full paths of the referenced projects (ProjectReference items).</summary>
        public IReadOnlyList<string> ProjectReferences { get; private set; }

        /// <summary>Reads a project file.</summary>
        public static NfProject Load(string path)
        {
            var project = new NfProject(path);
            string directory = System.IO.Path.GetDirectoryName(project.Path);
            XDocument document = XDocument.Load(project.Path);
            project.AssemblyName = Property(document, "AssemblyName") ?? project.Name;
            project.IsExe = string.Equals(Property(document, "OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);
            project.LangVersion = Property(document, "LangVersion") ?? project.LangVersion;

            var sources = new List<string>();
            sources.AddRange(Includes(document, "Compile", directory, directory));
            foreach (string import in Includes(document, "Import", directory, directory, "Project"))
            {
                if (!import.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase)) continue;
                XDocument shared = XDocument.Load(import);
                sources.AddRange(Includes(shared, "Compile", System.IO.Path.GetDirectoryName(import), directory));
            }

            project.Sources = sources;
            project.References = Elements(document, "Reference")
                .Select(e => ((string)e.Attribute("Include") ?? string.Empty).Split(',')[0].Trim())
                .Where(n => n.Length > 0)
                .ToArray();
            project.ProjectReferences = Includes(document, "ProjectReference", directory, directory).ToArray();
            return project;
        }

        private static IEnumerable<XElement> Elements(XDocument document, string name) =>
            document.Descendants().Where(e => e.Name.LocalName == name);

        private static string Property(XDocument document, string name) =>
            Elements(document, name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);

        private static IEnumerable<string> Includes(XDocument document, string item, string thisFileDirectory, string projectDirectory, string attribute = "Include")
        {
            foreach (XElement element in Elements(document, item))
            {
                string value = (string)element.Attribute(attribute);
                if (string.IsNullOrEmpty(value) || value.Contains("$(NanoFrameworkProjectSystemPath)", StringComparison.Ordinal)) continue;
                bool relativeToThisFile = value.Contains("$(MSBuildThisFileDirectory)", StringComparison.Ordinal);
                value = value.Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal)
                    .Replace("$(MSBuildProjectDirectory)\\", string.Empty, StringComparison.Ordinal)
                    .Replace('\\', System.IO.Path.DirectorySeparatorChar);
                string baseDirectory = relativeToThisFile || item == "Import" ? thisFileDirectory : projectDirectory;
                yield return System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, value));
            }
        }
    }
}
