using System;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class S0EnergySourceTests
    {
        private static readonly PowerLimit SinglePhase32A = new PowerLimit(230, 32, 1);

        [TestMethod]
        public void Three_pulses_then_one_more_at_2000_per_kWh_make_exactly_2_Wh()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, 2000, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();

            clock.Advance(10000);
            counter.Count = 3;
            source.Read(ref reading);
            Assert.AreEqual(1L, reading.TotalWh); // 1.5 Wh: 1 whole, 0.5 carried
            Assert.AreEqual(1000L, source.Remainder);

            clock.Advance(10000);
            counter.Count = 4;
            source.Read(ref reading);
            Assert.AreEqual(2L, reading.TotalWh);
            Assert.AreEqual(0L, source.Remainder);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health);
            Assert.IsFalse(source.CountSurvivesReboot);
        }

        [DataRow(100)]
        [DataRow(800)]
        [DataRow(1000)]
        [DataRow(2000)]
        [DataRow(10000)]
        [DataRow(3)]
        [DataRow(7919)]
        public void One_pulse_at_a_time_adds_up_to_pulses_times_1000_over_the_constant(int impulsesPerKwh)
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, impulsesPerKwh, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();
            long pulses = 3 * (long)impulsesPerKwh + 7;
            for (long i = 1; i <= pulses; i++)
            {
                clock.Advance(1000);
                counter.Count = i;
                source.Read(ref reading);
                Assert.AreEqual(i * 1000 / impulsesPerKwh, reading.TotalWh);
            }
        }

        [TestMethod]
        public void Random_pulse_trains_sum_exactly_with_the_remainder_carried()
        {
            int[] seeds = new int[] { 1, 7, 42, 1234, 99991, 271828 };
            for (int s = 0; s < seeds.Length; s++)
            {
                int seed = seeds[s];
                Random random = new Random(seed);
                int constant = 1 + random.Next(20000);
                FakeClock clock = new FakeClock();
                FakePulseCounter counter = new FakePulseCounter();
                S0EnergySource source = new S0EnergySource(counter, clock, constant, SinglePhase32A, 0);
                EnergyReading reading = new EnergyReading();
                long truePulses = 0;
                long lastTotal = 0;
                for (int step = 0; step < 2000; step++)
                {
                    long elapsed = 50 + random.Next(10000);
                    clock.Advance(elapsed);
                    long max = SinglePhase32A.MaxPowerW * elapsed * constant / 3600000000L;
                    long add = max <= 0 ? 0 : random.Next((int)max + 1);
                    if (random.Next(100) == 0 && add < counter.Count)
                    {
                        counter.Count = add; // the counter restarted at 0 and counted `add` since
                    }
                    else
                    {
                        counter.Count += add;
                    }

                    truePulses += add;
                    source.Read(ref reading);
                    bool exact = reading.Health == MeterHealth.Ok && reading.TotalWh >= lastTotal
                        && reading.TotalWh == truePulses * 1000 / constant && source.Remainder == truePulses * 1000 % constant;
                    if (!exact)
                    {
                        // The message (and its allocation) only on failure: the loop runs on the device too.
                        string context = "seed " + seed.ToString() + " step " + step.ToString() + " constant " + constant.ToString();
                        Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health, context);
                        Assert.IsTrue(reading.TotalWh >= lastTotal, "total went down: " + context);
                        Assert.AreEqual(truePulses * 1000 / constant, reading.TotalWh, context);
                        Assert.AreEqual(truePulses * 1000 % constant, source.Remainder, context);
                    }

                    lastTotal = reading.TotalWh;
                }
            }
        }

        [TestMethod]
        public void A_counter_restart_never_makes_a_negative_delta_or_a_jump()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();
            clock.Advance(60000);
            counter.Count = 100;
            source.Read(ref reading);
            Assert.AreEqual(100L, reading.TotalWh);

            clock.Advance(60000);
            counter.Count = 5; // restarted: 5 pulses since
            source.Read(ref reading);
            Assert.AreEqual(105L, reading.TotalWh);
            Assert.AreEqual(1L, source.CounterRestarts);

            clock.Advance(60000);
            counter.Count = 0; // restarted and nothing since
            source.Read(ref reading);
            Assert.AreEqual(105L, reading.TotalWh);
        }

        [TestMethod]
        public void A_16_bit_counter_wrap_counts_the_pulses_across_it()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 65536);
            EnergyReading reading = new EnergyReading();
            source.Restore(0, 0);
            clock.Advance(3600000L * 10);
            counter.Count = 65530;
            source.Read(ref reading);
            Assert.AreEqual(65530L, reading.TotalWh);
            clock.Advance(10000);
            counter.Count = 4; // 6 to the wrap, 4 after
            source.Read(ref reading);
            Assert.AreEqual(65540L, reading.TotalWh);
        }

        [TestMethod]
        public void Pulses_faster_than_maximum_power_are_noise_and_not_billed()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();
            clock.Advance(1000);
            counter.Count = 1;
            source.Read(ref reading);
            Assert.AreEqual(1L, reading.TotalWh);

            clock.Advance(1000); // 7360 W allows ~2 pulses a second at 1000/kWh
            counter.Count = 501;
            source.Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)reading.Health);
            Assert.AreEqual(S0EnergySource.PulseNoise, reading.Reason);
            Assert.AreEqual(1L, reading.TotalWh);
            Assert.AreEqual(500L, source.NoisePulses);

            clock.Advance(1000);
            counter.Count = 502;
            source.Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health);
            Assert.AreEqual(2L, reading.TotalWh);
        }

        [TestMethod]
        public void Power_is_derived_from_the_pulse_rate()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();
            clock.Advance(60000);
            counter.Count = 100; // 100 Wh in a minute = 6000 W
            source.Read(ref reading);
            Assert.IsTrue(reading.HasPower);
            Assert.AreEqual(6000, reading.PowerW);
        }

        [TestMethod]
        public void An_unreadable_counter_is_no_answer()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            counter.Broken = true;
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 0);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.NoAnswer, (byte)reading.Health);
            Assert.AreEqual(S0EnergySource.CounterUnreadable, reading.Reason);
        }

        [TestMethod]
        public void Bad_settings_are_refused_up_front()
        {
            FakeClock clock = new FakeClock();
            FakePulseCounter counter = new FakePulseCounter();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new S0EnergySource(counter, clock, 0, SinglePhase32A, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new S0EnergySource(counter, clock, -5, SinglePhase32A, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new S0EnergySource(null, clock, 1000, SinglePhase32A, 0));
            S0EnergySource source = new S0EnergySource(counter, clock, 1000, SinglePhase32A, 0);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => source.Restore(0, 1000));
        }
    }
}
