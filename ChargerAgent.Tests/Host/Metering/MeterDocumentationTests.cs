using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering.Profiles;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>The profile tables of the README and hardware/README.md, the configuration's choices and the code list the same meters.</summary>
    [TestClass]
    public sealed class MeterDocumentationTests
    {
        [TestMethod]
        public void The_README_profile_table_lists_every_profile_with_its_function_and_registers()
        {
            Dictionary<string, string[]> rows = Rows(Section(Read("README.md"), "### Meter profiles", "### read-meter"));
            rows.Remove(ConfigSchema.GenericProfileName);
            CollectionAssert.AreEquivalent(MeterProfiles.Names(), new List<string>(rows.Keys), "README.md, Meter profiles");
            foreach (MeterProfile profile in MeterProfiles.All())
            {
                string[] cells = rows[profile.Name];
                Assert.AreEqual(profile.Function.ToString("D2", CultureInfo.InvariantCulture), cells[2], profile.Name + " function");
                StringAssert.StartsWith(cells[3], "0x" + profile.EnergyRegister.ToString("X4", CultureInfo.InvariantCulture), profile.Name + " energy register");
                if (profile.HasPower) StringAssert.StartsWith(cells[4], "0x" + profile.PowerRegister.ToString("X4", CultureInfo.InvariantCulture), profile.Name + " power register");
                StringAssert.Contains(cells[5], profile.DefaultBaud.ToString(CultureInfo.InvariantCulture), profile.Name + " factory baud");
            }
        }

        [TestMethod]
        public void The_hardware_tables_list_every_profile()
        {
            string hardware = Read(Path.Combine("hardware", "README.md"));
            Dictionary<string, string[]> wiring = Rows(Section(hardware, "### Modbus RTU meters", "## Meter register maps"));
            CollectionAssert.AreEquivalent(MeterProfiles.Names(), new List<string>(wiring.Keys), "hardware/README.md, Wiring per meter");
            foreach (MeterProfile profile in MeterProfiles.All())
            {
                Assert.AreEqual(profile.Function.ToString("D2", CultureInfo.InvariantCulture), wiring[profile.Name][2], profile.Name + " function");
            }

            Dictionary<string, string[]> further = Rows(Section(hardware, "### Further meters", "## Status LED"));
            foreach (KeyValuePair<string, string[]> row in further)
            {
                Assert.IsTrue(MeterProfiles.TryFind(row.Key, out MeterProfile profile), row.Key);
                Assert.AreEqual(profile.Function.ToString("D2", CultureInfo.InvariantCulture), row.Value[1], row.Key + " function");
                string energy = row.Value[2];
                bool hex = energy.StartsWith("0x" + profile.EnergyRegister.ToString("X4", CultureInfo.InvariantCulture), StringComparison.Ordinal);
                bool dec = energy.StartsWith(profile.EnergyRegister.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal);
                Assert.IsTrue(hex || dec, row.Key + " energy register: " + energy);
            }

            Assert.IsTrue(further.Count >= 8, "the further meters' register maps");
        }

        [TestMethod]
        public void The_configuration_offers_exactly_the_profiles_and_generic()
        {
            ConfigKey key = ConfigSchema.Find(ConfigKeys.ModbusProfile);
            var expected = new List<string>(MeterProfiles.Names()) { ConfigSchema.GenericProfileName };
            CollectionAssert.AreEqual(expected, key.Choices);
            foreach (string name in MeterProfiles.Names()) StringAssert.Contains(key.Help, name);
        }

        [TestMethod]
        public void The_adding_a_meter_page_names_the_files_it_asks_for()
        {
            string page = Read(Path.Combine("docs", "adding-a-meter.md"));
            foreach (string path in new[]
            {
                "ChargerAgent/Core/Metering/Profiles/MeterProfiles.cs",
                "ChargerAgent.Tests/Host/Metering/meter_register_maps.txt",
                "hardware/README.md",
            })
            {
                StringAssert.Contains(page, path);
                Assert.IsTrue(File.Exists(RepositoryPaths.Combine(path.Split('/'))), path + " does not exist");
            }

            StringAssert.Contains(page, nameof(NamedMeterRegisterMapTests));
            StringAssert.Contains(page, nameof(MeterDocumentationTests));
        }

        private static string Read(string path) => File.ReadAllText(RepositoryPaths.Combine(path.Split('/', '\\')));

        private static string Section(string text, string from, string to)
        {
            int start = text.IndexOf(from, StringComparison.Ordinal);
            Assert.IsTrue(start >= 0, "no section " + from);
            int end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
            Assert.IsTrue(end > start, "no section after " + from + ": " + to);
            return text.Substring(start, end - start);
        }

        // Table rows whose first cell is a `name`, by name, cells trimmed.
        private static Dictionary<string, string[]> Rows(string section)
        {
            var rows = new Dictionary<string, string[]>();
            foreach (Match row in Regex.Matches(section, @"^\| `([a-z0-9_-]+)` \|(.*)\|\s*$", RegexOptions.Multiline))
            {
                string[] rest = row.Groups[2].Value.Split('|');
                var cells = new string[rest.Length + 1];
                cells[0] = row.Groups[1].Value;
                for (int i = 0; i < rest.Length; i++) cells[i + 1] = rest[i].Trim();
                Assert.IsFalse(rows.ContainsKey(cells[0]), "listed twice: " + cells[0]);
                rows[cells[0]] = cells;
            }

            return rows;
        }
    }
}
