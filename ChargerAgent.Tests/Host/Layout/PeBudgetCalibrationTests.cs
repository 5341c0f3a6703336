using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using ChargerAgent.PeBudget;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Layout
{
    /// <summary>
    /// pe-budget against nanoFramework's metadata processor: the calibration corpus
    /// (ChargerAgent/PeBudget/Calibration/Corpus.cs: enums, structs, interfaces, nested types,
    /// attributes with every kind of argument, array initializers, by-reference parameters, more than
    /// 32 types so tokens take two bytes) compiled as pe-budget compiles a project, each table against
    /// the size the processor wrote for that same assembly (Calibration/corpus-figures.txt).
    /// </summary>
    [TestClass]
    public sealed class PeBudgetCalibrationTests
    {
        private static readonly string CoreLibrary = typeof(NanoCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "NanoCoreLibrary").Value;

        private static readonly string Calibration = RepositoryPaths.Combine("ChargerAgent", "PeBudget", "Calibration");

        /// <summary>
        /// Strings depend on which names nanoCLR knows by number; pe-budget derives that set from the
        /// CoreLibrary package and misses a few, which weigh more in the small corpus than in a real
        /// assembly (0.4 % at most there).
        /// </summary>
        private static readonly Dictionary<string, double> Tolerance = new Dictionary<string, double> { ["strings"] = 2.0 };

        [TestMethod]
        [DataRow("Debug")]
        [DataRow("Release")]
        public void Every_table_of_the_calibration_corpus_is_within_1_percent_of_the_metadata_processor(string configuration)
        {
            Dictionary<string, int> expected = Figures(configuration);
            Dictionary<string, int> measured = Measure(configuration);

            var misses = new List<string>();
            foreach ((string table, int figure) in expected)
            {
                Assert.IsTrue(measured.ContainsKey(table), "pe-budget no longer reports " + table);
                double off = figure == 0 ? (measured[table] == 0 ? 0 : 100) : 100.0 * (measured[table] - figure) / figure;
                double allowed = Tolerance.TryGetValue(table, out double t) ? t : 1.0;
                if (Math.Abs(off) > allowed) misses.Add(string.Format(CultureInfo.InvariantCulture, "{0}: pe-budget {1}, metadata processor {2} ({3:+0.00;-0.00} %, allowed {4} %)", table, measured[table], figure, off, allowed));
            }

            Assert.AreEqual(0, misses.Count, configuration + ":\n" + string.Join("\n", misses));
        }

        [TestMethod]
        public void Byte_code_and_rows_of_the_corpus_match_the_metadata_processor_exactly()
        {
            foreach (string configuration in new[] { "Debug", "Release" })
            {
                Dictionary<string, int> expected = Figures(configuration);
                Dictionary<string, int> measured = Measure(configuration);
                foreach ((string table, int figure) in expected.Where(e => e.Key != "strings" && e.Key != "signatures"))
                {
                    Assert.AreEqual(figure, measured[table], configuration + " " + table);
                }
            }
        }

        private static Dictionary<string, int> Measure(string configuration)
        {
            var parse = NanoCompiler.ParseOptions("9.0", configuration);
            string mscorlib = Path.Combine(CoreLibrary, "mscorlib.dll");
            NanoCompiler.Result result = NanoCompiler.Compile("Calibration", false, NanoCompiler.Parse(new[] { Path.Combine(Calibration, "Corpus.cs") }, parse),
                new[] { MetadataReference.CreateFromFile(mscorlib) }, configuration);
            Assert.IsNotNull(result.Reference, string.Join("\n", result.Errors));
            HashSet<string> wellKnown = WellKnownStrings.FromCoreLibrary(mscorlib, Path.Combine(CoreLibrary, "mscorlib.pe"), new string[0]);
            return PeTables.Measure(result.Image, wellKnown).Tables.ToDictionary(t => t.Table, t => t.Used);
        }

        private static Dictionary<string, int> Figures(string configuration)
        {
            var figures = new Dictionary<string, int>();
            foreach (string line in File.ReadLines(Path.Combine(Calibration, "corpus-figures.txt")))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                string[] parts = line.Split('\t');
                if (parts[0] == configuration) figures[parts[1]] = int.Parse(parts[2], CultureInfo.InvariantCulture);
            }

            Assert.AreEqual(11, figures.Count, "corpus-figures.txt holds every table for " + configuration);
            return figures;
        }
    }
}
