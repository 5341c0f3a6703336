using ChargerAgent.Core.Modbus;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Modbus
{
    [TestClass]
    public class ModbusRtuMasterTests
    {
        private static readonly byte[] Sdm120Request = new byte[] { 0x01, 0x04, 0x00, 0x48, 0x00, 0x02, 0xF1, 0xDD };

        private static ModbusRtuMaster NewMaster(FakeClock clock, FakeSerialLine line, bool skipEcho)
        {
            ModbusMasterOptions options = new ModbusMasterOptions();
            options.ResponseTimeoutMs = 200;
            options.FrameGapMs = 20;
            options.Retries = 2;
            options.SkipEcho = skipEcho;
            return new ModbusRtuMaster(line, clock, options);
        }

        [TestMethod]
        public void Reads_two_input_registers_on_the_first_attempt()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Frames.ReadResponse(1, 4, 0x4640, 0xE6B6));
            ModbusRtuMaster master = NewMaster(clock, line, true);
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsTrue(master.TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(1, result.Attempts);
            Assert.AreEqual((ushort)0x4640, registers[0]);
            Assert.AreEqual((ushort)0xE6B6, registers[1]);
            CollectionAssert.AreEqual(Sdm120Request, line.Request(0));
            Assert.IsTrue(line.Discards >= 1, "stale input is dropped before each request");
        }

        [TestMethod]
        public void A_transceiver_echo_of_the_request_is_skipped()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Sdm120Request, Frames.ReadResponse(1, 4, 0x1234, 0x5678));
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual((ushort)0x1234, registers[0]);
            Assert.AreEqual((ushort)0x5678, registers[1]);
        }

        [TestMethod]
        public void An_echo_and_answer_arriving_byte_by_byte_are_still_separated()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            byte[] response = Frames.ReadResponse(1, 4, 0x1234, 0x5678);
            byte[][] chunks = new byte[Sdm120Request.Length + response.Length][];
            for (int i = 0; i < Sdm120Request.Length; i++)
            {
                chunks[i] = new byte[] { Sdm120Request[i] };
            }

            for (int i = 0; i < response.Length; i++)
            {
                chunks[Sdm120Request.Length + i] = new byte[] { response[i] };
            }

            line.Reply(chunks);
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result), result.Reason);
            Assert.AreEqual((ushort)0x5678, registers[1]);
        }

        [TestMethod]
        public void Without_echo_skipping_an_echo_is_not_taken_for_an_answer()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            for (int i = 0; i < 3; i++)
            {
                line.Reply(Sdm120Request, Frames.ReadResponse(1, 4, 0x1234, 0x5678));
            }

            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsFalse(NewMaster(clock, line, false).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(3, result.Attempts);
        }

        [TestMethod]
        public void Silence_is_no_answer_after_the_bounded_retries_and_within_the_stated_time()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            ModbusRtuMaster master = NewMaster(clock, line, true);
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsFalse(master.TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual((byte)ModbusError.NoAnswer, (byte)result.Error);
            Assert.AreEqual(3, result.Attempts);
            Assert.AreEqual(3, line.Writes);
            Assert.IsTrue(clock.Now >= 3 * 200, "each attempt waits the response timeout");
            Assert.IsTrue(clock.Now <= master.MaxTransactionMs(2), "bounded by MaxTransactionMs: " + clock.Now.ToString());
            Assert.Contains("no answer", result.Describe());
        }

        [TestMethod]
        public void A_CRC_error_is_retried_and_the_second_answer_is_used()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            byte[] bad = Frames.ReadResponse(1, 4, 0x1111, 0x2222);
            bad[3] ^= 0xFF;
            line.Reply(bad);
            line.Reply(Frames.ReadResponse(1, 4, 0x1111, 0x2222));
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(2, result.Attempts);
            Assert.AreEqual((ushort)0x1111, registers[0]);
        }

        [TestMethod]
        public void Repeated_CRC_errors_end_as_a_CRC_error()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            for (int i = 0; i < 3; i++)
            {
                byte[] bad = Frames.ReadResponse(1, 4, 0x1111, 0x2222);
                bad[bad.Length - 1] ^= 0x01;
                line.Reply(bad);
            }

            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsFalse(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(ModbusReasons.Name(ModbusError.BadCrc), ModbusReasons.Name(result.Error));
        }

        [TestMethod]
        public void An_exception_answer_is_final_and_not_retried()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.Reply(Frames.Exception(1, 4, 2));
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsFalse(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(1, line.Writes);
            Assert.AreEqual((byte)2, result.ExceptionCode);
            Assert.StartsWith("illegal data address 0x0048", result.Describe());
        }

        [TestMethod]
        public void A_frame_that_stops_midway_is_partial_after_the_gap_not_the_full_timeout()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            byte[] response = Frames.ReadResponse(1, 4, 0x1111, 0x2222);
            line.Reply(Frames.Slice(response, 0, 5));
            ModbusRtuMaster master = NewMaster(clock, line, true);
            master.Options.Retries = 0;
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            long before = clock.Now;
            Assert.IsFalse(master.TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(ModbusReasons.Name(ModbusError.ShortFrame), ModbusReasons.Name(result.Error));
            Assert.IsTrue(clock.Now - before < 200, "ended by the 20 ms gap: " + (clock.Now - before).ToString());
        }

        [TestMethod]
        public void A_frame_split_by_short_pauses_is_assembled()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            byte[] response = Frames.ReadResponse(1, 3, 0, 0, 0x000D, 0x1290);
            line.Reply(Frames.Slice(response, 0, 2), Frames.Slice(response, 2, 6), Frames.Slice(response, 8, response.Length - 8));
            ushort[] registers = new ushort[4];
            ModbusResult result = default(ModbusResult);

            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 3, 0x5000, 4, registers, ref result), result.Reason);
            Assert.AreEqual((ushort)0x1290, registers[3]);
        }

        [TestMethod]
        public void Stale_bytes_on_the_line_are_drained_before_the_request()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.StaleInput = Frames.ReadResponse(1, 4, 0xDEAD, 0xBEEF);
            line.Reply(Frames.ReadResponse(1, 4, 0x1234, 0x5678));
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);

            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual((ushort)0x1234, registers[0]);
        }

        [TestMethod]
        public void Trailing_noise_after_a_whole_frame_is_ignored()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            byte[] response = Frames.ReadResponse(1, 4, 0x1234, 0x5678);
            byte[] noisy = new byte[response.Length + 3];
            for (int i = 0; i < response.Length; i++)
            {
                noisy[i] = response[i];
            }

            noisy[response.Length] = 0xFF;
            line.Reply(noisy);
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsTrue(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result), result.Reason);
        }

        [TestMethod]
        public void An_answer_from_another_address_is_reported_as_such()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            for (int i = 0; i < 3; i++)
            {
                line.Reply(Frames.ReadResponse(7, 4, 1, 2));
            }

            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsFalse(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(ModbusReasons.Name(ModbusError.WrongAddress), ModbusReasons.Name(result.Error));
        }

        [TestMethod]
        public void A_failing_line_is_a_line_fault_not_an_exception()
        {
            FakeClock clock = new FakeClock();
            FakeSerialLine line = new FakeSerialLine(clock, 9600);
            line.FailWrites = true;
            ushort[] registers = new ushort[2];
            ModbusResult result = default(ModbusResult);
            Assert.IsFalse(NewMaster(clock, line, true).TryReadRegisters(1, 4, 0x0048, 2, registers, ref result));
            Assert.AreEqual(ModbusReasons.Name(ModbusError.LineFault), ModbusReasons.Name(result.Error));
            Assert.AreEqual(1, result.Attempts);
        }
    }
}
