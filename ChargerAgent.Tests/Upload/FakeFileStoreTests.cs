using ChargerAgent.Tests.Storage;
using ChargerAgent.Tests.Upload.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class FakeFileStoreTests
    {
        [TestMethod]
        public void The_upload_tests_file_store_lists_each_file_once_after_any_writes_and_deletes()
        {
            FileStoreChurn.Run(new FakeFileStore(null), 600);
        }

        [TestMethod]
        public void After_a_power_cut_the_upload_tests_file_store_lists_each_flushed_file_once()
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
    }
}
