using ChargerAgent.Core;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Core.Status;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class ReplacedMeterAccountingTests
    {
        [TestMethod]
        public void A_meter_replaced_while_charging_loses_only_what_no_read_saw_and_counts_it_as_unaccounted()
        {
            FakeClock clock = new FakeClock();
            clock.Utc = 1780000000;
            clock.Trusted = true;
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = new PlausibilityFilter(meter, new PlausibilityOptions(new PowerLimit(230, 32, 3)));
            AgentOptions options = new AgentOptions();
            options.DeviceId = "test-1";
            AgentStatus status = new AgentStatus();
            ChargerAgent.Core.Agent agent = new ChargerAgent.Core.Agent(options, clock, filter, new FakeRecordRing(), new FakeCheckpointStore(), new FakeFileStore(), status);

            long wh = 50000;
            for (int s = 0; s < 60; s++) Tick(agent, clock, meter, wh += 2);
            ulong meteredBefore = agent.State.MeteredWh;

            // The new meter reads 200 Wh and keeps counting 2 Wh a second; the old one's last 2 Wh were never read.
            wh = 200;
            for (int s = 0; s < 10; s++) Tick(agent, clock, meter, wh += 2);

            Assert.AreEqual(0u, agent.State.Violations);
            Assert.AreEqual(1u, status.MeterRebases);
            // Confirming reads 202, 204, 206: their 4 Wh are billed, and every read after them.
            Assert.AreEqual(meteredBefore + 4 + 7 * 2, agent.State.MeteredWh);
            Assert.AreEqual((long)agent.State.MeteredWh, (long)agent.State.RecordedWh + agent.OpenIntervalWh);
            // One second unseen at 22080 W: 6.13 Wh, bounded up to 7.
            Assert.AreEqual(7UL, agent.State.UnaccountedWhBound);
            Assert.AreEqual(7UL, status.UnaccountedWhBound);
            Assert.AreEqual(AgentStatus.CauseMeterRebase, status.UnaccountedCause);
        }

        private static void Tick(ChargerAgent.Core.Agent agent, FakeClock clock, FakeEnergySource meter, long wh)
        {
            clock.Monotonic += 1000;
            clock.Utc++;
            meter.NextWh = wh;
            meter.NextMs = clock.Monotonic;
            agent.Tick();
        }
    }
}
