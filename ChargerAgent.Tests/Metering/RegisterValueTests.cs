using ChargerAgent.Core.Metering.Profiles;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Metering
{
    [TestClass]
    public class RegisterValueTests
    {
        // Bit patterns from an independent encoder (Python struct.pack('>f')).
        [DataRow(0x4640E6B6u, 12345678L)] // 12345.677734375 kWh -> 12345677.73 Wh
        [DataRow(0x3D800000u, 63L)] // 0.0625 kWh = 62.5 Wh: a half rounds up
        [DataRow(0x3F802000u, 1001L)] // 1.0009765625 kWh = 1000.98 Wh
        [DataRow(0x461C4000u, 10000000L)] // 10000 kWh
        [DataRow(0x47C35000u, 100000000L)] // 100000 kWh
        [DataRow(0x00000000u, 0L)]
        [DataRow(0x00000001u, 0L)] // smallest subnormal
        public void Float32_kWh_becomes_Wh_rounded_to_nearest(uint bits, long wh)
        {
            long scaled;
            long resolution;
            Assert.IsNull(RegisterValue.TryScaleFloat(bits, 1000, 1, out scaled, out resolution));
            Assert.AreEqual(wh, scaled);
        }

        [TestMethod]
        public void Float32_resolution_grows_with_the_reading()
        {
            long scaled;
            long resolution;
            RegisterValue.TryScaleFloat(0x461C4000u, 1000, 1, out scaled, out resolution); // 10 MWh
            Assert.AreEqual(977L, resolution); // 2^-10 kWh = 0.977 Wh
            RegisterValue.TryScaleFloat(0x47C35000u, 1000, 1, out scaled, out resolution); // 100 MWh
            Assert.AreEqual(7813L, resolution); // 2^-7 kWh = 7.8 Wh
            RegisterValue.TryScaleFloat(0x449A5000u, 1000, 1, out scaled, out resolution); // 1234.5 kWh
            Assert.AreEqual(1234500L, scaled);
            Assert.AreEqual(122L, resolution); // 2^-13 kWh
        }

        [TestMethod]
        public void NaN_and_infinity_are_refused()
        {
            long scaled;
            long resolution;
            Assert.AreEqual(RegisterValue.NotANumber, RegisterValue.TryScaleFloat(0x7FC00000u, 1000, 1, out scaled, out resolution));
            Assert.AreEqual(RegisterValue.NotANumber, RegisterValue.TryScaleFloat(0x7F800000u, 1000, 1, out scaled, out resolution));
        }

        [TestMethod]
        public void A_negative_float_stays_negative()
        {
            long scaled;
            long resolution;
            Assert.IsNull(RegisterValue.TryScaleFloat(0xBF800000u, 1000, 1, out scaled, out resolution));
            Assert.AreEqual(-1000L, scaled);
        }

        [TestMethod]
        public void ABB_uint64_hundredths_of_kWh_become_exact_Wh()
        {
            // 0x00000000000D1290 = 856720 × 0.01 kWh = 8567.20 kWh
            ushort[] registers = new ushort[] { 0x0000, 0x0000, 0x000D, 0x1290 };
            long wh;
            long resolution;
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.UInt64, WordOrder.HighWordFirst, 10, 1, out wh, out resolution));
            Assert.AreEqual(8567200L, wh);
            Assert.AreEqual(10000L, resolution);
        }

        [TestMethod]
        public void Word_order_swaps_whole_registers()
        {
            ushort[] registers = new ushort[] { 0x1290, 0x000D, 0x0000, 0x0000 };
            long wh;
            long resolution;
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.UInt64, WordOrder.LowWordFirst, 10, 1, out wh, out resolution));
            Assert.AreEqual(8567200L, wh);
            ushort[] pair = new ushort[] { 0xE6B6, 0x4640 };
            Assert.IsNull(RegisterValue.TryScale(pair, RegisterDataType.Float32, WordOrder.LowWordFirst, 1000, 1, out wh, out resolution));
            Assert.AreEqual(12345678L, wh);
        }

        [TestMethod]
        public void Signed_and_unsigned_32_bit_values_differ_only_above_the_sign_bit()
        {
            ushort[] registers = new ushort[] { 0xFFFF, 0xFFF6 };
            long value;
            long resolution;
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.Int32, WordOrder.HighWordFirst, 1, 100, out value, out resolution));
            Assert.AreEqual(0L, value); // -0.10 W rounds to 0
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.Int32, WordOrder.HighWordFirst, 1, 1, out value, out resolution));
            Assert.AreEqual(-10L, value);
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.UInt32, WordOrder.HighWordFirst, 1, 1, out value, out resolution));
            Assert.AreEqual(4294967286L, value);
        }

        [TestMethod]
        public void A_negative_Int32_power_register_reads_negative_in_either_word_order()
        {
            // -1500.00 W as an Int32 in hundredths (ABB B21/B23 active power): 0xFFFDB610.
            long value;
            long resolution;
            Assert.IsNull(RegisterValue.TryScale(new ushort[] { 0xFFFD, 0xB610 }, RegisterDataType.Int32, WordOrder.HighWordFirst, 1, 100, out value, out resolution));
            Assert.AreEqual(-1500L, value);
            Assert.IsNull(RegisterValue.TryScale(new ushort[] { 0xB610, 0xFFFD }, RegisterDataType.Int32, WordOrder.LowWordFirst, 1, 100, out value, out resolution));
            Assert.AreEqual(-1500L, value);
            Assert.IsNull(RegisterValue.TryScale(new ushort[] { 0x8000, 0x0000 }, RegisterDataType.Int32, WordOrder.HighWordFirst, 1, 1, out value, out resolution));
            Assert.AreEqual(-2147483648L, value);
        }

        [TestMethod]
        public void Integer_scaling_rounds_halves_away_from_zero()
        {
            ushort[] registers = new ushort[] { 0x0000, 0x0003 };
            long value;
            long resolution;
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.UInt32, WordOrder.HighWordFirst, 1, 2, out value, out resolution));
            Assert.AreEqual(2L, value);
            registers[1] = 0xFFFD; // -3 / 2 = -1.5 -> -2
            registers[0] = 0xFFFF;
            Assert.IsNull(RegisterValue.TryScale(registers, RegisterDataType.Int32, WordOrder.HighWordFirst, 1, 2, out value, out resolution));
            Assert.AreEqual(-2L, value);
        }

        [TestMethod]
        public void A_uint64_above_the_signed_range_is_out_of_range_not_negative()
        {
            ushort[] registers = new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF }; // ABB: "no data"
            long wh;
            long resolution;
            Assert.AreEqual(RegisterValue.OutOfRange,
                RegisterValue.TryScale(registers, RegisterDataType.UInt64, WordOrder.HighWordFirst, 10, 1, out wh, out resolution));
            registers[0] = 0x7FFF; // fits, but × 10 overflows
            Assert.AreEqual(RegisterValue.OutOfRange,
                RegisterValue.TryScale(registers, RegisterDataType.UInt64, WordOrder.HighWordFirst, 10, 1, out wh, out resolution));
            Assert.AreEqual(0L, wh);
        }
    }
}
