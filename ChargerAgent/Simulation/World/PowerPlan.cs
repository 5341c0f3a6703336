using ChargerAgent.Simulation.Flash;

namespace ChargerAgent.Simulation.World;

/// <summary>
/// When the power goes, counted in durable storage operations: armed with N, the Nth operation
/// from now cuts the power, either before it takes effect or just after (so the cases
/// "appended but not checkpointed" and "checkpoint written, nothing after" both occur).
/// </summary>
public sealed class PowerPlan
{
    private int remaining = -1;
    private bool afterOperation;

    /// <summary>Durable operations done so far.</summary>
    public long Operations { get; private set; }

    /// <summary>Power cuts that happened.</summary>
    public int Cuts { get; private set; }

    /// <summary>Arms a cut at the <paramref name="operations"/>th operation from now.</summary>
    public void Arm(int operations, bool afterTheOperation)
    {
        remaining = operations;
        afterOperation = afterTheOperation;
    }

    /// <summary>Disarms any cut.</summary>
    public void Disarm() => remaining = -1;

    /// <summary>Called by storage before an operation; throws when the power goes before it.</summary>
    public bool Before(string what)
    {
        Operations++;
        if (remaining < 0) return false;
        remaining--;
        if (remaining > 0) return false;
        remaining = -1;
        Cuts++;
        if (!afterOperation) throw new PowerCutException("before " + what);
        return true;
    }

    /// <summary>Called by storage after an operation when <see cref="Before"/> returned true.</summary>
    public static void After(bool cut, string what)
    {
        if (cut) throw new PowerCutException("after " + what);
    }
}
