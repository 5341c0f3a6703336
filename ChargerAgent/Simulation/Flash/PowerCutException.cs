namespace ChargerAgent.Simulation.Flash;

/// <summary>Thrown by <see cref="FakeFlash"/> when its scripted power cut happens (and on every call after it until <see cref="FakeFlash.PowerOn"/>).</summary>
public sealed class PowerCutException : System.IO.IOException
{
    /// <summary>Creates the exception for the operation that was cut.</summary>
    public PowerCutException(long operation) : base("power cut at flash operation " + operation)
    {
        Operation = operation;
    }

    /// <summary>Creates the exception for a cut named by where it happened (simulated storage other than the flash).</summary>
    public PowerCutException(string where) : base("power cut " + where)
    {
        Operation = -1;
    }

    /// <summary>The 1-based operation during which power was lost, or -1 when the cut was named by place.</summary>
    public long Operation { get; }
}
