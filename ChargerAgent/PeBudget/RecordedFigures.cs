using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// Table sizes written by nanoFramework's metadata processor for assemblies whose libraries do
    /// not restore here (the firmware), kept as data (metadata-processor-figures.txt): one line per
    /// table, <c>assembly configuration table bytes</c>, and a <c># source:</c> line naming the run.
    /// </summary>
    public sealed class RecordedFigures
    {
        /// <summary>File name, beside the tool's sources.</summary>
        public const string FileName = "metadata-processor-figures.txt";

        private static readonly (string Name, int Limit)[] Limits =
        {
            ("strings", 0xFFFF), ("byte code", 0xFFFF), ("signatures", 0xFFFF),
        };

        /// <summary>Where the figures come from.</summary>
        public string Source { get; private set; } = "the metadata processor";

        /// <summary>The figures, per assembly and configuration.</summary>
        public List<(string Name, string Configuration, IReadOnlyList<TableUsage> Tables)> Assemblies { get; } = new();

        /// <summary>Reads the file; a malformed line is an error naming it.</summary>
        public static RecordedFigures Load(string path)
        {
            var figures = new RecordedFigures();
            var tables = new Dictionary<(string, string), List<TableUsage>>();
            int number = 0;
            foreach (string raw in File.ReadLines(path))
            {
                number++;
                string line = raw.Trim();
                if (line.StartsWith("# source:", StringComparison.Ordinal)) figures.Source = line.Substring(9).Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                string[] parts = line.Split('\t');
                (string Name, int Limit) limit = Limits.FirstOrDefault(l => parts.Length == 4 && l.Name == parts[2]);
                if (limit.Name == null || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int bytes))
                {
                    throw new UsageException($"{Path.GetFileName(path)} line {number}: expected 'assembly<TAB>configuration<TAB>strings|byte code|signatures<TAB>bytes'");
                }

                var key = (parts[0], parts[1]);
                if (!tables.TryGetValue(key, out List<TableUsage> list))
                {
                    list = new List<TableUsage>();
                    tables[key] = list;
                    figures.Assemblies.Add((parts[0], parts[1], list));
                }

                list.Add(new TableUsage(limit.Name, bytes, limit.Limit, "bytes"));
            }

            return figures;
        }
    }
}
