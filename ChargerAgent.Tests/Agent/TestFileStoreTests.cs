using ChargerAgent.Tests.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class TestFileStoreTests
    {
        [TestMethod]
        public void The_agent_tests_file_store_lists_each_file_once_after_any_writes_and_deletes()
        {
            FileStoreChurn.Run(new TestFileStore(), 600);
        }
    }
}
