using System;
using ChargerAgent.Core.Modbus;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Modbus
{
    [TestClass]
    public class ModbusFrameTests
    {
        [TestMethod]
        public void A_read_request_is_address_function_start_count_and_crc()
        {
            byte[] buffer = new byte[8];
            Assert.AreEqual(8, ModbusFrame.BuildReadRequest(buffer, 1, 0x04, 0x0048, 2));
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x04, 0x00, 0x48, 0x00, 0x02, 0xF1, 0xDD }, buffer);
        }

        [TestMethod]
        public void Requests_outside_the_protocol_limits_are_refused()
        {
            byte[] buffer = new byte[8];
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 0, 4, 0, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 248, 4, 0, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 1, 6, 0, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 1, 3, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 1, 3, 0, 126));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ModbusFrame.BuildReadRequest(buffer, 1, 3, 0xFFFF, 2));
            Assert.ThrowsException(typeof(ArgumentException), () => ModbusFrame.BuildReadRequest(new byte[7], 1, 3, 0, 1));
        }

        [TestMethod]
        public void A_valid_response_decodes_and_its_registers_read_big_endian()
        {
            byte[] frame = Frames.ReadResponse(1, 4, 0x4640, 0xE6B6);
            ModbusResult result = default(ModbusResult);
            Assert.IsTrue(ModbusFrame.TryDecodeReadResponse(frame, frame.Length, 1, 4, 2, ref result));
            Assert.AreEqual((byte)ModbusError.None, (byte)result.Error);
            Assert.AreEqual((ushort)0x4640, ModbusFrame.Register(frame, 0));
            Assert.AreEqual((ushort)0xE6B6, ModbusFrame.Register(frame, 1));
        }

        [TestMethod]
        public void An_answer_from_another_slave_is_a_wrong_address()
        {
            byte[] frame = Frames.ReadResponse(2, 4, 1, 2);
            AssertError(ModbusError.WrongAddress, frame, frame.Length);
        }

        [TestMethod]
        public void An_answer_for_another_function_is_a_wrong_function()
        {
            byte[] frame = Frames.ReadResponse(1, 3, 1, 2);
            AssertError(ModbusError.WrongFunction, frame, frame.Length);
        }

        [TestMethod]
        public void A_byte_count_that_does_not_match_the_request_is_reported()
        {
            byte[] frame = Frames.ReadResponse(1, 4, 1, 2, 3);
            AssertError(ModbusError.BadByteCount, frame, frame.Length);
        }

        [TestMethod]
        public void A_corrupted_byte_is_a_CRC_error()
        {
            byte[] frame = Frames.ReadResponse(1, 4, 0x4640, 0xE6B6);
            frame[4] ^= 0x10;
            AssertError(ModbusError.BadCrc, frame, frame.Length);
        }

        [TestMethod]
        public void A_frame_cut_short_is_partial_not_corrupt()
        {
            byte[] frame = Frames.ReadResponse(1, 4, 0x4640, 0xE6B6);
            for (int length = 1; length < frame.Length; length++)
            {
                AssertError(ModbusError.ShortFrame, frame, length);
            }

            AssertError(ModbusError.NoAnswer, frame, 0);
        }

        [TestMethod]
        public void An_exception_response_is_decoded_to_readable_text_with_the_register()
        {
            byte[] frame = Frames.Exception(1, 4, 0x02);
            ModbusResult result = default(ModbusResult);
            result.Slave = 1;
            result.Function = 4;
            result.Register = 0x0048;
            Assert.IsFalse(ModbusFrame.TryDecodeReadResponse(frame, frame.Length, 1, 4, 2, ref result));
            Assert.AreEqual((byte)ModbusError.ExceptionResponse, (byte)result.Error);
            Assert.AreEqual((byte)2, result.ExceptionCode);
            Assert.AreEqual("illegal data address", result.Reason);
            Assert.StartsWith("illegal data address 0x0048", result.Describe());
        }

        [DataRow((byte)1, "illegal function")]
        [DataRow((byte)2, "illegal data address")]
        [DataRow((byte)3, "illegal data value")]
        [DataRow((byte)4, "slave device failure")]
        [DataRow((byte)6, "slave device busy")]
        [DataRow((byte)0x0B, "gateway target device failed to respond")]
        [DataRow((byte)0x42, "unknown exception code")]
        public void Every_exception_code_has_a_text(byte code, string text)
        {
            Assert.AreEqual(text, ModbusReasons.ForExceptionCode(code));
        }

        private static void AssertError(ModbusError expected, byte[] frame, int length)
        {
            ModbusResult result = default(ModbusResult);
            Assert.IsFalse(ModbusFrame.TryDecodeReadResponse(frame, length, 1, 4, 2, ref result), "length " + length.ToString());
            Assert.AreEqual(ModbusReasons.Name(expected), ModbusReasons.Name(result.Error), "length " + length.ToString());
            Assert.IsNotNull(result.Reason);
        }
    }
}
