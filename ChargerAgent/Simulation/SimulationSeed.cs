namespace ChargerAgent.Simulation;

/// <summary>Seeds for the simulated world: one seed gives one reproducible run.</summary>
public static class SimulationSeed
{
    /// <summary>Derives an independent sub-seed for one part of a run (meter, faults, network…).</summary>
    public static int Derive(int seed, int part) => unchecked((int)((uint)seed * 2654435761u ^ (uint)part * 40503u));
}
