namespace ChargerAgent.Simulation.Flash;

/// <summary>Thrown by <see cref="FakeFlash"/> when its scripted power cut happens (and on every call after it until <see cref="FakeFlash.PowerOn"/>).</summary>
public sealed class PowerCutException : System.IO.IOException
{
    /// <summary>Creates the exception for the operation that was cut.</summary>
    public PowerCutException(long operation) : base("power cut at flash operation " + operation)
    {
        Operation = operation;
    }

    /// <summary>The 1-based operation during which power was lost.</summary>
    public long Operation { get; }
}
