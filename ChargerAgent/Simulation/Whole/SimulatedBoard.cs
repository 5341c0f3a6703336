using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Flash;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The board every simulated agent runs on: a simulated clock and a simulated LittleFS flash with
/// the one power-cut model (<see cref="FakeFlash"/>: the power goes during a chosen durable
/// operation, unflushed data is torn, and every call fails until the board is powered on again).
/// The whole-agent simulation, the agent's property tests and the power-cut tests all boot their
/// agent on it.
/// </summary>
public sealed class SimulatedBoard
{
    /// <summary>A board whose true time starts at <paramref name="startUnixSeconds"/>, its flash seeded with <paramref name="flashSeed"/>.</summary>
    public SimulatedBoard(long startUnixSeconds, int flashSeed)
    {
        Clock = new SimulatedClock(startUnixSeconds);
        Flash = new FakeFlash(flashSeed);
    }

    /// <summary>The board's clock.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>The board's flash.</summary>
    public FakeFlash Flash { get; }

    /// <summary>True while a power cut is armed and has not happened yet.</summary>
    public bool CutArmed => Flash.CutAfterOperations != null && !Flash.IsCut;

    /// <summary>
    /// Powers the board on, after a cut or a clean reboot: the monotonic clock restarts, the wall
    /// clock is unknown until the next sync, the flash shows only its durable content and no cut is armed.
    /// </summary>
    public void PowerOn()
    {
        Clock.Reboot();
        Flash.PowerOn();
    }

    /// <summary>Arms a power cut during the <paramref name="operation"/>-th durable flash operation from now (1: the next one).</summary>
    public void CutAt(int operation) => Flash.CutAfterOperations = Flash.Counters.Operations + operation - 1;

    /// <summary>Disarms a cut that has not happened.</summary>
    public void Disarm() => Flash.CutAfterOperations = null;
}
