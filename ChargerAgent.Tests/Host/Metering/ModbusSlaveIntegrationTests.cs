using System;
using System.IO;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Host.Commands;
using ChargerAgent.Host.Serial;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>The Modbus master and read-meter against pymodbus over a socat pty pair.</summary>
    [TestClass]
    public sealed class ModbusSlaveIntegrationTests
    {
        private const int Baud = ModbusSlaveFixture.Baud;
        private const int TimeoutMs = ModbusSlaveFixture.TimeoutMs;
        private const int UnmappedAddress = 7;
        private const int SilentAddress = 9;

        private static ModbusSlaveFixture slave;

        // One slave address per profile, seeded with the profile's registers (values from Python struct.pack('>f')).
        private static readonly ProfileCase[] Cases =
        {
            new ProfileCase("sdm120", 1, 12345678, 231, "1:input:0x48=0x4640,0xE6B6", "1:input:0x0C=0x4366,0x8000"), // 12345.678 kWh, 230.5 W
            new ProfileCase("sdm230", 2, 63, 1235, "2:input:0x48=0x3D80,0x0000", "2:input:0x0C=0x449A,0x5000"), // 0.0625 kWh, 1234.5 W
            new ProfileCase("sdm630", 3, 100000000, 22080, "3:input:0x48=0x47C3,0x5000", "3:input:0x34=0x46AC,0x8000"), // 100000 kWh, 22080 W
            new ProfileCase("sdm72", 4, 1001, -1, "4:input:0x48=0x3F80,0x2000", "4:input:0x34=0xBF80,0x0000"), // 1.0009765625 kWh, -1 W
            new ProfileCase("abb-b21", 5, 8567200, 7371, "5:holding:0x5000=0,0,0x000D,0x1290", "5:holding:0x5B14=0x000B,0x3F64"), // 8567.20 kWh, 7371.24 W
            new ProfileCase("abb-b23", 6, 42949672960, -1500, "6:holding:0x5000=0,1,0,0", "6:holding:0x5B14=0xFFFD,0xB610"), // 2^32 × 0.01 kWh, -1500.00 W
        };

        [ClassInitialize]
        public static void StartSlave(TestContext context)
        {
            var specs = new System.Collections.Generic.List<string>();
            foreach (ProfileCase c in Cases)
            {
                specs.Add(c.EnergyRegisters);
                specs.Add(c.PowerRegisters);
            }

            specs.Add(UnmappedAddress + ":input:0x1000=0"); // a slave that has none of the energy registers
            slave = new ModbusSlaveFixture(specs.ToArray());
        }

        [ClassCleanup]
        public static void StopSlave()
        {
            slave?.Dispose();
            slave = null;
        }

        [TestMethod]
        public void Every_profile_reads_back_to_the_exact_Wh_and_power()
        {
            using (var line = slave.OpenLine())
            {
                var clock = new StopwatchClock();
                var master = new ModbusRtuMaster(line, clock, ModbusSlaveFixture.MasterOptions());
                foreach (ProfileCase c in Cases)
                {
                    Assert.IsTrue(MeterProfiles.TryFind(c.Profile, out MeterProfile profile), c.Profile);
                    var source = new ModbusEnergySource(master, profile, (byte)c.Address, clock);
                    var reading = new EnergyReading();
                    source.Read(ref reading);
                    Assert.AreEqual(MeterHealth.Ok, reading.Health, c.Profile + ": " + source.LastResult.Describe());
                    Assert.AreEqual(c.Wh, reading.TotalWh, c.Profile);
                    Assert.IsTrue(reading.HasPower, c.Profile);
                    Assert.AreEqual(c.PowerW, reading.PowerW, c.Profile);
                }
            }
        }

        [TestMethod]
        public void A_register_the_meter_lacks_comes_back_as_illegal_data_address()
        {
            using (var line = slave.OpenLine())
            {
                var clock = new StopwatchClock();
                var source = new ModbusEnergySource(new ModbusRtuMaster(line, clock, ModbusSlaveFixture.MasterOptions()), MeterProfiles.Sdm120, UnmappedAddress, clock);
                var reading = new EnergyReading();
                source.Read(ref reading);
                Assert.AreEqual(MeterHealth.BadData, reading.Health);
                Assert.AreEqual(ModbusError.ExceptionResponse, source.LastResult.Error);
                Assert.AreEqual((byte)2, source.LastResult.ExceptionCode);
                StringAssert.StartsWith(source.LastResult.Describe(), "illegal data address 0x0048");
            }
        }

        [TestMethod]
        public void A_function_the_register_map_does_not_serve_is_an_exception_too()
        {
            // ABB registers asked with function 04 instead of 03: pymodbus has no input register 0x5000.
            using (var line = slave.OpenLine())
            {
                var master = new ModbusRtuMaster(line, new StopwatchClock(), ModbusSlaveFixture.MasterOptions());
                var result = default(ModbusResult);
                Assert.IsFalse(master.TryReadRegisters(5, ModbusLimits.ReadInputRegisters, 0x5000, 4, new ushort[4], ref result));
                Assert.AreEqual(ModbusError.ExceptionResponse, result.Error);
                Assert.AreEqual((byte)2, result.ExceptionCode);
            }
        }

        [TestMethod]
        public void A_wrong_address_meets_silence_and_read_meter_exits_with_no_answer()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm120", Baud, "none", SilentAddress, 100, false), output, error);
            Assert.AreEqual(ReadMeterCommand.ExitNoAnswer, exit);
            StringAssert.Contains(error.ToString(), "no answer");
            StringAssert.Contains(error.ToString(), "3 attempt(s)");
        }

        [TestMethod]
        public void Read_meter_prints_Wh_and_power_as_text_and_json()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.AreEqual(ReadMeterCommand.ExitOk,
                ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm120", Baud, "none", 1, TimeoutMs, false), output, error), error.ToString());
            StringAssert.Contains(output.ToString(), "import: 12345678 Wh");
            StringAssert.Contains(output.ToString(), "power: 231 W");

            output = new StringWriter();
            Assert.AreEqual(ReadMeterCommand.ExitOk,
                ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "abb-b21", Baud, "none", 5, TimeoutMs, true), output, error), error.ToString());
            StringAssert.Contains(output.ToString(), "\"import_wh\":8567200");
            StringAssert.Contains(output.ToString(), "\"power_w\":7371");
        }

        [TestMethod]
        public void Read_meter_reports_an_exception_code_with_its_own_exit_code()
        {
            var output = new StringWriter();
            int exit = ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm630", Baud, "none", UnmappedAddress, TimeoutMs, true), output, new StringWriter());
            Assert.AreEqual(ReadMeterCommand.ExitException, exit);
            StringAssert.Contains(output.ToString(), "\"exception_code\":2");
            StringAssert.Contains(output.ToString(), "illegal data address 0x0048");
        }

        [TestMethod]
        public void Read_meter_refuses_a_missing_port_and_an_unknown_profile()
        {
            var error = new StringWriter();
            Assert.AreEqual(ReadMeterCommand.ExitPort,
                ReadMeterCommand.Run(new ReadMeterRequest("/nonexistent/tty", "sdm120", Baud, "none", 1, 100, false), new StringWriter(), error));
            Assert.AreEqual(ReadMeterCommand.ExitUsage,
                ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm999", Baud, "none", 1, 100, false), new StringWriter(), error));
            Assert.AreEqual(ReadMeterCommand.ExitUsage,
                ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm120", Baud, "mark", 1, 100, false), new StringWriter(), error));
        }

        private sealed class ProfileCase
        {
            public ProfileCase(string profile, int address, long wh, int powerW, string energyRegisters, string powerRegisters)
            {
                Profile = profile;
                Address = address;
                Wh = wh;
                PowerW = powerW;
                EnergyRegisters = energyRegisters;
                PowerRegisters = powerRegisters;
            }

            public string Profile { get; }

            public int Address { get; }

            public long Wh { get; }

            public int PowerW { get; }

            public string EnergyRegisters { get; }

            public string PowerRegisters { get; }
        }
    }
}
