using ChargerAgent.Core;
using ChargerAgent.Core.Time;
using ChargerAgent.Simulation.Meters;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The demo's charger: a simulated SDM630 register meter and drivers plugging in a few times a day
/// (the simulator's timetable), on the demo's accelerated clock. The charge controller's signal starts and
/// stops the sessions, as it would on a board.
/// </summary>
public sealed class DemoCharger
{
    private readonly IClock clock;
    private readonly SimulatedMeter meter = new(register: true, initialWh: 1_000_000);
    private readonly ChargingDriver driver;
    private readonly long initialWh;
    private long lastMs;
    private bool charging;
    private bool stopped;

    /// <summary>A charger whose sessions run on <paramref name="clock"/>'s monotonic time.</summary>
    public DemoCharger(IClock clock)
    {
        this.clock = clock;
        driver = new ChargingDriver(seed: 7, untilSeconds: 365L * 86400, firstSessionSeconds: 120);
        Register = new SimulatedRegisterMeter(meter, clock);
        initialWh = meter.TrueWh;
    }

    /// <summary>Energy that went through the meter since the demo started, Wh (what a perfect bill shows).</summary>
    public long MeteredWh => meter.TrueWh - initialWh;

    /// <summary>The meter's register, as the agent reads it.</summary>
    public SimulatedRegisterMeter Register { get; }

    /// <summary>Lets the simulated time since the last call pass, and drives the session signal.</summary>
    public void Advance(Agent agent)
    {
        long now = clock.MonotonicMilliseconds;
        if (stopped || !agent.IsRecovered)
        {
            // No car charges before the agent has its first reading (the demo's time already runs while the
            // local endpoint starts), nor after the demo ends.
            lastMs = now;
            return;
        }

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

    /// <summary>The demo ends: the car unplugs (its session stops), and no more energy flows.</summary>
    public void Stop(Agent agent)
    {
        Advance(agent);
        meter.PowerW = 0;
        stopped = true;
        if (charging)
        {
            charging = false;
            agent.SetSessionSignal(false);
        }
    }
}
