using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Watchdog;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class UploaderMemoryTests
    {
        [TestMethod]
        public void A_transport_out_of_memory_is_counted_and_shown_as_out_of_memory_never_network_down()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            rig.Uploader.SetNetworkUp(true, 0);
            rig.Transport.OutOfMemoryStarts = 1;
            rig.Transport.Now += 100;
            rig.Uploader.Step(rig.Transport.Now);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(1, rig.Uploader.Counters.OutOfMemory);
            Assert.AreEqual(Uploader.OutOfMemory, rig.Status.UploadState);
            Assert.Contains("out of memory", rig.Status.LastUploadError);
            Assert.DoesNotContains("network down", rig.Status.LastUploadError);
            Assert.IsFalse(rig.Uploader.OutOfMemoryStorm, "one is not a storm");
            Assert.IsTrue(rig.Drain(3600 * 1000), "the records go out once memory is back");
            Assert.AreEqual(3, rig.Transport.Ledger.Count);
        }

        [TestMethod]
        public void Five_out_of_memory_starts_within_ten_minutes_ask_for_a_reboot_and_four_do_not()
        {
            Assert.IsFalse(StormAfter(Uploader.MemoryFaultLimit - 1), "four are not a storm");
            Assert.IsTrue(StormAfter(Uploader.MemoryFaultLimit), "five within ten minutes are");
            Assert.AreEqual("out of memory", RebootReasons.Name(RebootReason.OutOfMemory));
        }

        private static bool StormAfter(int outOfMemoryStarts)
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(2);
            rig.Transport.OutOfMemoryStarts = outOfMemoryStarts;
            rig.RunUntil(Uploader.MemoryFaultWindowMs, 1000);
            Assert.AreEqual(outOfMemoryStarts, rig.Uploader.Counters.OutOfMemory, "every failed start is counted");
            return rig.Uploader.OutOfMemoryStorm;
        }
    }
}
