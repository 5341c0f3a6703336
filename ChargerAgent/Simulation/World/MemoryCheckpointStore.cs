using ChargerAgent.Core.Storage;

namespace ChargerAgent.Simulation.World;

/// <summary>An in-memory checkpoint store that survives simulated reboots; a save is atomic.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly Checkpoint saved = new();
    private readonly PowerPlan power;
    private bool has;

    /// <summary>Creates an empty store.</summary>
    public MemoryCheckpointStore(PowerPlan power = null) => this.power = power;

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
        bool cut = power != null && power.Before("checkpoint");
        saved.CopyFrom(checkpoint);
        has = true;
        SaveCount++;
        PowerPlan.After(cut, "checkpoint");
    }
}
