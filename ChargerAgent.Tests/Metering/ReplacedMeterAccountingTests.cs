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
            FakeClock clock = TrustedClock();
            FakeEnergySource meter = new FakeEnergySource();
            RecordingStatus status = new RecordingStatus();
            ChargerAgent.Core.Agent agent = AgentOn(clock, meter, status);

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
            Assert.AreEqual(RecordingStatus.CauseMeterRebase, status.UnaccountedCause);
        }

        [TestMethod]
        public void A_meter_swapped_between_two_reads_at_the_10_s_poll_loses_less_than_the_unaccounted_bound_it_counts()
        {
            FakeClock clock = TrustedClock();
            FakeEnergySource meter = new FakeEnergySource();
            RecordingStatus status = new RecordingStatus();
            ChargerAgent.Core.Agent agent = AgentOn(clock, meter, status);

            // 7.2 kW: 2 Wh a second, read every 10 s. The old meter is swapped 4 s after a read (its last 8 Wh
            // never read), the new one starts at 0 and has 12 Wh at the next read.
            long usedWh = 0;
            long oldWh = 80000;
            for (int i = 0; i < 3; i++) Poll(agent, clock, meter, oldWh += 20, 10);
            Assert.IsTrue(agent.IsRecovered);
            ulong meteredAtStart = agent.State.MeteredWh;
            for (int i = 0; i < 30; i++)
            {
                oldWh += 20;
                usedWh += 20;
                Poll(agent, clock, meter, oldWh, 10);
            }

            long newWh = 12;
            usedWh += 20;
            Poll(agent, clock, meter, newWh, 10);
            for (int i = 0; i < 30; i++)
            {
                newWh += 20;
                usedWh += 20;
                Poll(agent, clock, meter, newWh, 10);
            }

            long lostWh = usedWh - (long)(agent.State.MeteredWh - meteredAtStart);
            Assert.AreEqual(0u, agent.State.Violations);
            Assert.AreEqual(1u, status.MeterRebases);
            Assert.AreEqual(20L, lostWh);
            // The 10 s between the old meter's last read and the new one's first, at 22080 W: 61.3 Wh, bounded up to 62.
            Assert.AreEqual(62UL, status.UnaccountedWhBound);
            Assert.IsTrue(lostWh <= (long)status.UnaccountedWhBound);
            Assert.AreEqual(RecordingStatus.CauseMeterRebase, status.UnaccountedCause);
            Assert.AreEqual((long)agent.State.MeteredWh, (long)agent.State.RecordedWh + agent.OpenIntervalWh);
        }

        private static void Poll(ChargerAgent.Core.Agent agent, FakeClock clock, FakeEnergySource meter, long wh, int seconds)
        {
            clock.Monotonic += seconds * 1000L;
            clock.Utc += seconds;
            meter.NextWh = wh;
            meter.NextMs = clock.Monotonic;
            agent.Tick();
        }

        private static void Tick(ChargerAgent.Core.Agent agent, FakeClock clock, FakeEnergySource meter, long wh)
        {
            clock.Monotonic += 1000;
            clock.Utc++;
            meter.NextWh = wh;
            meter.NextMs = clock.Monotonic;
            agent.Tick();
        }

        private static FakeClock TrustedClock()
        {
            FakeClock clock = new FakeClock();
            clock.Utc = 1780000000;
            clock.Trusted = true;
            return clock;
        }

        /// <summary>An agent reading <paramref name="meter"/> through the plausibility filter of a 32 A three-phase charger.</summary>
        private static ChargerAgent.Core.Agent AgentOn(FakeClock clock, FakeEnergySource meter, RecordingStatus status)
        {
            PlausibilityFilter filter = new PlausibilityFilter(meter, new PlausibilityOptions(new PowerLimit(230, 32, 3)));
            AgentOptions options = new AgentOptions();
            options.DeviceId = "test-1";
            return new ChargerAgent.Core.Agent(options, clock, filter, new FakeRecordRing(), new FakeCheckpointStore(), new FakeFileStore(), status);
        }
    }
}
