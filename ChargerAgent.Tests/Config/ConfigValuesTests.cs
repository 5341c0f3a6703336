using ChargerAgent.Core.Config;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Config
{
    [TestClass]
    public class ConfigValuesTests
    {
        [TestMethod]
        public void Setting_and_unsetting_keys_in_any_order_keeps_each_key_set_once()
        {
            int keys = ConfigSchema.Count;
            bool[] set = new bool[keys];
            ConfigValues values = new ConfigValues();
            uint seed = 90;
            for (int step = 0; step < 1500; step++)
            {
                seed = seed * 1103515245u + 12345u;
                int index = (int)((seed >> 8) % (uint)keys);
                ConfigKey key = ConfigSchema.At(index);
                if (key.DefaultValue == null) continue;
                if ((seed >> 24) % 2 == 0)
                {
                    string problem;
                    Assert.IsTrue(values.TrySet(key.Name, key.DefaultValue, out problem), key.Name + ": " + problem);
                    set[index] = true;
                }
                else
                {
                    values.Unset(key.Name);
                    set[index] = false;
                }

                int expected = 0;
                for (int i = 0; i < keys; i++)
                {
                    if (set[i]) expected++;
                    Assert.AreEqual(set[i], values.IsSet(ConfigSchema.At(i).Name), "step " + step + ": " + ConfigSchema.At(i).Name);
                }

                Assert.AreEqual(expected, values.Count, "step " + step + ": keys set");
            }
        }

        [TestMethod]
        public void A_copy_holds_each_key_once_after_keys_were_unset()
        {
            ConfigValues source = ConfigSamples.ValidS0();
            ConfigValues copy = new ConfigValues();
            for (int round = 0; round < 10; round++)
            {
                copy.CopyFrom(source);
                Assert.AreEqual(source.Count, copy.Count, "round " + round);
                string problem;
                copy.Unset(ConfigKeys.WifiSsid);
                copy.Unset(ConfigKeys.DeviceId);
                Assert.IsTrue(copy.TrySet(ConfigKeys.WifiSsid, "net " + round, out problem), problem);
                Assert.AreEqual(source.Count - 1, copy.Count, "round " + round);
            }
        }
    }
}
