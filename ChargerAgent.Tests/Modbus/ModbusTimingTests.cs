using ChargerAgent.Core.Modbus;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Modbus
{
    [TestClass]
    public class ModbusTimingTests
    {
        // 3.5 characters × 11 bits / baud, in µs rounded up; fixed 1750 µs above 19200 bit/s.
        [DataRow(2400, 16042)]
        [DataRow(9600, 4011)]
        [DataRow(19200, 2006)]
        [DataRow(38400, 1750)]
        [DataRow(115200, 1750)]
        public void Inter_frame_silence_is_three_and_a_half_characters_or_fixed_above_19200(int baud, int microseconds)
        {
            Assert.AreEqual(microseconds, ModbusTiming.InterFrameSilenceMicroseconds(baud));
        }

        [TestMethod]
        public void Silence_in_milliseconds_rounds_up()
        {
            Assert.AreEqual(17, ModbusTiming.InterFrameSilenceMs(2400));
            Assert.AreEqual(5, ModbusTiming.InterFrameSilenceMs(9600));
            Assert.AreEqual(2, ModbusTiming.InterFrameSilenceMs(115200));
        }

        [TestMethod]
        public void Transmit_time_counts_eleven_bits_a_byte()
        {
            Assert.AreEqual(10, ModbusTiming.TransmitMs(8, 9600));
            Assert.AreEqual(37, ModbusTiming.TransmitMs(8, 2400));
        }
    }
}
