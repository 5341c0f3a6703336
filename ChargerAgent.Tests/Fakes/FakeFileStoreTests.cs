using ChargerAgent.Tests.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Fakes
{
    [TestClass]
    public class FakeFileStoreTests
    {
        [TestMethod]
        public void The_fake_file_store_lists_each_file_once_after_any_writes_and_deletes()
        {
            FileStoreChurn.Run(new FakeFileStore(), 600);
        }

        [TestMethod]
        public void A_file_planted_after_other_files_were_deleted_is_listed_once()
        {
            FakeFileStore store = new FakeFileStore();
            byte[] one = new byte[] { 1 };
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < 8; i++) store.Plant("s" + i, one);
                for (int i = 0; i < 8; i += 2) store.Delete("s" + i);
                for (int i = 1; i < 8; i += 2) store.Plant("s" + i, new byte[] { (byte)round });
                Assert.AreEqual(4, store.List().Length, "round " + round);
                for (int i = 1; i < 8; i += 2) Assert.AreEqual((byte)round, store.Content("s" + i)[0], "round " + round);
            }
        }

        [TestMethod]
        public void After_a_power_cut_the_fake_file_store_lists_each_flushed_file_once()
        {
            FakeFileStore store = new FakeFileStore(null);
            FileStoreChurn.Run(store, 300);
            store.PowerCut();
            string[] names = store.List();
            for (int a = 0; a < names.Length; a++)
            {
                for (int b = a + 1; b < names.Length; b++) Assert.AreNotEqual(names[a], names[b], "listed twice after the cut");
            }
        }

        [TestMethod]
        public void After_a_power_cut_only_flushed_content_is_left()
        {
            FakeFileStore store = new FakeFileStore(new FakePowerLine());
            byte[] data = new byte[] { 1, 2, 3 };
            store.Write("kept", data, 0, 3);
            store.Flush("kept");
            store.Append("kept", data, 0, 3);
            store.Write("lost", data, 0, 3);
            store.PowerCut();
            Assert.AreEqual(3, (int)store.Length("kept"));
            Assert.IsFalse(store.Exists("lost"));
        }

        [TestMethod]
        public void A_store_made_without_a_power_line_keeps_every_write_through_a_power_cut()
        {
            FakeFileStore store = new FakeFileStore();
            byte[] data = new byte[] { 1, 2, 3 };
            store.Write("kept", data, 0, 3);
            store.PowerCut();
            Assert.AreEqual(3, (int)store.Length("kept"));
        }
    }
}
