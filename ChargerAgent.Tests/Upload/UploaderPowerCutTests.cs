using ChargerAgent.Core.Records;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>
    /// A power cut at every durable write of a send (AttemptedUpTo save, cost flush, SentUpTo save,
    /// side-file flush) and at every step while a request is in flight: nothing is lost, nothing goes
    /// under a second reference id, a duplicate happens only where the contract allows it, and the
    /// session cost never counts a record twice.
    /// </summary>
    [TestClass]
    public class UploaderPowerCutTests
    {
        private const int Records = 6;

        private static UploadRig Scenario()
        {
            UploadRig rig = new UploadRig();
            for (int i = 0; i < Records; i++)
            {
                rig.Ring.Add(UploadRig.T0 + i * 1800, (uint)(100 + i), 3, i == Records - 1 ? RecordFlags.SessionEnd : RecordFlags.None);
            }

            // One 422 (set aside) and one invalid (quarantined) so the side file's writes are cut too.
            rig.Transport.Script.Add(Reply.Error(422, "no_price_data"));
            rig.Transport.Script.Add(new Reply());
            rig.Transport.Script.Add(Reply.Error(400, "invalid_request"));
            return rig;
        }

        private static void Finish(UploadRig rig, string label)
        {
            for (int attempt = 0; attempt < 4; attempt++)
            {
                try
                {
                    rig.Uploader.ResendQuarantined(rig.Transport.Now);
                    if (rig.Drain(40 * 60 * 1000)) break;
                }
                catch (FakePowerCutException)
                {
                    rig.PowerCutAndReboot();
                }
            }

            for (uint seq = 1; seq <= Records; seq++)
            {
                int stored = rig.Transport.StoredCount(rig.RecordId(seq));
                Assert.IsTrue(stored >= 1, label + ": Seq " + seq + " never reached the server");
                Assert.IsTrue(stored <= 2, label + ": Seq " + seq + " stored " + stored + " times");
            }

            int total = rig.Transport.Ledger.Count;
            Assert.IsTrue(total <= Records + 1, label + ": " + total + " records stored for " + Records + " (at most one duplicate per cut)");
            for (int i = 0; i < total; i++)
            {
                string id = (string)rig.Transport.Ledger[i];
                bool known = false;
                for (uint seq = 1; seq <= Records; seq++) known |= id == rig.RecordId(seq);
                Assert.IsTrue(known, label + ": a record went under another reference id: " + id);
            }

            long expected = 0;
            for (int i = 0; i < Records; i++) expected += (100 + i) * 250000L;
            long sum = rig.Uploader.Costs.SessionSum(3, out int records, out int unknown);
            Assert.AreEqual(Records, records, label + ": records in the session cost");
            Assert.AreEqual(expected, sum, label + ": session cost");
            Assert.AreEqual((uint)Records, rig.Watermarks.SentUpTo, label);
            Assert.AreEqual(0, rig.Uploader.Side.Count, label);
        }

        [TestMethod]
        public void A_clean_run_of_the_scenario_passes_the_same_checks()
        {
            UploadRig rig = Scenario();
            Finish(rig, "no cut");
            Assert.AreEqual(Records, rig.Transport.Ledger.Count);
            OutputHelper.WriteLine("durable writes in a clean run: " + rig.Power.Writes);
        }

        [TestMethod]
        public void A_cut_before_any_durable_write_loses_nothing_and_duplicates_at_most_one_record()
        {
            UploadRig clean = Scenario();
            Finish(clean, "no cut");
            int writes = clean.Power.Writes;
            Assert.IsTrue(writes > 10);
            for (int cut = 1; cut <= writes; cut++)
            {
                UploadRig rig = Scenario();
                rig.Power.CutAtWrite = cut;
                Finish(rig, "cut before write " + cut);
            }
        }

        [TestMethod]
        public void A_cut_while_a_request_is_in_flight_loses_nothing()
        {
            for (int step = 1; step <= 40; step++)
            {
                UploadRig rig = Scenario();
                rig.Transport.Script.Insert(0, new Reply { Status = 200, DelayMs = 350 });
                for (int i = 0; i < step; i++)
                {
                    rig.Transport.Now += 100;
                    rig.Uploader.Step(rig.Transport.Now);
                }

                rig.PowerCutAndReboot();
                Finish(rig, "cut at step " + step);
            }
        }
    }
}
