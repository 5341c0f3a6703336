using ChargerAgent.Core.Storage;

namespace ChargerAgent.Benchmarks;

/// <summary>A checkpoint store in memory: a save copies the checkpoint and allocates nothing once warm.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly Checkpoint saved = new();
    private bool has;

    /// <inheritdoc />
    public long SaveCount { get; private set; }

    /// <inheritdoc />
    public bool TryLoad(Checkpoint into, out string problem)
    {
        problem = has ? null : "no checkpoint";
        if (has) into.CopyFrom(saved);
        return has;
    }

    /// <inheritdoc />
    public void Save(Checkpoint checkpoint)
    {
        saved.CopyFrom(checkpoint);
        has = true;
        SaveCount++;
    }
}
