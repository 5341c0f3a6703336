using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class MemoryFileStoreTests
    {
        [TestMethod]
        public void The_memory_store_lists_each_file_once_after_any_writes_and_deletes()
        {
            FileStoreChurn.Run(new MemoryFileStore(), 600);
        }

        [TestMethod]
        public void A_file_planted_after_other_files_were_deleted_is_listed_once()
        {
            MemoryFileStore store = new MemoryFileStore();
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
    }
}
