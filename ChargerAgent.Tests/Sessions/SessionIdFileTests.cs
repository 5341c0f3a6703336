using ChargerAgent.Core.Sessions;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Sessions
{
    [TestClass]
    public class SessionIdFileTests
    {
        [TestMethod]
        public void Caller_ids_survive_a_reload_and_the_newest_line_wins()
        {
            FakeFileStore files = new FakeFileStore();
            SessionIdFile ids = new SessionIdFile(files);
            ids.Add(1, "car-1");
            ids.Add(2, "lost-by-a-cut");
            ids.Add(2, "car_2");
            SessionIdFile reloaded = new SessionIdFile(files);
            string id;
            Assert.IsTrue(reloaded.TryGetId(1, out id));
            Assert.AreEqual("car-1", id);
            Assert.IsTrue(reloaded.TryGetId(2, out id));
            Assert.AreEqual("car_2", id);
            Assert.IsFalse(reloaded.TryGetId(3, out id));
        }

        [TestMethod]
        public void A_torn_last_entry_is_ignored_and_the_next_id_still_reads_back()
        {
            FakeFileStore files = new FakeFileStore();
            new SessionIdFile(files).Add(7, "whole");
            byte[] torn = { 1, 2, 8, 0, 0, 0, 0x1A };
            files.Append(SessionIdFile.FileName, torn, 0, torn.Length);
            SessionIdFile reloaded = new SessionIdFile(files);
            string id;
            Assert.IsTrue(reloaded.TryGetId(7, out id));
            Assert.IsFalse(reloaded.TryGetId(8, out id));
            reloaded.Add(9, "after-the-cut");
            SessionIdFile again = new SessionIdFile(files);
            Assert.IsTrue(again.TryGetId(9, out id));
            Assert.AreEqual("after-the-cut", id);
            Assert.IsTrue(again.TryGetId(7, out id));
        }

        [TestMethod]
        public void Every_id_character_survives_the_packed_entry()
        {
            FakeFileStore files = new FakeFileStore();
            SessionIdFile ids = new SessionIdFile(files);
            string all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            ids.Add(1, all);
            ids.Add(2, "_");
            ids.Add(3, "Zz9-");
            SessionIdFile reloaded = new SessionIdFile(files);
            string id;
            Assert.IsTrue(reloaded.TryGetId(1, out id));
            Assert.AreEqual(all, id);
            Assert.IsTrue(reloaded.TryGetId(2, out id));
            Assert.AreEqual("_", id);
            Assert.IsTrue(reloaded.TryGetId(3, out id));
            Assert.AreEqual("Zz9-", id);
        }

        [TestMethod]
        public void The_file_stays_within_its_byte_budget_with_every_slot_waiting()
        {
            FakeFileStore files = new FakeFileStore();
            SessionIdFile ids = new SessionIdFile(files);
            string longest = new string('q', 64);
            for (uint session = 1; session <= 1000; session++)
            {
                uint lowest = session > SessionIdFile.KeptEntries ? session - SessionIdFile.KeptEntries + 1 : 0;
                ids.Add(session, longest, lowest);
                Assert.IsTrue(files.Length(SessionIdFile.FileName) <= SessionIdFile.MaxFileBytes, "after session " + session);
            }

            Assert.AreEqual(SessionIdFile.KeptEntries, ids.Count);
            SessionIdFile reloaded = new SessionIdFile(files);
            Assert.IsTrue(reloaded.TryGetId(1000, out string id));
            Assert.AreEqual(longest, id);
            Assert.IsTrue(reloaded.TryGetId(1000 - SessionIdFile.KeptEntries + 1, out id));
        }

        [TestMethod]
        public void Ids_with_other_characters_or_too_long_are_refused()
        {
            Assert.IsFalse(SessionIdFile.IsValidId("a b"));
            Assert.IsFalse(SessionIdFile.IsValidId(""));
            Assert.IsFalse(SessionIdFile.IsValidId(new string('x', 65)));
            Assert.IsTrue(SessionIdFile.IsValidId(new string('x', 64)));
        }
    }
}
