using ChargerAgent.Core.Metering;

namespace ChargerAgent.Simulation.Meters;

/// <summary>
/// A simulated meter that knows the true energy: the world sets the power and advances time; the
/// meter integrates in milliwatt-hours. The register kind reports its cumulative register (which
/// survives reboots); the pulse kind reports 1 Wh pulses counted since the agent's boot.
/// </summary>
public sealed class SimulatedMeter : IEnergySource
{
    private long countStartWh;
    private long registerOffsetWh;
    private bool announceBaseline;

    /// <summary>Creates a meter; <paramref name="register"/> picks the kind.</summary>
    public SimulatedMeter(bool register, long initialWh)
    {
        IsRegister = register;
        TrueMilliWh = initialWh * 1000;
        countStartWh = initialWh;
    }

    /// <summary>True for a register meter (Modbus), false for a pulse meter (S0, 1 Wh per pulse).</summary>
    public bool IsRegister { get; }

    /// <summary>True energy through the meter, mWh.</summary>
    public long TrueMilliWh { get; private set; }

    /// <summary>True energy in whole Wh (what a perfect register shows).</summary>
    public long TrueWh => TrueMilliWh / 1000;

    /// <summary>Present power, W.</summary>
    public int PowerW { get; set; }

    /// <summary>When true, reads fail with <see cref="MeterHealth.NoAnswer"/>.</summary>
    public bool Failing { get; set; }

    /// <inheritdoc />
    public bool CountSurvivesReboot => IsRegister;

    /// <inheritdoc />
    public int MaxReadMilliseconds => 0;

    /// <summary>Energy flows for <paramref name="milliseconds"/> at <see cref="PowerW"/>.</summary>
    public void Advance(long milliseconds) => TrueMilliWh += PowerW * milliseconds / 3600;

    /// <summary>The agent's board rebooted: a pulse count restarts at 0.</summary>
    public void AgentRebooted()
    {
        if (!IsRegister) countStartWh = TrueWh;
    }

    /// <summary>The register meter is swapped for one that reads <paramref name="newReadingWh"/> now.</summary>
    public void Replace(long newReadingWh)
    {
        registerOffsetWh = newReadingWh - TrueWh;
        announceBaseline = true;
    }

    /// <inheritdoc />
    public void Read(ref EnergyReading reading)
    {
        reading.Event = MeterEvent.None;
        if (Failing)
        {
            reading.Health = MeterHealth.NoAnswer;
            reading.Reason = "simulated meter does not answer";
            return;
        }

        reading.Health = MeterHealth.Ok;
        reading.Reason = null;
        reading.TotalWh = IsRegister ? TrueWh + registerOffsetWh : TrueWh - countStartWh;
        reading.PowerW = PowerW;
        reading.HasPower = true;
        if (announceBaseline)
        {
            reading.Event = MeterEvent.NewBaseline;
            announceBaseline = false;
        }
    }
}
