using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ChargerAgent.Tests.Host
{
    /// <summary>Where the checkout is, for tests that read project files or build snippets.</summary>
    internal static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        private static string FindRoot()
        {
            string fromBuild = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            if (fromBuild != null && File.Exists(Path.Combine(fromBuild, "ChargerAgent.sln"))) return Path.GetFullPath(fromBuild);
            throw new InvalidOperationException("cannot find the checkout (ChargerAgent.sln) from " + fromBuild);
        }
    }
}
