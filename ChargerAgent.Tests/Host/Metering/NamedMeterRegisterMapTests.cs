using System;
using System.Collections.Generic;
using System.IO;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Host.Commands;
using ChargerAgent.Host.Serial;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>
    /// Each named meter against the independent pymodbus slave, its registers taken from meter_register_maps.txt
    /// (written from the cited documents, not from MeterProfiles), and the bus scan finding a meter there.
    /// </summary>
    [TestClass]
    public sealed class NamedMeterRegisterMapTests
    {
        private static ModbusSlaveFixture slave;
        private static List<MapLine> maps;

        [ClassInitialize]
        public static void StartSlave(TestContext context)
        {
            maps = ReadMaps();
            var specs = new List<string> { "1:holding:0=0" };
            foreach (MapLine map in maps)
            {
                specs.Add(map.Address + ":" + map.Energy);
                if (map.Power != null) specs.Add(map.Address + ":" + map.Power);
            }

            slave = new ModbusSlaveFixture(specs.ToArray());
        }

        [ClassCleanup]
        public static void StopSlave()
        {
            slave?.Dispose();
            slave = null;
        }

        [TestMethod]
        public void Every_named_meter_reads_its_documented_registers_to_the_exact_Wh_and_W()
        {
            using var line = slave.OpenLine();
            var clock = new StopwatchClock();
            var master = new ModbusRtuMaster(line, clock, ModbusSlaveFixture.MasterOptions());
            foreach (MapLine map in maps)
            {
                Assert.IsTrue(MeterProfiles.TryFind(map.Profile, out MeterProfile profile), map.Profile + " is not a profile");
                var source = new ModbusEnergySource(master, profile, (byte)map.Address, clock);
                var reading = new EnergyReading();
                source.Read(ref reading);
                Assert.AreEqual(MeterHealth.Ok, reading.Health, map.Profile + ": " + source.LastResult.Describe());
                Assert.AreEqual(map.Wh, reading.TotalWh, map.Profile + " import Wh (" + map.Source + ")");
                Assert.AreEqual(map.W.HasValue, reading.HasPower, map.Profile + " power");
                if (map.W.HasValue) Assert.AreEqual(map.W.Value, reading.PowerW, map.Profile + " power W (" + map.Source + ")");
            }
        }

        [TestMethod]
        public void Every_named_meter_has_a_register_map_line_and_every_line_a_profile()
        {
            var mapped = new HashSet<string>();
            foreach (MapLine map in maps) mapped.Add(map.Profile);
            foreach (MeterProfile profile in MeterProfiles.All())
            {
                bool inOlderTests = profile.Name.StartsWith("sdm", StringComparison.Ordinal) || profile.Name.StartsWith("abb", StringComparison.Ordinal);
                Assert.IsTrue(inOlderTests || mapped.Contains(profile.Name), profile.Name + " has no line in meter_register_maps.txt");
            }

            foreach (string name in mapped) Assert.IsTrue(MeterProfiles.TryFind(name, out _), name);
        }

        [TestMethod]
        public void A_scan_finds_the_first_meter_with_its_settings()
        {
            var output = new StringWriter();
            int exit = ReadMeterCommand.Scan(new ScanRequest(slave.MasterPort, null, 1, 3, false, 500, true, false), output, new StringWriter());
            Assert.AreEqual(ReadMeterCommand.ExitOk, exit, output.ToString());
            StringAssert.Contains(output.ToString(), "\"found\":[{\"address\":1,\"baud\":9600,\"parity\":\"none\",\"stop_bits\":1}]");
        }

        [TestMethod]
        public void A_scan_of_silent_addresses_finds_nothing_and_says_so()
        {
            var output = new StringWriter();
            int exit = ReadMeterCommand.Scan(new ScanRequest(slave.MasterPort, "sdm120", 200, 201, true, 20, false, false), output, new StringWriter());
            Assert.AreEqual(ReadMeterCommand.ExitNoAnswer, exit, output.ToString());
            StringAssert.Contains(output.ToString(), "scan done: no meter answered");
            StringAssert.Contains(output.ToString(), "1200 baud, parity odd: addresses 200-201");
        }

        [TestMethod]
        public void A_baud_rate_off_the_list_is_refused_in_one_line()
        {
            var error = new StringWriter();
            int exit = ReadMeterCommand.Run(new ReadMeterRequest(slave.MasterPort, "sdm120", 12, null, 1, 100, false), new StringWriter(), error);
            Assert.AreEqual(ReadMeterCommand.ExitUsage, exit);
            Assert.AreEqual("read-meter: baud rate 12 is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200", error.ToString().Trim());
        }

        private static List<MapLine> ReadMaps()
        {
            var lines = new List<MapLine>();
            foreach (string raw in File.ReadAllLines(RepositoryPaths.Combine("ChargerAgent.Tests", "Host", "Metering", "meter_register_maps.txt")))
            {
                if (raw.Length == 0 || raw[0] == '#') continue;
                string[] f = raw.Split('|');
                Assert.AreEqual(7, f.Length, "seven fields: " + raw);
                string power = f[4].Trim();
                lines.Add(new MapLine(f[0].Trim(), int.Parse(f[1].Trim()), f[2].Trim(), long.Parse(f[3].Trim()),
                    power == "-" ? null : power, power == "-" ? null : int.Parse(f[5].Trim()), f[6].Trim()));
            }

            return lines;
        }

        private sealed record MapLine(string Profile, int Address, string Energy, long Wh, string Power, int? W, string Source);
    }
}
