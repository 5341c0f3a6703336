using System;
using System.Collections.Generic;
using System.IO;

namespace ChargerAgent.Guard
{
    /// <summary>
    /// The allow-list of what nanoFramework's libraries provide (nanoframework-api.txt, generated
    /// from their source): <c>T Namespace.Type</c> and <c>M Namespace.Type.Member</c> lines.
    /// </summary>
    public sealed class NanoFrameworkApi
    {
        private readonly HashSet<string> types = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> members = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The list embedded in the analyzer.</summary>
        public static readonly NanoFrameworkApi Embedded = LoadEmbedded();

        /// <summary>Number of types listed.</summary>
        public int TypeCount => types.Count;

        /// <summary>Parses the list's text.</summary>
        public static NanoFrameworkApi Parse(TextReader reader)
        {
            var api = new NanoFrameworkApi();
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                line = line.Trim();
                if (line.Length < 3 || line[0] == '#') continue;
                if (line.StartsWith("T ", StringComparison.Ordinal)) api.types.Add(line.Substring(2));
                else if (line.StartsWith("M ", StringComparison.Ordinal)) api.members.Add(line.Substring(2));
            }

            return api;
        }

        /// <summary>True when nanoFramework has the type (full metadata name, nested types as Outer+Inner).</summary>
        public bool HasType(string fullName) => types.Contains(fullName);

        /// <summary>True when nanoFramework's type declares a member of that name (.ctor for constructors).</summary>
        public bool HasMember(string typeFullName, string memberName) => members.Contains(typeFullName + "." + memberName);

        private static NanoFrameworkApi LoadEmbedded()
        {
            using (Stream stream = typeof(NanoFrameworkApi).Assembly.GetManifestResourceStream("nanoframework-api.txt"))
            {
                if (stream == null) return new NanoFrameworkApi();
                using (var reader = new StreamReader(stream))
                {
                    return Parse(reader);
                }
            }
        }
    }
}
