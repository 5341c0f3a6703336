using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentRecordTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        private static void AssertRecord(Record r, long start, long end, uint wh, uint session, RecordFlags flags)
        {
            Assert.AreEqual(Rfc3339.Format(start), Rfc3339.Format(r.Start), "start of Seq " + r.Seq);
            Assert.AreEqual(end - start, (long)r.DurationSeconds, "duration of Seq " + r.Seq);
            Assert.AreEqual(wh, r.Wh, "Wh of Seq " + r.Seq);
            Assert.AreEqual(session, r.Session, "session of Seq " + r.Seq);
            Assert.AreEqual((int)flags, (int)r.Flags, "flags of Seq " + r.Seq);
            Assert.AreEqual((byte)100, r.ConfidencePercent);
            Assert.IsTrue(r.IsWellFormed);
        }

        [TestMethod]
        public void Records_start_and_end_exactly_on_the_half_hours()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(11, 0, 0), 1);
            Assert.AreEqual(2, rig.Ring.Count);
            AssertRecord(rig.At(0), T(10, 0, 0), T(10, 30, 0), 1800, 0, RecordFlags.None);
            AssertRecord(rig.At(1), T(10, 30, 0), T(11, 0, 0), 1800, 0, RecordFlags.None);
            Assert.AreEqual(1u, rig.At(0).Seq);
            Assert.AreEqual(2u, rig.At(1).Seq);
        }

        [TestMethod]
        public void A_session_starting_at_10_29_59_gets_a_one_second_record_before_the_boundary()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 29, 59), 1);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 40, 0), 1);
            Assert.IsTrue(rig.Stop());
            Assert.AreEqual(3, rig.Ring.Count);
            AssertRecord(rig.At(0), T(10, 0, 0), T(10, 29, 59), 1799, 0, RecordFlags.None);
            AssertRecord(rig.At(1), T(10, 29, 59), T(10, 30, 0), 1, 1, RecordFlags.None);
            AssertRecord(rig.At(2), T(10, 30, 0), T(10, 40, 0), 600, 1, RecordFlags.SessionEnd);
        }

        [TestMethod]
        public void A_session_starting_at_10_30_00_needs_no_cut()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 30, 0), 1);
            Assert.IsTrue(rig.Start(null));
            rig.RunUntil(T(10, 45, 0), 1);
            Assert.IsTrue(rig.Stop());
            Assert.AreEqual(2, rig.Ring.Count);
            AssertRecord(rig.At(0), T(10, 0, 0), T(10, 30, 0), 1800, 0, RecordFlags.None);
            AssertRecord(rig.At(1), T(10, 30, 0), T(10, 45, 0), 900, 1, RecordFlags.SessionEnd);
        }

        [TestMethod]
        public void A_session_shorter_than_a_minute_is_its_own_record()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Start(null);
            rig.RunUntil(T(10, 10, 40), 2);
            rig.Stop();
            rig.RunUntil(T(10, 30, 0), 1);
            Assert.AreEqual(3, rig.Ring.Count);
            AssertRecord(rig.At(0), T(10, 0, 0), T(10, 10, 0), 600, 0, RecordFlags.None);
            AssertRecord(rig.At(1), T(10, 10, 0), T(10, 10, 40), 80, 1, RecordFlags.SessionEnd);
            AssertRecord(rig.At(2), T(10, 10, 40), T(10, 30, 0), 1160, 0, RecordFlags.None);
        }

        [TestMethod]
        public void A_session_started_and_stopped_in_the_same_second_takes_one_second_and_nothing_overlaps()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Start(null);
            rig.Stop();
            rig.RunUntil(T(10, 30, 0), 1);
            Assert.AreEqual(3, rig.Ring.Count);
            AssertRecord(rig.At(1), T(10, 10, 0), T(10, 10, 1), 0, 1, RecordFlags.SessionEnd);
            AssertRecord(rig.At(2), T(10, 10, 1), T(10, 30, 0), 1200, 0, RecordFlags.None);
        }

        [TestMethod]
        public void Idle_half_hours_without_energy_are_not_stored_but_the_chargers_own_draw_is()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(11, 0, 0), 0);
            Assert.AreEqual(0, rig.Ring.Count);
            rig.Run(1, 3);
            rig.RunUntil(T(11, 30, 0), 0);
            Assert.AreEqual(1, rig.Ring.Count);
            AssertRecord(rig.At(0), T(11, 0, 0), T(11, 30, 0), 3, 0, RecordFlags.None);
        }

        [TestMethod]
        public void A_session_with_no_energy_still_has_its_records_and_its_end()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Start("plugged-in-only");
            rig.RunUntil(T(10, 45, 0), 0);
            rig.Stop();
            Assert.AreEqual(2, rig.Ring.Count);
            AssertRecord(rig.At(0), T(10, 0, 0), T(10, 30, 0), 0, 1, RecordFlags.None);
            AssertRecord(rig.At(1), T(10, 30, 0), T(10, 45, 0), 0, 1, RecordFlags.SessionEnd);
            Assert.AreEqual("plugged-in-only", rig.Agent.SessionReferenceId(1));
        }

        [DataRow(2022, 1, 31, 23, 45)]
        [DataRow(2023, 12, 31, 23, 45)]
        [DataRow(2024, 2, 28, 23, 45)]
        [DataRow(2024, 2, 29, 23, 45)]
        [DataRow(2023, 2, 28, 23, 45)]
        [DataRow(2024, 3, 31, 0, 45)]
        [DataRow(2024, 10, 27, 0, 45)]
        [DataRow(2024, 3, 10, 9, 45)]
        [DataRow(2024, 11, 3, 8, 45)]
        public void A_session_across_midnight_month_end_leap_day_or_a_DST_change_splits_on_the_UTC_half_hour(
            int year, int month, int day, int hour, int minute)
        {
            long sessionStart = CivilTime.ToUnixSeconds(year, month, day, hour, minute, 0);
            long boundary = HalfHour.Next(sessionStart);
            AgentRig rig = new AgentRig(sessionStart - 900, true, true);
            rig.RunUntil(sessionStart, 0);
            rig.Start(null);
            rig.RunUntil(sessionStart + 1800, 2);
            rig.Stop();
            rig.RunUntil(sessionStart + 3600, 0);
            Assert.AreEqual(2, rig.Ring.Count);
            AssertRecord(rig.At(0), sessionStart, boundary, 1800, 1, RecordFlags.None);
            AssertRecord(rig.At(1), boundary, sessionStart + 1800, 1800, 1, RecordFlags.SessionEnd);
            Assert.IsTrue(HalfHour.IsBoundary(rig.At(1).Start));
        }

        [TestMethod]
        public void Generated_session_ids_name_device_generation_and_number()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Start(null);
            rig.Run(10, 1);
            rig.Stop();
            rig.Start("car_42");
            rig.Run(10, 1);
            rig.Stop();
            Assert.AreEqual("test-1-1234abcd-s1", rig.Agent.SessionReferenceId(1));
            Assert.AreEqual("car_42", rig.Agent.SessionReferenceId(2));
        }

        [TestMethod]
        public void Session_commands_are_refused_when_they_make_no_sense()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            string problem;
            Assert.IsFalse(rig.Agent.StopSession(out problem));
            Assert.IsNotNull(problem);
            Assert.IsFalse(rig.Agent.StartSession("bad id!", out problem));
            Assert.IsTrue(rig.Start(null));
            Assert.IsFalse(rig.Agent.StartSession(null, out problem));
            Assert.Contains("open", problem);
        }

        [TestMethod]
        public void The_input_signal_starts_and_stops_sessions_on_its_edges()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Agent.SetSessionSignal(true);
            rig.Run(60, 1);
            Assert.AreEqual(1u, rig.Agent.Status.Session);
            rig.Agent.SetSessionSignal(false);
            rig.Run(1, 1);
            Assert.AreEqual(0u, rig.Agent.Status.Session);
            Assert.AreEqual(2, rig.Ring.Count);
            Assert.AreEqual(0u, rig.At(0).Session);
            Assert.AreEqual(1u, rig.At(1).Session);
            Assert.AreEqual(60u, rig.At(1).Wh);
            Assert.AreEqual((int)RecordFlags.SessionEnd, (int)rig.At(1).Flags);
        }

        [TestMethod]
        public void The_power_detector_starts_after_N_seconds_above_and_stops_after_M_below()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Options.SessionSources = ChargerAgent.Core.Sessions.SessionSources.PowerDetector;
            rig.Options.DetectorStartAfterSeconds = 30;
            rig.Options.DetectorStopAfterSeconds = 120;
            rig.Reboot(0, 0, true);
            rig.Meter.PowerW = 7000;
            rig.Run(29, 2);
            Assert.AreEqual(0u, rig.Agent.Status.Session);
            rig.Run(2, 2);
            Assert.AreEqual(1u, rig.Agent.Status.Session);
            rig.Meter.PowerW = 0;
            rig.Run(119, 0);
            Assert.AreEqual(1u, rig.Agent.Status.Session);
            rig.Run(2, 0);
            Assert.AreEqual(0u, rig.Agent.Status.Session);
        }

        [TestMethod]
        public void Caller_session_ids_are_kept_for_every_session_waiting_for_upload_and_past_the_count_a_start_is_refused()
        {
            AgentRig rig = new AgentRig(CivilTime.ToUnixSeconds(2022, 2, 1, 0, 0, 0), true, true);
            rig.Agent.SetUndeliveredFloor(1, 0);
            for (int i = 1; i <= SessionIdFile.KeptEntries; i++)
            {
                Assert.IsTrue(rig.Start("car-" + i), "session " + i + " refused");
                rig.Run(60, 1);
                Assert.IsTrue(rig.Stop());
                rig.Run(60, 1);
            }

            // Nothing was acknowledged: one more caller id would push out one still needed.
            string problem;
            Assert.IsFalse(rig.Agent.StartSession("car-over", out problem));
            Assert.Contains("wait for upload", problem);
            for (uint n = 1; n <= SessionIdFile.KeptEntries; n++) Assert.AreEqual("car-" + n, rig.Agent.SessionReferenceId(n));

            rig.Reboot(10, 0, true);
            rig.Agent.SetUndeliveredFloor(1, 0);
            rig.Run(2, 0);
            for (uint n = 1; n <= SessionIdFile.KeptEntries; n++) Assert.AreEqual("car-" + n, rig.Agent.SessionReferenceId(n), "lost at the reboot");
            Assert.IsFalse(rig.Agent.StartSession("car-over", out problem));

            // Once everything up to now is acknowledged the ids may go, and a new one fits.
            rig.Agent.SetUndeliveredFloor(rig.Ring.NextSeq, 0);
            rig.Run(2, 0);
            Assert.IsTrue(rig.Start("car-new"), "refused after the records were acknowledged");
            Assert.IsTrue(rig.Files.Length(SessionIdFile.FileName) <= SessionIdFile.MaxFileBytes);
        }
    }
}
