using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>
    /// An acknowledgement whose cost entry the flash refuses, a session check whose mark it refuses, and a
    /// record whose answer is lost more than once: each duplicate the server may hold is counted, and a full flash neither stops the
    /// loop nor makes a restart send again what was acknowledged.
    /// </summary>
    [TestClass]
    public class UploaderFullFlashTests
    {
        [TestMethod]
        public void A_cost_entry_the_flash_refuses_ends_no_step_and_saved_SentUpTo_keeps_a_restart_from_sending_the_records_again()
        {
            // Seed 180 s0, 90 days: every acknowledgement on the full flash threw from the cost store, five such faults
            // rebooted the board, and each boot sent the same records again: 2,845 duplicates, 31 of them counted.
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            rig.Files.Failing = true;
            Assert.IsTrue(rig.Drain(60000), "the queue did not send every record");
            Assert.AreEqual(3u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(3u, rig.Store.Saved.SentUpTo, "SentUpTo was not saved in place of the refused cost entries");
            Assert.AreEqual(3, rig.Uploader.Counters.CostEntriesRefused);

            rig.Files.Failing = false;
            rig.PowerCutAndReboot();
            Assert.IsTrue(rig.Drain(60000));
            for (uint seq = 1; seq <= 3; seq++) Assert.AreEqual(1, rig.Transport.StoredCount(rig.RecordId(seq)), "record " + seq + " was sent again");
            Assert.AreEqual(0, rig.Uploader.Counters.Duplicates);
        }

        [TestMethod]
        public void A_session_check_whose_mark_the_flash_refuses_ends_no_step_and_is_not_asked_again()
        {
            UploadRig rig = new UploadRig();
            rig.Ring.Add(UploadRig.T0, 1000, 5, RecordFlags.None);
            rig.Ring.Add(UploadRig.T0 + 1800, 400, 5, RecordFlags.SessionEnd);
            rig.Transport.SessionBody = "{\"data\":[{\"energy\":{\"value\":1400},\"cost\":{\"value\":350}}]}";
            rig.Files.Failing = true;
            Assert.IsTrue(rig.Drain(10000));
            rig.RunUntil(rig.Transport.Now + 10 * 60 * 1000, 100);
            int asked = 0;
            for (int i = 0; i < rig.Transport.Log.Count; i++)
            {
                if (((string)rig.Transport.Log[i]).IndexOf("/costs/session/") >= 0) asked++;
            }

            Assert.AreEqual(1, asked, "the session's cost was asked " + asked + " times");
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual("answered", rig.Status.LastSessionServerCostState);
        }

        [TestMethod]
        public void Each_send_after_a_lost_answer_of_the_same_record_counts_as_a_possible_duplicate()
        {
            // Seed 9, 30 days: two lost answers of one record in a row left the server holding it three times, counted once.
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(Reply.Failure(HttpOutcome.NetworkError, true, 0));
            rig.Transport.Script.Add(Reply.Failure(HttpOutcome.NetworkError, true, 0));
            Assert.IsTrue(rig.Drain(10 * 60 * 1000));
            Assert.AreEqual(3, rig.Transport.StoredCount(rig.RecordId(1)));
            Assert.AreEqual(2, rig.Uploader.Counters.ResentAfterLostResponse);
        }
    }
}
