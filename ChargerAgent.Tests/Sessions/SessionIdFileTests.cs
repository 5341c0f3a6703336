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
        public void A_torn_last_line_is_ignored()
        {
            FakeFileStore files = new FakeFileStore();
            new SessionIdFile(files).Add(7, "whole");
            byte[] torn = { (byte)'8', (byte)' ', (byte)'h', (byte)'a' };
            files.Append(SessionIdFile.FileName, torn, 0, torn.Length);
            SessionIdFile reloaded = new SessionIdFile(files);
            string id;
            Assert.IsTrue(reloaded.TryGetId(7, out id));
            Assert.IsFalse(reloaded.TryGetId(8, out id));
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
