using System;
using ChargerAgent.Core.Modbus;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Modbus
{
    [TestClass]
    public class Crc16ModbusTests
    {
        [TestMethod]
        public void The_check_string_gives_the_catalogued_value_4B37()
        {
            byte[] text = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };
            Assert.AreEqual((ushort)0x4B37, Crc16Modbus.Compute(text, 0, text.Length));
        }

        [TestMethod]
        public void Known_frames_get_their_CRC_low_byte_first()
        {
            // Wire bytes (low byte first) from an independent implementation (pymodbus computeCRC).
            CheckVector(new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x01 }, 0x84, 0x0A);
            CheckVector(new byte[] { 0x01, 0x04, 0x00, 0x48, 0x00, 0x02 }, 0xF1, 0xDD);
            CheckVector(new byte[] { 0x01, 0x03, 0x50, 0x00, 0x00, 0x04 }, 0x55, 0x09);
            CheckVector(new byte[] { 0x01, 0x84, 0x02 }, 0xC2, 0xC1);
            CheckVector(new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 }, 0x76, 0x87);
        }

        private static void CheckVector(byte[] body, byte low, byte high)
        {
            byte[] frame = new byte[body.Length + 2];
            Array.Copy(body, frame, body.Length);
            Assert.AreEqual(body.Length + 2, Crc16Modbus.Append(frame, body.Length));
            Assert.AreEqual(low, frame[body.Length]);
            Assert.AreEqual(high, frame[body.Length + 1]);
            Assert.IsTrue(Crc16Modbus.Check(frame, frame.Length));
        }

        [TestMethod]
        public void Any_flipped_bit_fails_the_check()
        {
            byte[] frame = new byte[] { 0x01, 0x04, 0x00, 0x48, 0x00, 0x02, 0xF1, 0xDD };
            for (int i = 0; i < frame.Length * 8; i++)
            {
                frame[i / 8] ^= (byte)(1 << (i % 8));
                Assert.IsFalse(Crc16Modbus.Check(frame, frame.Length), "bit " + i.ToString());
                frame[i / 8] ^= (byte)(1 << (i % 8));
            }

            Assert.IsTrue(Crc16Modbus.Check(frame, frame.Length));
        }

        [TestMethod]
        public void A_slice_outside_the_buffer_is_rejected_before_computing()
        {
            byte[] buffer = new byte[4];
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Crc16Modbus.Compute(buffer, 2, 3));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Crc16Modbus.Compute(buffer, -1, 1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Crc16Modbus.Compute(null, 0, 0));
            Assert.IsFalse(Crc16Modbus.Check(buffer, 2));
        }
    }
}
