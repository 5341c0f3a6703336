namespace ChargerAgent.Simulation.World;

/// <summary>Thrown by simulated storage where the power goes: the agent's stack unwinds as its board dies.</summary>
public sealed class PowerCutException : System.Exception
{
    /// <summary>Creates the exception.</summary>
    public PowerCutException(string where) : base("power cut " + where)
    {
    }
}
