using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Tests.Fakes;
using ChargerAgent.Tests.Modbus;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class ModbusEnergySourceTests
    {
        private static ModbusEnergySource NewSource(FakeClock clock, FakeSerialLine line, MeterProfile profile)
        {
            ModbusMasterOptions options = new ModbusMasterOptions();
            options.Retries = 1;
            return new ModbusEnergySource(new ModbusRtuMaster(line, clock, options), profile, 1, clock);
        }

        [TestMethod]
        public void An_SDM120_reading_gives_exact_Wh_power_and_resolution()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 2400);
            line.Reply(Frames.ReadResponse(1, 4, 0x4640, 0xE6B6)); // 12345.678 kWh
            line.Reply(Frames.ReadResponse(1, 4, 0x4366, 0x8000)); // 230.5 W
            ModbusEnergySource source = NewSource(clock, line, MeterProfiles.Sdm120);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);

            Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health);
            Assert.AreEqual(12345678L, reading.TotalWh);
            Assert.IsTrue(reading.HasPower);
            Assert.AreEqual(231, reading.PowerW);
            Assert.AreEqual(977L, source.ResolutionMilliWh);
            Assert.IsTrue(source.CountSurvivesReboot);
            Assert.IsTrue(reading.TakenAtMs > 0 && reading.TakenAtMs < clock.Now, "taken when the energy register answered, before the power read");
        }

        [TestMethod]
        public void An_ABB_B23_reading_gives_exact_Wh_and_signed_power()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 19200);
            line.Reply(Frames.ReadResponse(1, 3, 0, 0, 0x000D, 0x1290));
            line.Reply(Frames.ReadResponse(1, 3, 0x000B, 0x3F64)); // 737124 × 0.01 W = 7371.24 W
            ModbusEnergySource source = NewSource(clock, line, MeterProfiles.AbbB23);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);

            Assert.AreEqual(8567200L, reading.TotalWh);
            Assert.AreEqual(7371, reading.PowerW);
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x03, 0x50, 0x00, 0x00, 0x04, 0x55, 0x09 }, line.Request(0));
        }

        [TestMethod]
        public void A_missing_power_register_leaves_a_good_energy_reading_without_power()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Frames.ReadResponse(1, 4, 0x4640, 0xE6B6));
            line.Reply(Frames.Exception(1, 4, 2));
            EnergyReading reading = new EnergyReading();
            NewSource(clock, line, MeterProfiles.Sdm630).Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.Ok, (byte)reading.Health);
            Assert.IsFalse(reading.HasPower);
        }

        [TestMethod]
        public void An_exception_is_bad_data_with_its_reason()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Frames.Exception(1, 4, 2));
            ModbusEnergySource source = NewSource(clock, line, MeterProfiles.Sdm72);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)reading.Health);
            Assert.AreEqual("illegal data address", reading.Reason);
            Assert.StartsWith("illegal data address 0x0048", source.LastResult.Describe());
        }

        [TestMethod]
        public void Silence_is_no_answer()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            ModbusEnergySource source = NewSource(clock, line, MeterProfiles.Sdm230);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);
            Assert.AreEqual((byte)MeterHealth.NoAnswer, (byte)reading.Health);
            Assert.IsTrue(clock.Now <= source.MaxReadMilliseconds);
        }

        [TestMethod]
        public void A_negative_or_NaN_register_is_bad_data()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Frames.ReadResponse(1, 4, 0xBF80, 0x0000));
            line.Reply(Frames.ReadResponse(1, 4, 0x7FC0, 0x0000));
            ModbusEnergySource source = NewSource(clock, line, MeterProfiles.Sdm120);
            EnergyReading reading = new EnergyReading();
            source.Read(ref reading);
            Assert.AreEqual(ModbusEnergySource.NegativeEnergy, reading.Reason);
            source.Read(ref reading);
            Assert.AreEqual(RegisterValue.NotANumber, reading.Reason);
            Assert.AreEqual((byte)MeterHealth.BadData, (byte)reading.Health);
        }
    }
}
