using ChargerAgent.Core;
using ChargerAgent.Host.Simulate;
using ChargerAgent.Simulation.Meters;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The demo's charger: a simulated SDM630 register meter and drivers plugging in a few times a day
/// (the simulator's timetable), on the accelerated clock. The charge controller's signal starts and
/// stops the sessions, as it would on a board.
/// </summary>
internal sealed class DemoCharger
{
    private readonly AcceleratedClock clock;
    private readonly SimulatedMeter meter = new(register: true, initialWh: 1_000_000);
    private readonly ChargingDriver driver;
    private long lastMs;
    private bool charging;

    public DemoCharger(AcceleratedClock clock)
    {
        this.clock = clock;
        driver = new ChargingDriver(seed: 7, untilSeconds: 365L * 86400, firstSessionSeconds: 120);
        Register = new SimulatedRegisterMeter(meter);
    }

    /// <summary>The meter's register, as the agent reads it.</summary>
    public SimulatedRegisterMeter Register { get; }

    /// <summary>Lets the simulated time since the last call pass, and drives the session signal.</summary>
    public void Advance(Agent agent)
    {
        long now = clock.MonotonicMilliseconds;
        bool wantCharging = driver.Charging(now / 1000, out int powerW);
        meter.PowerW = powerW;
        meter.Advance(now - lastMs);
        lastMs = now;
        if (wantCharging != charging)
        {
            charging = wantCharging;
            agent.SetSessionSignal(charging);
        }
    }
}
