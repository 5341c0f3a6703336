using System;
using ChargerAgent.Core.Metering.Profiles;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class MeterProfilesTests
    {
        [TestMethod]
        public void Eastron_meters_read_import_energy_as_float32_kWh_from_input_register_0x0048()
        {
            MeterProfile[] eastron = new MeterProfile[] { MeterProfiles.Sdm120, MeterProfiles.Sdm230, MeterProfiles.Sdm630, MeterProfiles.Sdm72 };
            for (int i = 0; i < eastron.Length; i++)
            {
                Assert.AreEqual((byte)4, eastron[i].Function, eastron[i].Name);
                Assert.AreEqual((ushort)0x0048, eastron[i].EnergyRegister, eastron[i].Name);
                Assert.AreEqual((byte)RegisterDataType.Float32, (byte)eastron[i].EnergyType, eastron[i].Name);
                Assert.AreEqual(1000L, eastron[i].WhPerUnitNumerator, eastron[i].Name);
                Assert.IsTrue(eastron[i].HasPower, eastron[i].Name);
            }

            Assert.AreEqual((ushort)0x000C, MeterProfiles.Sdm120.PowerRegister);
            Assert.AreEqual((ushort)0x000C, MeterProfiles.Sdm230.PowerRegister);
            Assert.AreEqual((ushort)0x0034, MeterProfiles.Sdm630.PowerRegister);
            Assert.AreEqual((ushort)0x0034, MeterProfiles.Sdm72.PowerRegister);
        }

        [TestMethod]
        public void ABB_meters_read_uint64_hundredths_of_kWh_from_holding_register_0x5000()
        {
            MeterProfile[] abb = new MeterProfile[] { MeterProfiles.AbbB21, MeterProfiles.AbbB23 };
            for (int i = 0; i < abb.Length; i++)
            {
                Assert.AreEqual((byte)3, abb[i].Function);
                Assert.AreEqual((ushort)0x5000, abb[i].EnergyRegister);
                Assert.AreEqual(4, abb[i].EnergyRegisterCount);
                Assert.AreEqual(10L, abb[i].WhPerUnitNumerator);
                Assert.AreEqual(1L, abb[i].WhPerUnitDenominator);
            }
        }

        [TestMethod]
        public void Every_profile_is_found_by_its_unique_name()
        {
            MeterProfile[] all = MeterProfiles.All();
            for (int i = 0; i < all.Length; i++)
            {
                MeterProfile found;
                Assert.IsTrue(MeterProfiles.TryFind(all[i].Name, out found));
                Assert.AreSame(all[i], found);
                for (int j = i + 1; j < all.Length; j++)
                {
                    Assert.AreNotEqual(all[i].Name, all[j].Name);
                }
            }

            MeterProfile missing;
            Assert.IsFalse(MeterProfiles.TryFind("sdm999", out missing));
            Assert.IsNull(missing);
        }

        [TestMethod]
        public void A_generic_profile_is_checked_up_front()
        {
            MeterProfile generic = MeterProfiles.Generic(3, 0x0100, RegisterDataType.UInt32, WordOrder.LowWordFirst, 100, 1, 9600);
            Assert.IsFalse(generic.HasPower);
            Assert.AreEqual(2, generic.EnergyRegisterCount);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException),
                () => MeterProfiles.Generic(6, 0, RegisterDataType.UInt32, WordOrder.HighWordFirst, 1, 1, 9600));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException),
                () => MeterProfiles.Generic(3, 0xFFFE, RegisterDataType.UInt64, WordOrder.HighWordFirst, 1, 1, 9600));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException),
                () => MeterProfiles.Generic(3, 0, RegisterDataType.UInt32, WordOrder.HighWordFirst, 0, 1, 9600));
        }
    }
}
