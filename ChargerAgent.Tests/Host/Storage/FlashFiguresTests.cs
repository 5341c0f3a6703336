using System.Collections.Generic;
using System.Globalization;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>The table of flash figures in docs/STORAGE.md is the one this test prints: real littlefs beside the model, per committed trace.</summary>
    [TestClass]
    public class FlashFiguresTests
    {
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

            DocumentedTable.AssertShown("docs/STORAGE.md", "flash-figures", table, "flash figures");
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
