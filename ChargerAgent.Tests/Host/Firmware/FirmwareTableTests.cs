using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Firmware
{
    /// <summary>
    /// hardware/firmware.csv names, for each library the firmware deploys, its version, the native
    /// checksum its .pe declares and the nf-interpreter commit whose firmware declares the same. It
    /// must follow the firmware's packages.config: a package changed without the table would deploy
    /// onto a firmware that may refuse it.
    /// </summary>
    [TestClass]
    public sealed class FirmwareTableTests
    {
        private static string[][] Rows()
        {
            string[] lines = File.ReadAllLines(RepositoryPaths.Combine("hardware", "firmware.csv"));
            Assert.AreEqual("library,version,native_checksum,library_commit,nf_interpreter_commit", lines[0]);
            return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        }

        [TestMethod]
        public void Every_package_of_the_firmware_is_in_the_table_at_its_version()
        {
            XDocument packages = XDocument.Load(RepositoryPaths.Combine("ChargerAgent", "packages.config"));
            string[][] rows = Rows();
            foreach (XElement package in packages.Root.Elements("package"))
            {
                string id = (string)package.Attribute("id");
                string version = (string)package.Attribute("version");
                string[] row = rows.FirstOrDefault(r => r[0] == id);
                Assert.IsNotNull(row, id + " is in packages.config but not in hardware/firmware.csv");
                Assert.AreEqual(version, row[1], id + ": packages.config and hardware/firmware.csv disagree on the version");
            }

            Assert.AreEqual(packages.Root.Elements("package").Count(), rows.Length, "hardware/firmware.csv lists a library packages.config does not have");
        }

        [TestMethod]
        public void Every_row_names_a_checksum_two_full_commits_and_one_firmware()
        {
            string[][] rows = Rows();
            foreach (string[] row in rows)
            {
                Assert.AreEqual(5, row.Length, string.Join(",", row));
                Assert.IsTrue(Regex.IsMatch(row[2], "^0x[0-9A-F]{8}$"), row[0] + ": checksum " + row[2]);
                Assert.IsTrue(Regex.IsMatch(row[3], "^[0-9a-f]{40}$"), row[0] + ": library commit " + row[3]);
                Assert.IsTrue(Regex.IsMatch(row[4], "^[0-9a-f]{40}$"), row[0] + ": nf-interpreter commit " + row[4]);
            }

            Assert.AreEqual(1, rows.Select(r => r[4]).Distinct().Count(), "one firmware must fit every library");
        }

        [TestMethod]
        public void The_flashing_steps_name_the_firmware_of_the_table()
        {
            string commit = Rows()[0][4];
            string readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
            Assert.IsTrue(readme.Contains(commit.Substring(0, 8), StringComparison.Ordinal), "README does not name nf-interpreter " + commit);
            Assert.IsTrue(readme.Contains("--fwversion", StringComparison.Ordinal), "README does not pin the firmware version");
            Assert.IsFalse(readme.Contains("nanoff --update --target ESP32_REV3 --serialport COM5`", StringComparison.Ordinal), "an unpinned nanoff --update flashes the newest firmware");
        }
    }
}
