using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class PlausibilityFilterTests
    {
        // 230 V × 32 A × 1 phase = 7360 W: at most 123 Wh a minute (+10 Wh tolerance).
        private static PlausibilityFilter NewFilter(FakeEnergySource meter, int confirmReads)
        {
            PlausibilityOptions options = new PlausibilityOptions(new PowerLimit(230, 32, 1));
            options.ConfirmReads = confirmReads;
            return new PlausibilityFilter(meter, options);
        }

        private static EnergyReading ReadAt(PlausibilityFilter filter, FakeEnergySource meter, long wh, long ms)
        {
            meter.NextWh = wh;
            meter.NextMs = ms;
            EnergyReading reading = new EnergyReading();
            filter.Read(ref reading);
            return reading;
        }

        [TestMethod]
        public void A_replaced_meter_bills_what_its_confirming_reads_saw_and_reports_the_unseen_time()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(50000, 0);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)ReadAt(filter, meter, 50100, 60000).Health);
            // Swapped while charging: the new meter reads 200 Wh, 20 s after the last good read of the old one.
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)ReadAt(filter, meter, 200, 80000).Event);
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)ReadAt(filter, meter, 240, 100000).Event);
            EnergyReading accepted = ReadAt(filter, meter, 280, 120000);
            Assert.AreEqual((byte)MeterEvent.NewBaseline, (byte)accepted.Event);
            Assert.AreEqual(80L, accepted.BaselineSeenWh, "seen by the confirming reads: 200 -> 280 Wh");
            Assert.AreEqual(20000L, accepted.BaselineUnseenMs, "from the last good read (60 s) to the first new one (80 s)");
            EnergyReading next = ReadAt(filter, meter, 300, 130000);
            Assert.AreEqual((byte)MeterEvent.None, (byte)next.Event);
            Assert.AreEqual(0L, next.BaselineSeenWh);
            Assert.AreEqual(0L, next.BaselineUnseenMs);
        }

        [TestMethod]
        public void A_rise_the_elapsed_time_explains_is_accepted_however_large()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(1000, 0);
            // 7360 W for an hour is 7360 Wh: a meter that was not read for an hour may rise that much at once.
            EnergyReading reading = ReadAt(filter, meter, 1000 + 7360, 3600000);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health);
            Assert.AreEqual((byte)MeterEvent.None, (byte)reading.Event);
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)ReadAt(filter, meter, 8360 + 200, 3601000).Event, "but not faster than that");
        }

        [TestMethod]
        public void Steady_readings_pass_through_untouched()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            for (int i = 0; i < 10; i++)
            {
                EnergyReading reading = ReadAt(filter, meter, 1000000 + 100 * i, 60000L * i);
                // The first reading after start is billed from once the next ones confirm it.
                Assert.AreEqual((byte)(i < 2 ? MeterHealth.BadData : MeterHealth.Ok), (byte)reading.Health);
                Assert.AreEqual((byte)MeterEvent.None, (byte)reading.Event);
            }
        }

        [TestMethod]
        public void A_reading_below_the_last_good_one_is_held_with_a_reason()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(5000, 0);
            EnergyReading reading = ReadAt(filter, meter, 4999, 60000);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)reading.Health);
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)reading.Event);
            Assert.AreEqual(PlausibilityFilter.BelowLastGood, reading.Reason);
            Assert.AreEqual(5000L, filter.LastGoodWh);
        }

        [TestMethod]
        public void A_jump_larger_than_maximum_power_allows_is_held_but_the_limit_itself_passes()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(5000, 0);
            EnergyReading ok = ReadAt(filter, meter, 5000 + 123 + 10, 60000);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)ok.Health);
            EnergyReading jump = ReadAt(filter, meter, 5133 + 3000000, 120000); // a 24-bit wrap's worth
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)jump.Event);
            Assert.AreEqual(PlausibilityFilter.JumpAboveMaxPower, jump.Reason);
        }

        [TestMethod]
        public void A_one_off_glitch_is_held_and_then_forgotten()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(5000, 0);
            ReadAt(filter, meter, 0, 60000);
            EnergyReading back = ReadAt(filter, meter, 5050, 120000);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)back.Health);
            Assert.AreEqual((byte)MeterEvent.None, (byte)back.Event);
            Assert.AreEqual(5050L, filter.LastGoodWh);
        }

        [TestMethod]
        public void A_replaced_meter_becomes_the_new_baseline_after_N_consistent_reads()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(9000000, 0);
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)ReadAt(filter, meter, 12, 60000).Event);
            Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)ReadAt(filter, meter, 20, 120000).Event);
            EnergyReading accepted = ReadAt(filter, meter, 30, 180000);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)accepted.Health);
            Assert.AreEqual((byte)MeterEvent.NewBaseline, (byte)accepted.Event);
            Assert.AreEqual(30L, filter.LastGoodWh);
            EnergyReading next = ReadAt(filter, meter, 40, 240000);
            Assert.AreEqual((byte)MeterEvent.None, (byte)next.Event);
        }

        [TestMethod]
        public void Inconsistent_implausible_readings_never_become_a_baseline()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 2);
            filter.SetBaseline(9000000, 0);
            long[] noise = new long[] { 5, 80000000, 7, 90000000, 3 };
            for (int i = 0; i < noise.Length; i++)
            {
                EnergyReading reading = ReadAt(filter, meter, noise[i], 60000L * (i + 1));
                Assert.AreEqual((byte)MeterEvent.ReadingHeld, (byte)reading.Event, "read " + i.ToString());
            }

            Assert.AreEqual(9000000L, filter.LastGoodWh);
        }

        [TestMethod]
        public void A_wild_first_reading_after_start_never_becomes_the_baseline()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            EnergyReading glitch = ReadAt(filter, meter, 10005000, 0);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)glitch.Health);
            Assert.AreEqual(PlausibilityFilter.ConfirmingFirst, glitch.Reason);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)ReadAt(filter, meter, 5000, 1000).Health);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)ReadAt(filter, meter, 5001, 2000).Health);
            EnergyReading confirmed = ReadAt(filter, meter, 5002, 3000);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)confirmed.Health);
            Assert.AreEqual(5002L, filter.LastGoodWh);
        }

        [TestMethod]
        public void Faults_of_the_wrapped_source_pass_through()
        {
            FakeEnergySource meter = new FakeEnergySource();
            PlausibilityFilter filter = NewFilter(meter, 3);
            filter.SetBaseline(5000, 0);
            meter.NextHealth = MeterHealth.NoAnswer;
            EnergyReading reading = ReadAt(filter, meter, 0, 60000);
            Assert.AreEqual((byte)MeterHealth.NoAnswer, (byte)reading.Health);
            Assert.AreEqual((byte)MeterEvent.None, (byte)reading.Event);
            Assert.AreEqual(5000L, filter.LastGoodWh);
        }

        [TestMethod]
        public void Maximum_power_is_voltage_times_current_times_phases()
        {
            Assert.AreEqual(7360L, new PowerLimit(230, 32, 1).MaxPowerW);
            Assert.AreEqual(22080L, new PowerLimit(230, 32, 3).MaxPowerW);
            Assert.AreEqual(123L, new PowerLimit(230, 32, 1).MaxWh(60000));
        }
    }
}
