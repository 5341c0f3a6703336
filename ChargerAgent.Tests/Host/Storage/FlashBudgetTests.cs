using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Upload.Devices;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>The byte budgets of SPEC.md section 8 against the constants that enforce them.</summary>
    [TestClass]
    public class FlashBudgetTests
    {
        private const int Block = 4096;
        private const int InlineLimit = 512;

        /// <summary>
        /// Blocks littlefs's own metadata (superblock, directory pairs, the inline files) took with every
        /// file at its budget, measured on littlefs 2.11.2 (SPEC.md 8): 37 blocks in use, less the 23
        /// ring segments and the 4 small files' blocks.
        /// </summary>
        private const int MeasuredMetadataBlocks = 10;

        private static readonly Dictionary<string, long> Budgets = new Dictionary<string, long>
        {
            ["upload-costs.bin"] = CostStore.MaxFileBytes,
            ["upload-side.bin"] = SideRecords.MaxFileBytes,
            ["sessions.txt"] = SessionIdFile.MaxFileBytes,
            ["epochs.bin"] = BootEpochLog.MaxFileBytes,
            ["config.txt"] = ConfigText.MaxFileBytes,
            ["device.txt"] = DeviceIdFile.MaxBytes,
            ["reboot.txt"] = 2,
            ["cpa.bin"] = CheckpointCodec.Size,
            ["cda.bin"] = CheckpointDelta.MaxSize,
        };

        [TestMethod]
        public void Every_file_the_agent_names_has_a_row_in_the_spec_budget_table_with_its_constant()
        {
            Dictionary<string, string> rows = SpecRows();
            foreach (string name in FileNamesInCore())
            {
                Assert.IsTrue(rows.Keys.Any(k => k.Contains("`" + name + "`")), name + " has no row in SPEC.md section 8");
            }

            foreach (var budget in Budgets)
            {
                string row = rows.Keys.Single(k => k.Contains("`" + budget.Key + "`"));
                long figure = long.Parse(Regex.Match(rows[row], @"^[\d,]+").Value.Replace(",", ""));
                Assert.AreEqual(budget.Value, figure, budget.Key + ": SPEC.md says " + rows[row]);
                string blocks = row.Split('|')[3].Trim();
                string expected = budget.Value <= InlineLimit ? "inline" : ((budget.Value + Block - 1) / Block).ToString();
                Assert.AreEqual(expected, blocks, budget.Key + ": blocks");
            }

            Assert.AreEqual(RingOptions.DefaultTotalBytes / 1024 + " KB", rows[rows.Keys.Single(k => k.Contains("ring"))]);
        }

        [TestMethod]
        public void The_append_logs_budgets_are_their_entries_and_stay_within_one_block_or_inline()
        {
            Assert.AreEqual((1 + CostStore.MaxFileEntries - 1) * CostStore.EntrySize, CostStore.MaxFileBytes);
            Assert.IsTrue(CostStore.MaxFileBytes <= InlineLimit, "the cost store stays inline: an append never copies a block");
            Assert.AreEqual((1 + SideRecords.MaxCapacity + SideRecords.SlackEntries) * SideRecords.EntrySize, SideRecords.MaxFileBytes);
            Assert.AreEqual((1 + SessionIdFile.CompactAtEntries) * SessionIdFile.EntryBytes, SessionIdFile.MaxFileBytes);
            Assert.AreEqual((1 + BootEpochLog.CompactAtEntries) * BootEpochLog.EntryBytes, BootEpochLog.MaxFileBytes);
            foreach (long bytes in new long[] { SideRecords.MaxFileBytes, SessionIdFile.MaxFileBytes, BootEpochLog.MaxFileBytes })
            {
                Assert.IsTrue(bytes <= Block, bytes + " bytes take more than one block");
            }

            Assert.IsTrue((1 + SessionIdFile.KeptEntries) * SessionIdFile.EntryBytes <= SessionIdFile.MaxFileBytes, "a compaction of every id kept fits the budget");
            Assert.IsTrue((1 + BootEpochLog.KeptEntries) * BootEpochLog.EntryBytes <= BootEpochLog.MaxFileBytes, "a compaction of every epoch kept fits the budget");
        }

        [TestMethod]
        public void Every_file_at_its_budget_with_the_ring_fits_the_160_KB_the_agent_may_use()
        {
            long smallBlocks = Budgets.Values.Sum(Blocks);
            long largestRewrite = Budgets.Values.Max(Blocks);
            // the ring full (one segment kept free) and one write in flight: a rewrite or a coalesced segment
            int ringBlocks = RingOptions.DefaultTotalBytes / SegmentFormat.DefaultSegmentBytes - 1;
            long inFlight = Math.Max(largestRewrite, 1);
            long peak = ringBlocks + smallBlocks + inFlight + MeasuredMetadataBlocks;
            Assert.AreEqual(38L, peak, "the peak measured on littlefs (SPEC.md 8)");
            Assert.IsTrue(peak * Block <= RingOptions.AgentBytes(RingOptions.DefaultPartitionBytes), peak + " blocks at the peak");
            Assert.IsTrue((smallBlocks + inFlight + MeasuredMetadataBlocks) * Block <= RingOptions.SideFilesBytes,
                "RingOptions.SideFilesBytes holds the files besides the ring at the peak");
            Assert.IsTrue(RingOptions.DefaultTotalBytes + RingOptions.SideFilesBytes <= RingOptions.AgentBytes(RingOptions.DefaultPartitionBytes));
            Assert.AreEqual(160 * 1024, RingOptions.AgentBytes(256 * 1024));
        }

        [TestMethod]
        public void The_trace_measured_on_littlefs_writes_every_file_at_its_budget()
        {
            string[] lines = File.ReadAllLines(FlashModelFitTests.TracePath("budget-peak.trace"));
            var written = new Dictionary<string, long>();
            var segments = new Dictionary<string, long>();
            string openRewrite = null;
            long openRewriteBytes = 0;
            foreach (string line in lines.Where(l => l.StartsWith("A ", StringComparison.Ordinal) || l.StartsWith("W ", StringComparison.Ordinal) || l.StartsWith("F ", StringComparison.Ordinal)))
            {
                string[] f = line.Split(' ');
                if (SegmentFormat.TryParseName(f[1], out _, out _))
                {
                    if (f[0] != "F") segments[f[1]] = segments.GetValueOrDefault(f[1]) + long.Parse(f[2]);
                    continue;
                }

                if (f[0] == "F")
                {
                    openRewrite = null;
                    continue;
                }

                if (written.ContainsKey(f[1]))
                {
                    openRewrite = f[1];
                    openRewriteBytes = long.Parse(f[2]);
                    continue;
                }

                written[f[1]] = long.Parse(f[2]);
            }

            Assert.AreEqual(RingOptions.DefaultTotalBytes / SegmentFormat.DefaultSegmentBytes - 1, segments.Count, "a full ring: every segment but the one kept free");
            Assert.IsTrue(segments.Values.All(b => b <= SegmentFormat.DefaultSegmentBytes && b > SegmentFormat.DefaultSegmentBytes - 20));
            foreach (var budget in Budgets)
            {
                Assert.IsTrue(written.ContainsKey(budget.Key), budget.Key + " is not in the trace");
                Assert.AreEqual(budget.Value, written[budget.Key], budget.Key);
            }

            Assert.AreEqual(SessionIdFile.FileName, openRewrite, "the rewrite in flight");
            Assert.AreEqual((long)(1 + SessionIdFile.KeptEntries) * SessionIdFile.EntryBytes, openRewriteBytes, "a rewrite of every id kept");
        }

        private static long Blocks(long bytes) => bytes <= InlineLimit ? 0 : (bytes + Block - 1) / Block;

        /// <summary>The rows of the table in SPEC.md section 8: the row's first cell, its "Largest" cell.</summary>
        private static Dictionary<string, string> SpecRows()
        {
            string spec = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent", "Core", "Storage", "SPEC.md"));
            int from = spec.IndexOf("## 8. Byte budgets", StringComparison.Ordinal);
            int to = spec.IndexOf("## 9.", from, StringComparison.Ordinal);
            Assert.IsTrue(from >= 0 && to > from, "SPEC.md has no section 8");
            var rows = new Dictionary<string, string>();
            foreach (string line in spec.Substring(from, to - from).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
            {
                string[] cells = line.Split('|');
                rows[line] = cells[2].Trim();
            }

            return rows;
        }

        /// <summary>The names of the files the core writes: its public constant file names.</summary>
        private static IEnumerable<string> FileNamesInCore()
        {
            return typeof(CostStore).Assembly.GetTypes()
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name == "FileName" || f.Name.StartsWith("DefaultSlot", StringComparison.Ordinal) || f.Name.StartsWith("DefaultDelta", StringComparison.Ordinal)))
                .Select(f => (string)f.GetRawConstantValue())
                .Distinct();
        }
    }
}
