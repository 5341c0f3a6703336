using System;
using ChargerAgent.Core;
using CoreAgent = ChargerAgent.Core.Agent;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Meters;
using ChargerAgent.Tests.Fakes;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Agent
{
    /// <summary>The tick's hot path allocates nothing when it finishes no record.</summary>
    [TestClass]
    public class AgentAllocationTests
    {
        [TestMethod]
        public void Ticks_that_finish_no_record_allocate_nothing()
        {
            foreach (bool register in new[] { true, false })
            {
                var clock = new SimulatedClock(1709157600);
                clock.Sync();
                var meter = new SimulatedMeter(register, 1000) { PowerW = 5 };
                var agent = new CoreAgent(new AgentOptions { DeviceId = "alloc" }, clock, meter, new FakeRecordRing(1), new FakeCheckpointStore(), new FakeFileStore());
                agent.Tick();
                agent.StartSession(null, out _);
                agent.Tick();
                for (int i = 0; i < 100; i++) Step(clock, meter, agent);
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++) Step(clock, meter, agent);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.AreEqual(0L, allocated, (register ? "register" : "pulse") + " meter: bytes allocated by 1000 ticks");
            }
        }

        private static void Step(SimulatedClock clock, SimulatedMeter meter, CoreAgent agent)
        {
            clock.Advance(1000);
            meter.Advance(1000);
            agent.Tick();
        }
    }
}
