using System;
using System.Collections.Generic;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Watchdog;
using ChargerAgent.Simulation.Report;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The byte budget of every file on the simulated flash, as Core/Storage/SPEC.md §8 writes them
/// (each from the code constant that bounds it), watched at every change of a file's length, so
/// a peak in the middle of a rewrite counts too. A file with no budget is a violation.
/// </summary>
public sealed class FileBudgets
{
    /// <summary>The name the ring's segment files are reported under.</summary>
    public const string Ring = "ring";

    private readonly Dictionary<string, long> budgets;
    private readonly Dictionary<string, long> largest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> current = new(StringComparer.Ordinal);
    private readonly long totalBudget;
    private long ringBytes, totalBytes, largestTotal;

    /// <summary>The budgets for a ring of <paramref name="ring"/>'s size and <paramref name="sideRecords"/> side records.</summary>
    public FileBudgets(RingOptions ring, int sideRecords)
    {
        budgets = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [Ring] = ring.TotalBytes,
            ["cpa.bin"] = CheckpointCodec.Size,
            ["cpb.bin"] = CheckpointCodec.Size,
            ["cda.bin"] = CheckpointDelta.MaxSize,
            ["cdb.bin"] = CheckpointDelta.MaxSize,
            [CostStore.FileName] = CostStore.MaxFileBytes,
            // SPEC.md §8: compacted past 4 × (side records + 8) entries of 36 bytes.
            [SideRecords.FileName] = 4L * (sideRecords + 8) * 36,
            [SessionIdFile.FileName] = SessionIdFile.MaxFileBytes,
            [BootEpochLog.FileName] = (long)BootEpochLog.CompactAtEntries * BootEpochLog.EntryBytes,
            [ConfigStore.FileName] = ConfigText.MaxFileBytes,
            [RebootNote.FileName] = 2,
        };
        totalBudget = RingOptions.AgentBytes(ring.PartitionBytes);
    }

    /// <summary>Hears of a change of a file's length (wire to <see cref="Flash.FakeFlash.LengthChanged"/>).</summary>
    public void Changed(string name, long before, long after)
    {
        totalBytes += after - before;
        largestTotal = Math.Max(largestTotal, totalBytes);
        string kind = name;
        if (SegmentFormat.TryParseName(name, out _, out _))
        {
            ringBytes += after - before;
            kind = Ring;
            after = ringBytes;
        }

        current[kind] = after;
        if (!largest.TryGetValue(kind, out long seen) || after > seen) largest[kind] = after;
    }

    /// <summary>Writes the largest sizes into <paramref name="report"/> and a violation for every budget exceeded.</summary>
    public void Report(SimulationReport report)
    {
        report.LargestFlashBytes = largestTotal;
        foreach (var pair in largest)
        {
            report.LargestFileBytes[pair.Key] = pair.Value;
            if (!budgets.TryGetValue(pair.Key, out long budget))
            {
                report.Violations.Add($"{pair.Key} has no byte budget in Core/Storage/SPEC.md (reached {pair.Value} bytes)");
            }
            else if (pair.Value > budget)
            {
                report.Violations.Add($"{pair.Key} reached {pair.Value} bytes, above its budget of {budget}");
            }
        }

        if (largestTotal > totalBudget) report.Violations.Add($"the files on flash reached {largestTotal} bytes, above the {totalBudget} bytes the agent may use");
    }
}
