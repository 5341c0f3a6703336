namespace ChargerAgent.Simulation.Faults;

/// <summary>How hard a simulated run is.</summary>
public enum FaultLevel
{
    /// <summary>No faults: the clean run that must lose nothing.</summary>
    None,

    /// <summary>A few faults a day: short outages, the odd reboot.</summary>
    Mild,

    /// <summary>Everything, often: day-long outages, storms, power cuts at random writes, clock jumps, meter trouble.</summary>
    Harsh,
}
