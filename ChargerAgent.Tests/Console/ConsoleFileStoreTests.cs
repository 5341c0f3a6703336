using ChargerAgent.Tests.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Console
{
    [TestClass]
    public class ConsoleFileStoreTests
    {
        [TestMethod]
        public void The_console_tests_file_store_lists_each_file_once_after_any_writes_and_deletes()
        {
            FileStoreChurn.Run(new MemoryFileStore(), 600);
        }
    }
}
