using BenchmarkDotNet.Attributes;
using ChargerAgent.Core;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Meters;

namespace ChargerAgent.Benchmarks;

/// <summary>
/// One agent tick that finishes no record: read the meter, advance time, check the interval and
/// the session, fill the status. Goal: 0 B allocated. The clock stands still so no half-hour ends
/// however many ticks the benchmark runs; the register meter gains energy every tick.
/// </summary>
[MemoryDiagnoser]
public class AgentBenchmarks
{
    private SimulatedClock clock;
    private SimulatedMeter meter;
    private Agent agent;

    [GlobalSetup]
    public void Setup()
    {
        clock = new SimulatedClock(1709157600 + 60);
        clock.Sync();
        meter = new SimulatedMeter(register: true, initialWh: 1000) { PowerW = 7400 };
        var options = new AgentOptions { DeviceId = "bench" };
        agent = new Agent(options, clock, meter, new MemoryRecordRing(1), new MemoryCheckpointStore(), new PreallocatedStore());
        agent.Tick();
        agent.StartSession(null, out _);
        agent.Tick();
    }

    [Benchmark]
    public void TickWithoutRecord()
    {
        meter.Advance(1000);
        agent.Tick();
    }
}
