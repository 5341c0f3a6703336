using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>The table of flash figures in docs/STORAGE.md is the one this test prints: real littlefs beside the model, per committed trace.</summary>
    [TestClass]
    public class FlashFiguresTests
    {
        private const string Begin = "<!-- flash-figures:begin -->";
        private const string End = "<!-- flash-figures:end -->";

        [TestMethod]
        public void The_storage_page_shows_the_flash_figures_this_test_prints()
        {
            var table = new List<string> { "| Trace | Figure | littlefs v2.11.2 | model |", "| --- | --- | ---: | ---: |" };
            foreach (var real in FlashModelFitTests.RealFigures)
            {
                var model = FlashModelFitTests.Replay(real.Trace);
                table.Add($"| `{real.Trace}` ({model.Days:F0} days) | blocks erased | {N(real.Erases)} | {N(model.Erases)} |");
                table.Add($"| | bytes programmed | {N(real.Bytes)} | {N(model.BytesProgrammed)} |");
                table.Add($"| | erases of the most-worn block | {N(real.MostWorn)} | {N(model.MostWornErases)} |");
            }

            foreach (string line in table) System.Console.WriteLine(line);
            string readme = File.ReadAllText(RepositoryPaths.Combine("docs", "STORAGE.md")).Replace("\r\n", "\n");
            int from = readme.IndexOf(Begin, System.StringComparison.Ordinal);
            int to = readme.IndexOf(End, System.StringComparison.Ordinal);
            Assert.IsTrue(from >= 0 && to > from, "docs/STORAGE.md has no " + Begin + " … " + End + " block");
            string shown = readme.Substring(from + Begin.Length, to - from - Begin.Length).Trim('\n');
            Assert.AreEqual(string.Join("\n", table), shown, "docs/STORAGE.md's flash figures differ from what the code prints: paste the printed table between the markers");
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
