using System.IO;
using ChargerAgent.Core.Time;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Time
{
    [TestClass]
    public class BootEpochLogTests
    {
        [TestMethod]
        public void Epochs_survive_a_reload_and_a_torn_entry_is_ignored()
        {
            FakeFileStore files = new FakeFileStore();
            BootEpochLog log = new BootEpochLog(files);
            log.Add(3, 1643709600, false);
            log.Add(4, 1643713200, true);
            byte[] torn = new byte[BootEpochLog.EntryBytes];
            torn[0] = 5;
            files.Append(BootEpochLog.FileName, torn, 0, torn.Length);
            BootEpochLog reloaded = new BootEpochLog(files);
            long epoch;
            bool estimated;
            Assert.IsTrue(reloaded.TryGetEpoch(3, out epoch, out estimated));
            Assert.AreEqual(1643709600L, epoch);
            Assert.IsFalse(estimated);
            Assert.IsTrue(reloaded.TryGetEpoch(4, out epoch, out estimated));
            Assert.IsTrue(estimated);
            Assert.IsFalse(reloaded.TryGetEpoch(5, out epoch, out estimated));
        }

        [TestMethod]
        public void The_file_is_compacted_to_the_newest_entries()
        {
            FakeFileStore files = new FakeFileStore();
            BootEpochLog log = new BootEpochLog(files);
            for (int boot = 1; boot <= 3 * BootEpochLog.CompactAtEntries + 10; boot++)
            {
                log.Add((ushort)boot, 1000L * boot, false);
                Assert.IsTrue(files.Length(BootEpochLog.FileName) <= BootEpochLog.MaxFileBytes, "after boot " + boot);
            }
            BootEpochLog reloaded = new BootEpochLog(files);
            long epoch;
            bool estimated;
            Assert.IsTrue(reloaded.TryGetEpoch((ushort)(3 * BootEpochLog.CompactAtEntries + 10), out epoch, out estimated));
            Assert.AreEqual(1000L * (3 * BootEpochLog.CompactAtEntries + 10), epoch);
        }

        [TestMethod]
        public void An_epoch_older_than_the_entries_kept_in_memory_is_still_found_in_the_file()
        {
            FakeFileStore files = new FakeFileStore();
            BootEpochLog log = new BootEpochLog(files);
            for (ushort boot = 1; boot <= 70; boot++) log.Add(boot, 1700000000L + boot * 1000L, false);
            BootEpochLog reopened = new BootEpochLog(files);
            for (ushort boot = 1; boot <= 70; boot++)
            {
                Assert.IsTrue(reopened.TryGetEpoch(boot, out long epoch, out bool estimated), "boot " + boot + " lost");
                Assert.AreEqual(1700000000L + boot * 1000L, epoch);
            }
        }

        [TestMethod]
        public void An_epoch_whose_write_failed_is_written_by_the_retry_and_survives_a_reboot()
        {
            // A full flash refuses the epoch at a clock sync; the sync is retried with the same
            // epoch. Were the refused epoch kept in memory, the retry would skip the write and the
            // next boot would estimate that timeline's epoch, placing its records over others.
            FakeFileStore files = new FakeFileStore();
            BootEpochLog log = new BootEpochLog(files);
            log.Add(3, 1643709600, false);
            // The write fails (the fake fails reads too, so the failing call is the write itself).
            files.Failing = true;
            Assert.ThrowsException(typeof(IOException), () => log.Add(4, 1643713200, true));
            files.Failing = false;
            Assert.IsFalse(log.TryGetEpoch(4, out long _, out bool _), "a refused epoch is not known");
            log.AddIfMissing(4, 1643713200, true);
            BootEpochLog reloaded = new BootEpochLog(files);
            Assert.IsTrue(reloaded.TryGetEpoch(4, out long epoch, out bool estimated), "the retried epoch is in the file");
            Assert.AreEqual(1643713200L, epoch);
            Assert.IsTrue(estimated);
            Assert.IsTrue(reloaded.TryGetEpoch(3, out epoch, out estimated));
            Assert.AreEqual(1643709600L, epoch);
        }
    }
}
