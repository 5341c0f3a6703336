using ChargerAgent.Core.Metering;

namespace ChargerAgent.Simulation.Meters;

/// <summary>
/// The S0 output of a simulated meter as a hardware pulse counter sees it: whole impulses of the
/// true energy since counting started, restarting at 0 when the board reboots (as the ESP32's
/// PCNT count does).
/// </summary>
public sealed class SimulatedPulseCounter : IPulseCounter
{
    private readonly SimulatedMeter meter;
    private readonly int impulsesPerKwh;
    private long startPulses;
    private long noisePulses;

    /// <summary>Counts the impulses of <paramref name="meter"/> at <paramref name="impulsesPerKwh"/>.</summary>
    public SimulatedPulseCounter(SimulatedMeter meter, int impulsesPerKwh)
    {
        this.meter = meter;
        this.impulsesPerKwh = impulsesPerKwh;
        Restart();
    }

    /// <summary>Every impulse the meter has emitted since it was made.</summary>
    public long TruePulses => meter.TrueMilliWh * impulsesPerKwh / 1_000_000;

    /// <summary>The board rebooted: counting restarts at 0.</summary>
    public void Restart()
    {
        startPulses = TruePulses;
        noisePulses = 0;
    }

    /// <summary>Electrical noise on the S0 line: <paramref name="pulses"/> counts that are no energy.</summary>
    public void AddNoise(long pulses) => noisePulses += pulses;

    /// <summary>While true, the counter cannot be read (the hardware still counts).</summary>
    public bool Failing { get; set; }

    /// <inheritdoc />
    public bool TryRead(out long count)
    {
        count = TruePulses - startPulses + noisePulses;
        if (Failing) return false;
        return true;
    }
}
