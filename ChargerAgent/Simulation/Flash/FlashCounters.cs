namespace ChargerAgent.Simulation.Flash;

/// <summary>What <see cref="FakeFlash"/> has done so far, by the LittleFS cost model.</summary>
public sealed class FlashCounters
{
    /// <summary>Operations (append, write, flush, delete): the power-cut points.</summary>
    public long Operations { get; internal set; }

    /// <summary>Bytes callers handed to Append and Write.</summary>
    public long BytesWritten { get; internal set; }

    /// <summary>Bytes programmed into flash, data and metadata, copies included.</summary>
    public long BytesProgrammed { get; internal set; }

    /// <summary>Blocks erased (data blocks and metadata compactions).</summary>
    public long BlocksErased { get; internal set; }

    /// <summary>Flush calls (file-system syncs).</summary>
    public long Syncs { get; internal set; }

    /// <summary>Metadata commits (syncs and deletes).</summary>
    public long MetadataCommits { get; internal set; }

    /// <summary>Metadata block compactions.</summary>
    public long Compactions { get; internal set; }

    /// <summary>A copy of the current values.</summary>
    public FlashCounters Snapshot() => (FlashCounters)MemberwiseClone();

    /// <summary>Resets every counter to zero.</summary>
    public void Reset()
    {
        Operations = BytesWritten = BytesProgrammed = BlocksErased = Syncs = MetadataCommits = Compactions = 0;
    }
}
