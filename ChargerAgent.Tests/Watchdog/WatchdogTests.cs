using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Watchdog;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Watchdog
{
    [TestClass]
    public class WatchdogTests
    {
        [TestMethod]
        public void The_watchdog_expires_only_after_the_timeout_without_a_kick()
        {
            LoopWatchdog dog = new LoopWatchdog(60000, 1000);
            Assert.IsFalse(dog.IsExpired(61000));
            Assert.IsTrue(dog.IsExpired(61001));
            dog.Kick(61001);
            Assert.IsFalse(dog.IsExpired(121001));
            Assert.IsTrue(dog.IsExpired(121002));
            Assert.AreEqual("main loop silent for 60 s (limit 60 s)", dog.Describe(121002));
        }

        [TestMethod]
        public void A_kick_from_the_past_does_not_move_the_last_kick_back()
        {
            LoopWatchdog dog = new LoopWatchdog(10000, 5000);
            dog.Kick(1000);
            Assert.AreEqual(5000L, dog.LastKickMs);
        }

        [TestMethod]
        public void A_paused_watchdog_never_expires_until_resumed()
        {
            LoopWatchdog dog = new LoopWatchdog(10000, 0);
            dog.Pause();
            Assert.IsFalse(dog.IsExpired(1000000));
            dog.Resume(1000000);
            Assert.IsFalse(dog.IsExpired(1005000));
            Assert.IsTrue(dog.IsExpired(1010001));
        }

        [TestMethod]
        public void A_timeout_below_one_second_is_refused()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new LoopWatchdog(999, 0));
        }

        [TestMethod]
        public void Faults_call_for_a_reboot_only_when_they_repeat_within_the_window()
        {
            FaultCounter faults = new FaultCounter(3, 60000);
            Assert.IsFalse(faults.Record(0));
            Assert.IsFalse(faults.Record(30000));
            Assert.IsFalse(faults.Record(70000), "the first fault is out of the window");
            Assert.IsTrue(faults.Record(80000), "30 s, 70 s, 80 s: three within a minute");
            Assert.AreEqual(4u, faults.Total);
        }

        [TestMethod]
        public void Sparse_faults_never_reboot()
        {
            FaultCounter faults = new FaultCounter(5, 60000);
            for (int i = 0; i < 100; i++)
            {
                Assert.IsFalse(faults.Record(i * 20000L));
            }
        }

        [TestMethod]
        public void The_reboot_note_is_taken_once()
        {
            FakeFileStore files = new FakeFileStore();
            Assert.AreEqual(RebootReason.PowerLossOrUnknown, RebootNote.Take(files));
            RebootNote.Write(files, RebootReason.Watchdog);
            Assert.AreEqual(1, files.Flushes);
            Assert.AreEqual(RebootReason.Watchdog, RebootNote.Take(files));
            Assert.AreEqual(RebootReason.PowerLossOrUnknown, RebootNote.Take(files));
            Assert.IsFalse(files.Exists(RebootNote.FileName));
        }

        [TestMethod]
        public void A_torn_reboot_note_reads_as_unknown()
        {
            FakeFileStore files = new FakeFileStore();
            files.Put(RebootNote.FileName, "R");
            Assert.AreEqual(RebootReason.PowerLossOrUnknown, RebootNote.Take(files));
        }

        [TestMethod]
        public void Reboot_reasons_have_names()
        {
            Assert.AreEqual("watchdog (main loop stopped)", RebootReasons.Name(RebootReason.Watchdog));
            Assert.AreEqual("repeated faults", RebootReasons.Name(RebootReason.RepeatedFaults));
            Assert.AreEqual("reason 9", RebootReasons.Name(9));
        }
    }
}
