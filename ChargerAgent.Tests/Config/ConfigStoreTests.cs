using ChargerAgent.Core.Config;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Config
{
    [TestClass]
    public class ConfigStoreTests
    {
        [TestMethod]
        public void A_missing_file_says_so()
        {
            ConfigStore store = new ConfigStore(new FakeFileStore());
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(store.TryLoad(values, out problem));
            Assert.AreEqual("no configuration: config.txt is missing", problem);
        }

        [TestMethod]
        public void Save_then_load_gives_back_the_values_and_syncs_once()
        {
            FakeFileStore files = new FakeFileStore();
            ConfigStore store = new ConfigStore(files);
            store.Save(ConfigSamples.ValidModbus());
            Assert.AreEqual(1, files.Flushes);
            ConfigValues loaded = new ConfigValues();
            string problem;
            Assert.IsTrue(store.TryLoad(loaded, out problem), problem);
            Assert.AreEqual("sdm630", loaded.Get(ConfigKeys.ModbusProfile));
            Assert.AreEqual(ConfigSamples.ApiKey, loaded.Get(ConfigKeys.ApiKey));
            Assert.Contains("flatpeak.api_key = " + ConfigSamples.ApiKey, files.TextOf(ConfigStore.FileName));
        }

        [TestMethod]
        public void A_bad_file_names_the_file_line_and_key()
        {
            FakeFileStore files = new FakeFileStore();
            files.Put(ConfigStore.FileName, "meter.kind = s0\nmodbus.address = 300\n");
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(new ConfigStore(files).TryLoad(values, out problem));
            Assert.AreEqual("config.txt line 2: modbus.address: 300 is outside 1-247", problem);
        }

        [TestMethod]
        public void An_oversized_file_is_refused_before_it_is_read()
        {
            FakeFileStore files = new FakeFileStore();
            files.Put(ConfigStore.FileName, new string('#', ConfigText.MaxFileBytes + 1));
            ConfigValues values = new ConfigValues();
            string problem;
            Assert.IsFalse(new ConfigStore(files).TryLoad(values, out problem));
            Assert.Contains("larger than 4096 bytes", problem);
        }
    }
}
