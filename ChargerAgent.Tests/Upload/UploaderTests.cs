using System.IO;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class UploaderTests
    {
        private static int InstantStarts(FakeHttpTransport t)
        {
            int n = 0;
            for (int i = 0; i < t.Log.Count; i++)
            {
                if (((string)t.Log[i]).IndexOf("/costs/instant") >= 0) n++;
            }

            return n;
        }

        private static long LastInstantStart(FakeHttpTransport t)
        {
            long at = -1;
            for (int i = 0; i < t.Log.Count; i++)
            {
                if (((string)t.Log[i]).IndexOf("/costs/instant") >= 0) at = (long)t.StartTimes[i];
            }

            return at;
        }

        [TestMethod]
        public void Records_go_out_in_order_once_each_and_both_watermarks_follow()
        {
            UploadRig rig = new UploadRig();
            rig.Transport.Store = rig.Store;
            rig.AddRecords(10);
            Assert.IsTrue(rig.Drain(60000));
            Assert.AreEqual(10, rig.Transport.Ledger.Count);
            for (uint seq = 1; seq <= 10; seq++)
            {
                Assert.AreEqual(rig.RecordId(seq), (string)rig.Transport.Ledger[(int)seq - 1]);
                Assert.IsTrue((uint)rig.Transport.AttemptedAtSend[(int)seq - 1] >= seq, "AttemptedUpTo was not durable before Seq " + seq + " went out");
            }

            // SentUpTo is saved with the AttemptedUpTo saves (the last before Seq 9); records 9 and 10
            // are durable as their cost entries, and the ring keeps them until SentUpTo is saved past them.
            Assert.AreEqual(10u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(8u, rig.Store.Saved.SentUpTo);
            Assert.AreEqual(10u, rig.Store.Saved.AttemptedUpTo);
            Assert.IsTrue(rig.Uploader.Costs.Contains(9) && rig.Uploader.Costs.Contains(10));
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(0, rig.Uploader.Counters.Duplicates);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(10u, rig.Status.LastUploadedSeq);
            Assert.AreEqual(0, rig.Status.Backlog);
            Assert.AreEqual("GBP", rig.Status.Currency);
            Assert.AreEqual((1000L + 10) * 25, rig.Status.LastUploadCostMinor);
        }

        [TestMethod]
        public void AttemptedUpTo_moves_in_steps_not_per_record()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(12);
            Assert.IsTrue(rig.Drain(60000));
            // One save per step of 4 records, each carrying SentUpTo as far as it got.
            Assert.AreEqual(3, rig.Uploader.Counters.CheckpointSaves);
        }

        [TestMethod]
        public void A_refused_token_logs_in_again_once_and_the_record_goes_through()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(Reply.Error(401, "unauthorized"));
            Assert.IsTrue(rig.Drain(10000));
            Assert.AreEqual(4, rig.Transport.Starts);
            Assert.IsTrue(((string)rig.Transport.Log[2]).EndsWith("/login "));
            Assert.IsFalse(rig.Uploader.CredentialsRejected);
            Assert.AreEqual(1, rig.Transport.Ledger.Count);
        }

        [TestMethod]
        public void A_second_refusal_after_a_fresh_login_shows_credentials_rejected_and_backs_off()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(Reply.Error(403, "forbidden"));
            rig.Transport.Script.Add(Reply.Error(403, "forbidden"));
            rig.RunUntil(500, 100);
            Assert.AreEqual(4, rig.Transport.Starts);
            Assert.IsTrue(rig.Uploader.CredentialsRejected);
            rig.Uploader.FillStatus(rig.Status);
            Assert.IsTrue(rig.Status.CredentialsRejected);
            Assert.StartsWith("credentials rejected", rig.Status.LastUploadError);
            rig.RunUntil(1400, 100);
            Assert.AreEqual(4, rig.Transport.Starts);
            Assert.IsTrue(rig.Drain(10000));
            Assert.IsFalse(rig.Uploader.CredentialsRejected);
        }

        [TestMethod]
        public void A_422_record_is_set_aside_while_later_ones_go_and_is_retried_after_15_minutes()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            rig.Transport.Script.Add(Reply.Error(422, "no_price_data"));
            rig.RunUntil(5000, 100);
            Assert.AreEqual(2, rig.Transport.Ledger.Count);
            Assert.AreEqual(3u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(1, rig.Uploader.Side.SetAsideCount);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(1, rig.Status.SetAside);
            Assert.AreEqual(1, rig.Status.Backlog);

            rig.RunUntil(15 * 60 * 1000 - 200, 1000);
            Assert.AreEqual(0, rig.Transport.StoredCount(rig.RecordId(1)));
            rig.RunUntil(15 * 60 * 1000 + 2000, 100);
            Assert.AreEqual(1, rig.Transport.StoredCount(rig.RecordId(1)));
            Assert.AreEqual(0, rig.Uploader.Side.Count);
        }

        [TestMethod]
        public void When_every_record_gets_422_the_queue_waits_15_minutes_instead_of_setting_all_aside()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(6);
            for (int i = 0; i < 2; i++) rig.Transport.Script.Add(Reply.Error(422, "pending_connect"));
            rig.RunUntil(14 * 60 * 1000, 500);
            Assert.AreEqual(2, InstantStarts(rig.Transport));
            Assert.AreEqual(1, rig.Uploader.Side.SetAsideCount);
            Assert.AreEqual(1u, rig.Watermarks.SentUpTo);
            Assert.IsTrue(rig.Drain(20 * 60 * 1000));
            Assert.AreEqual(6, rig.Transport.Ledger.Count);
        }

        [TestMethod]
        public void A_422_record_the_side_file_could_not_take_stays_queued_and_reaches_the_api_after_a_restart()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            for (int i = 0; i < 3; i++) rig.Transport.Script.Add(Reply.Error(422, "no_price_data"));

            // The flash refuses every write (full) while the API answers 422; the watermarks are
            // saved elsewhere and still go. The firmware's loop catches each refusal and goes on.
            rig.Files.Failing = true;
            for (int i = 0; i < 40; i++)
            {
                rig.Transport.Now += 100;
                try
                {
                    rig.Uploader.Step(rig.Transport.Now);
                }
                catch (IOException)
                {
                }
            }

            rig.Files.Failing = false;
            rig.PowerCutAndReboot();
            Assert.IsTrue(rig.Drain(20 * 60 * 1000));
            // The cost entries the flash refused were not durable either: what went out before the
            // restart may go again, under the same reference id (the API keeps it once).
            for (uint seq = 1; seq <= 3; seq++) Assert.IsTrue(rig.Transport.StoredCount(rig.RecordId(seq)) >= 1, "record " + seq + " was lost");
        }

        [TestMethod]
        public void An_invalid_record_is_quarantined_without_blocking_and_can_be_sent_again()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(3);
            rig.Transport.Script.Add(Reply.Error(400, "invalid_request"));
            rig.RunUntil(3000, 100);
            Assert.AreEqual(2, rig.Transport.Ledger.Count);
            Assert.AreEqual(3u, rig.Watermarks.SentUpTo);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(1, rig.Status.Quarantined);
            Assert.Contains("invalid_request", rig.Status.LastUploadError);
            rig.RunUntil(60 * 60 * 1000, 60000);
            Assert.AreEqual(0, rig.Transport.StoredCount(rig.RecordId(1)));

            Assert.AreEqual(1, rig.Uploader.ResendQuarantined(rig.Transport.Now));
            Assert.IsTrue(rig.Drain(10000));
            Assert.AreEqual(1, rig.Transport.StoredCount(rig.RecordId(1)));
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(0, rig.Status.Quarantined);
        }

        [TestMethod]
        public void Many_identical_rejections_pause_uploading_as_a_configuration_fault()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(8);
            for (int i = 0; i < 5; i++) rig.Transport.Script.Add(Reply.Error(400, "invalid_request"));
            rig.RunUntil(60000, 100);
            Assert.IsTrue(rig.Uploader.PausedByConfigurationFault);
            Assert.AreEqual(4, rig.Uploader.Side.QuarantinedCount);
            Assert.AreEqual(5, InstantStarts(rig.Transport));
            Assert.AreEqual(5u, rig.Uploader.Cursor);
            rig.Uploader.FillStatus(rig.Status);
            Assert.IsTrue(rig.Status.UploadPausedByConfigurationFault);

            rig.Uploader.ResendQuarantined(rig.Transport.Now);
            Assert.IsTrue(rig.Drain(60000));
            Assert.AreEqual(8, rig.Transport.Ledger.Count);
            Assert.IsFalse(rig.Uploader.PausedByConfigurationFault);
        }

        [TestMethod]
        public void A_server_error_backs_off_within_the_jitter_window_before_retrying()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(Reply.Error(503, "api_error"));
            rig.Transport.Script.Add(Reply.Error(500, "api_error"));
            rig.RunUntil(200, 100);
            long first = LastInstantStart(rig.Transport);
            rig.RunUntil(first + 999, 1);
            Assert.AreEqual(first, LastInstantStart(rig.Transport));
            rig.RunUntil(first + 2001, 1);
            long second = LastInstantStart(rig.Transport);
            Assert.IsTrue(second > first, "no retry within the first backoff");
            rig.RunUntil(second + 1999, 1);
            Assert.AreEqual(second, LastInstantStart(rig.Transport));
            Assert.IsTrue(rig.Drain(10000));
            Assert.AreEqual(0, rig.Uploader.Counters.Duplicates);
        }

        [TestMethod]
        public void A_request_past_its_deadline_counts_as_attempted_and_nothing_starts_until_the_transport_is_free()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(2);
            rig.Transport.Script.Add(new Reply { Status = 200, DelayMs = 45000 });
            rig.RunUntil(33000, 100);
            Assert.AreEqual(1, rig.Uploader.Counters.Timeouts);
            int starts = rig.Transport.Starts;
            rig.RunUntil(44900, 100);
            Assert.AreEqual(starts, rig.Transport.Starts);
            Assert.IsTrue(rig.Drain(60000));
            Assert.AreEqual(1, rig.Uploader.Counters.LateResults);
            Assert.AreEqual(2, rig.Transport.StoredCount(rig.RecordId(1)));
            Assert.AreEqual(1, rig.Uploader.Counters.ResentAfterLostResponse);
            Assert.AreEqual(1, rig.Transport.StoredCount(rig.RecordId(2)));
        }

        [TestMethod]
        public void When_the_network_comes_back_the_backlog_starts_within_a_second()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            for (int i = 0; i < 12; i++) rig.Transport.Script.Add(Reply.Failure(HttpOutcome.NetworkError, false, 0));
            rig.RunUntil(30 * 60 * 1000, 100);
            rig.Uploader.SetNetworkUp(false, rig.Transport.Now);
            rig.AddRecords(100);
            rig.RunUntil(rig.Transport.Now + 60000, 100);
            int before = rig.Transport.Starts;
            rig.Uploader.SetNetworkUp(true, rig.Transport.Now);
            long up = rig.Transport.Now;
            rig.RunUntil(up + 1000, 100);
            Assert.IsTrue(rig.Transport.Starts > before, "no request within 1 s of the network coming back");
            Assert.IsTrue(rig.Drain(120000));
            Assert.AreEqual(101, rig.Transport.Ledger.Count);
        }

        [TestMethod]
        public void Rate_limiting_slows_the_pace_of_the_drain()
        {
            UploadRig rig = new UploadRig();
            rig.Options.PaceMs = 100;
            rig.Uploader = new Uploader(rig.Options, rig.Transport, rig.Ring, rig.Watermarks, rig.Store, rig.Files, rig.Epochs, null);
            rig.Uploader.Start(0);
            rig.AddRecords(20);
            rig.Transport.Script.Add(Reply.Error(429, "rate_limit"));
            Assert.IsTrue(rig.Drain(600000));
            Assert.AreEqual(1, rig.Uploader.Counters.RateLimited);
            long gap = (long)rig.Transport.StartTimes[4] - (long)rig.Transport.StartTimes[3];
            Assert.IsTrue(gap >= 500, "gap after 429 was " + gap);
        }

        [TestMethod]
        public void A_boot_relative_record_waits_for_its_clock_and_keeps_the_order()
        {
            UploadRig rig = new UploadRig();
            Record r = new Record { Start = 100, DurationSeconds = 1700, Wh = 5, Boot = 2, ConfidencePercent = 100, Flags = RecordFlags.BootRelativeTime };
            rig.Ring.Append(ref r, 0);
            rig.AddRecords(1);
            rig.RunUntil(10000, 100);
            Assert.AreEqual(0, InstantStarts(rig.Transport));
            rig.Uploader.FillStatus(rig.Status);
            Assert.IsTrue(rig.Status.UploadWaitingForClock);
            Assert.AreEqual("waiting for clock", rig.Status.UploadState);

            rig.Epochs.KnownBoot = 2;
            rig.Epochs.Epoch = UploadRig.T0;
            Assert.IsTrue(rig.Drain(10000));
            string first = (string)rig.Transport.Log[1];
            Assert.Contains("\"start_time\":\"2022-02-01T10:31:40Z\",\"end_time\":\"2022-02-01T11:00:00Z\"", first);
            Assert.AreEqual(rig.RecordId(1), (string)rig.Transport.Ledger[0]);
            rig.Uploader.FillStatus(rig.Status);
            Assert.IsFalse(rig.Status.UploadWaitingForClock);
        }

        [TestMethod]
        public void A_session_cost_is_the_sum_of_its_records_shown_beside_the_server_cross_check()
        {
            UploadRig rig = new UploadRig();
            rig.Ring.Add(UploadRig.T0, 1000, 5, RecordFlags.None);
            rig.Ring.Add(UploadRig.T0 + 1800, 2000, 5, RecordFlags.None);
            rig.Ring.Add(UploadRig.T0 + 3600, 400, 5, RecordFlags.SessionEnd);
            rig.Transport.SessionBody = "{\"data\":[{\"energy\":{\"value\":3400},\"cost\":{\"value\":850.5}}]}";
            Assert.IsTrue(rig.Drain(10000));
            rig.RunUntil(rig.Transport.Now + 2000, 100);
            Assert.Contains("/costs/session/chg-0001-1234abcd-s5", (string)rig.Transport.Log[rig.Transport.Log.Count - 1]);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(5u, rig.Status.LastSessionNumber);
            Assert.AreEqual(3400L * 250000, rig.Status.LastSessionCostMicros);
            Assert.AreEqual(3, rig.Status.LastSessionCostRecords);
            Assert.AreEqual("answered", rig.Status.LastSessionServerCostState);
            Assert.AreEqual(850500000L, rig.Status.LastSessionServerCostMicros);
        }

        [TestMethod]
        public void A_session_the_server_does_not_know_shows_not_available()
        {
            UploadRig rig = new UploadRig();
            rig.Ring.Add(UploadRig.T0, 1000, 9, RecordFlags.SessionEnd);
            Assert.IsTrue(rig.Drain(10000));
            rig.Transport.Script.Add(Reply.Error(404, "not_found"));
            rig.RunUntil(rig.Transport.Now + 2000, 100);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual("not available", rig.Status.LastSessionServerCostState);
            Assert.IsFalse(rig.Status.LastSessionServerCostAvailable);
            Assert.AreEqual(250000000L, rig.Status.LastSessionCostMicros);
            uint pending;
            Assert.IsFalse(rig.Uploader.Costs.TryGetUnchecked(out pending));
        }

        [TestMethod]
        public void The_ring_shows_nearly_full_from_80_percent_of_its_capacity_waiting_until_the_backlog_drains()
        {
            UploadRig rig = new UploadRig();
            rig.Ring.Limit = 10;
            rig.AddRecords(7);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(7, rig.Status.Backlog);
            Assert.IsFalse(rig.Status.RingNearlyFull, "7 of 10 records waiting is not nearly full");
            rig.AddRecords(1);
            rig.Uploader.FillStatus(rig.Status);
            Assert.IsTrue(rig.Status.RingNearlyFull, "8 of 10 records waiting is nearly full");
            Assert.IsTrue(rig.Drain(60000));
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(0, rig.Status.Backlog);
            Assert.IsFalse(rig.Status.RingNearlyFull, "a drained ring is not nearly full, though its sent records are still held");
        }

        [TestMethod]
        public void A_2xx_that_is_not_a_meter_record_keeps_the_record_for_another_try()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(new Reply { Status = 200, Body = "<html>Wi-Fi login</html>", ContentType = "text/html" });
            rig.RunUntil(300, 100);
            Assert.AreEqual(0u, rig.Watermarks.SentUpTo);
            rig.Uploader.FillStatus(rig.Status);
            Assert.Contains("not JSON", rig.Status.LastUploadError);
            Assert.IsTrue(rig.Drain(10000));
            Assert.AreEqual(1u, rig.Watermarks.SentUpTo);
        }

        [TestMethod]
        public void The_token_is_renewed_before_it_expires()
        {
            UploadRig rig = new UploadRig();
            rig.Transport.ExpiresInSeconds = 1200;
            long lastLogin = -1;
            int logins = 0;
            for (int i = 0; i < 24; i++)
            {
                rig.AddRecords(1);
                rig.RunUntil(rig.Transport.Now + 5 * 60 * 1000, 1000);
            }

            for (int i = 0; i < rig.Transport.Log.Count; i++)
            {
                if (!((string)rig.Transport.Log[i]).EndsWith("/login ")) continue;
                long at = (long)rig.Transport.StartTimes[i];
                if (lastLogin >= 0) Assert.IsTrue(at - lastLogin < 1200 * 1000, "token used past its expiry");
                lastLogin = at;
                logins++;
            }

            Assert.IsTrue(logins >= 6, "logins: " + logins);
            Assert.AreEqual(24, rig.Transport.Ledger.Count);
            Assert.AreEqual(0, rig.Uploader.Counters.CredentialRefusals);
        }

        [TestMethod]
        public void A_record_that_cannot_be_written_is_quarantined_locally_and_does_not_stop_the_queue()
        {
            UploadRig rig = new UploadRig();
            Record bad = new Record { Start = 1000, DurationSeconds = 1800, Wh = 1, ConfidencePercent = 5 };
            rig.Ring.Append(ref bad, 0);
            rig.AddRecords(2);
            Assert.IsTrue(rig.Drain(10000) || rig.Uploader.Side.QuarantinedCount == 1);
            Assert.AreEqual(2, rig.Transport.Ledger.Count);
            Assert.AreEqual(1, rig.Uploader.Side.QuarantinedCount);
            Assert.AreEqual(3u, rig.Watermarks.SentUpTo);
        }

        [TestMethod]
        public void The_previous_records_answer_a_200_error_or_a_portal_page_acknowledges_nothing()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(2);
            rig.Transport.Script.Add(new Reply { Body = FakeHttpTransport.MeterRecord(rig.RecordId(0), 1000) });
            rig.Transport.Script.Add(new Reply { Body = "{\"id\":\"err_1\",\"object\":\"error\",\"code\":\"api_error\"}" });
            rig.Transport.Script.Add(new Reply { Body = "{\"id\":\"portal-7\"}" });
            while (rig.Transport.Script.Count > 0 || rig.Uploader.Busy)
            {
                rig.Transport.Now += 100;
                rig.Uploader.Step(rig.Transport.Now);
                Assert.AreEqual(0u, rig.Watermarks.SentUpTo, "a foreign answer moved SentUpTo");
            }

            Assert.IsTrue(rig.Drain(600000));
            Assert.AreEqual(2u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(3, rig.Uploader.Counters.ForeignAnswers);
            Assert.AreEqual(0, rig.Uploader.Counters.UnverifiedAcknowledgements);
        }

        [TestMethod]
        public void A_meter_record_without_an_echo_is_taken_and_counted_unverified()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(1);
            rig.Transport.Script.Add(new Reply { Body = "{\"id\":\"mre_1\",\"object\":\"meter_record\",\"data\":{\"energy\":{\"value\":1001}}}" });
            Assert.IsTrue(rig.Drain(60000));
            Assert.AreEqual(1u, rig.Watermarks.SentUpTo);
            Assert.AreEqual(1, rig.Uploader.Counters.UnverifiedAcknowledgements);
        }

        [TestMethod]
        public void A_record_whose_epoch_can_never_be_learnt_goes_with_an_estimated_time_flagged_and_counted()
        {
            UploadRig rig = new UploadRig();
            rig.Options.SendConfidence = true;
            rig.Uploader = new Uploader(rig.Options, rig.Transport, rig.Ring, rig.Watermarks, rig.Store, rig.Files, rig.Epochs, null);
            rig.Uploader.Start(0);
            rig.Epochs.Learnable = false;
            Record r = new Record { Start = 100, DurationSeconds = 1700, Wh = 5, Boot = 2, ConfidencePercent = 100, Flags = RecordFlags.BootRelativeTime };
            rig.Ring.Append(ref r, 0);
            rig.AddRecords(1);
            Assert.IsTrue(rig.Drain(10000), "the queue waited for an epoch that cannot be known");
            string first = (string)rig.Transport.Log[1];
            Assert.Contains("\"start_time\":\"2022-02-01T10:31:40Z\",\"end_time\":\"2022-02-01T11:00:00Z\"", first);
            Assert.Contains("\"confidence\":0.5", first);
            Assert.AreEqual(1, rig.Uploader.Counters.EstimatedEpochRecords);
            Assert.AreEqual(1, rig.Epochs.EstimatesAdded);
        }

        private static string LongSessionAnswer(int entries, long costEach)
        {
            string body = "{\"id\":\"ecs_1\",\"object\":\"energy_cost\",\"currency_code\":\"GBP\",\"data\":[";
            for (int i = 0; i < entries; i++)
            {
                if (i > 0) body += ",";
                body += "{\"start_time\":\"2022-02-01T10:30:00Z\",\"end_time\":\"2022-02-01T11:00:00Z\",\"session_reference_id\":\"chg-0001-1234abcd-s5\","
                    + "\"record_reference_id\":\"chg-0001-1234abcd-r" + (i + 1) + "\",\"energy\":{\"value\":100},\"cost\":{\"value\":" + costEach + ",\"confidence\":1}}";
            }

            return body + "],\"account_id\":\"acc_1\"}";
        }

        [TestMethod]
        public void An_overnight_sessions_long_cost_answer_is_read_whole_and_the_next_session_is_checked_too()
        {
            UploadRig rig = new UploadRig();
            for (int i = 0; i < 19; i++) rig.Ring.Add(UploadRig.T0 + i * 1800L, 100, 5, RecordFlags.None);
            rig.Ring.Add(UploadRig.T0 + 19 * 1800L, 100, 5, RecordFlags.SessionEnd);
            rig.Transport.SessionBody = LongSessionAnswer(20, 2);
            Assert.IsTrue(rig.Transport.SessionBody.Length > Uploader.MaxResponseBytes, "the answer must be longer than the response buffer");
            Assert.IsTrue(rig.Drain(10000));
            rig.RunUntil(rig.Transport.Now + 2000, 100);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual("answered", rig.Status.LastSessionServerCostState, rig.Status.LastUploadError);
            Assert.AreEqual(40000000L, rig.Status.LastSessionServerCostMicros);

            rig.Ring.Add(UploadRig.T0 + 20 * 1800L, 100, 6, RecordFlags.SessionEnd);
            rig.Transport.SessionBody = "{\"data\":[{\"energy\":{\"value\":100},\"cost\":{\"value\":3}}]}";
            Assert.IsTrue(rig.Drain(10000));
            rig.RunUntil(rig.Transport.Now + 2000, 100);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual(6u, rig.Status.LastSessionNumber);
            Assert.AreEqual(3000000L, rig.Status.LastSessionServerCostMicros);
        }

        [TestMethod]
        public void A_cost_check_that_keeps_failing_is_given_up_and_never_delays_a_record()
        {
            UploadRig rig = new UploadRig();
            rig.Ring.Add(UploadRig.T0, 100, 5, RecordFlags.SessionEnd);
            rig.Transport.SessionBody = "<html>portal</html>";
            Assert.IsTrue(rig.Drain(10000));
            long end = rig.Transport.Now + 2L * 3600 * 1000;
            long added = -1;
            while (rig.Transport.Now < end)
            {
                rig.Transport.Now += 1000;
                rig.Uploader.Step(rig.Transport.Now);
                if (added < 0 && rig.Transport.Now > 90000)
                {
                    rig.Ring.Add(UploadRig.T0 + 1800, 200, 0, RecordFlags.None);
                    added = rig.Transport.Now;
                }

                if (added > 0 && rig.Watermarks.SentUpTo < 2) Assert.IsTrue(rig.Transport.Now - added < 5000, "a failing cost check delayed a record");
            }

            Assert.AreEqual(1, rig.Uploader.Counters.SessionChecksGivenUp);
            rig.Uploader.FillStatus(rig.Status);
            Assert.AreEqual("given up", rig.Status.LastSessionServerCostState);
            int asked = 0;
            for (int i = 0; i < rig.Transport.Log.Count; i++)
            {
                if (((string)rig.Transport.Log[i]).IndexOf("/costs/session/") >= 0) asked++;
            }

            Assert.AreEqual(Uploader.MaxSessionCheckTries, asked);
        }
    }
}
