using System;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Simulation.Meters;

/// <summary>
/// The raw register of a simulated Modbus meter, before any plausibility check: it can return one
/// wild reading (a glitch) and can be replaced by a meter whose register starts elsewhere. It
/// announces nothing itself: telling a glitch from a replacement is the plausibility filter's job.
/// </summary>
public sealed class SimulatedRegisterMeter : IEnergySource
{
    /// <summary>How far a glitch reading is off, Wh.</summary>
    public const long GlitchWh = 10_000_000;

    private readonly SimulatedMeter meter;
    private readonly IClock clock;
    private long offsetWh;
    private bool glitchArmed;

    /// <summary>Reads the register of <paramref name="meter"/>, stamping each read with <paramref name="clock"/>'s monotonic time (as a real meter source does).</summary>
    public SimulatedRegisterMeter(SimulatedMeter meter, IClock clock)
    {
        this.meter = meter ?? throw new ArgumentNullException(nameof(meter));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The register value now, Wh.</summary>
    public long RegisterWh => meter.TrueWh + offsetWh;

    /// <inheritdoc />
    public bool CountSurvivesReboot => true;

    /// <inheritdoc />
    public int MaxReadMilliseconds => 0;

    /// <summary>The next read returns a wild value, once.</summary>
    public void Glitch() => glitchArmed = true;

    /// <summary>The meter is swapped for one whose register reads <paramref name="newReadingWh"/> now.</summary>
    public void Replace(long newReadingWh) => offsetWh = newReadingWh - meter.TrueWh;

    /// <inheritdoc />
    public void Read(ref EnergyReading reading)
    {
        reading.Event = MeterEvent.None;
        reading.TakenAtMs = clock.MonotonicMilliseconds;
        if (meter.Failing)
        {
            reading.Health = MeterHealth.NoAnswer;
            reading.Reason = "simulated meter does not answer";
            return;
        }

        reading.Health = MeterHealth.Ok;
        reading.Reason = null;
        reading.TotalWh = RegisterWh + (glitchArmed ? GlitchWh : 0);
        glitchArmed = false;
        reading.PowerW = meter.PowerW;
        reading.HasPower = true;
    }
}
