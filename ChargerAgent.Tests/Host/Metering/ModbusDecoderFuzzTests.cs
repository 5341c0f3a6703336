using System;
using System.Diagnostics;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Tests.Fakes;
using ChargerAgent.Tests.Modbus;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>
    /// Random, mutated and truncated frames into the decoder and the master: only documented errors come out,
    /// never an exception, and whatever is accepted really is a valid answer to the request.
    /// </summary>
    [TestClass]
    public sealed class ModbusDecoderFuzzTests
    {
        private const int Seed = 20261124;
        private const int FrameCount = 600000;

        [TestMethod]
        public void The_decoder_reports_only_documented_errors_for_random_and_truncated_frames()
        {
            var random = new Random(Seed);
            byte[] frame = new byte[ModbusLimits.MaxFrameBytes];
            var counts = new int[16];
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < FrameCount; i++)
            {
                byte slave = (byte)(1 + random.Next(3));
                byte function = random.Next(2) == 0 ? ModbusLimits.ReadHoldingRegisters : ModbusLimits.ReadInputRegisters;
                int count = 1 + random.Next(8);
                int length = MakeFrame(random, frame, slave, function, count);
                var result = default(ModbusResult);
                bool ok;
                try
                {
                    ok = ModbusFrame.TryDecodeReadResponse(frame, length, slave, function, count, ref result);
                }
                catch (Exception e)
                {
                    throw new AssertFailedException("seed " + Seed + " frame " + i + ": " + Convert.ToHexString(frame, 0, length) + " threw " + e, e);
                }

                bool valid = result.Error <= ModbusError.LineFault && result.Reason != null && ok == (result.Error == ModbusError.None);
                if (ok)
                {
                    valid &= Crc16Modbus.Check(frame, length) && frame[0] == slave && frame[1] == function
                        && length == 5 + 2 * count && frame[2] == 2 * count;
                }

                if (!valid)
                {
                    // Messages are built only on failure: the loop itself stays cheap.
                    Assert.Fail("seed " + Seed + " frame " + i + " (" + Convert.ToHexString(frame, 0, length) + "): ok=" + ok
                        + " error " + ModbusReasons.Name(result.Error) + " reason " + result.Reason);
                }

                counts[(int)result.Error]++;
            }

            // Sized to take about a second here; the bound only catches a pathological slowdown, not a busy machine.
            System.Console.WriteLine(FrameCount + " frames in " + watch.ElapsedMilliseconds + " ms");
            Assert.IsTrue(watch.ElapsedMilliseconds < 10000, "fuzzing took " + watch.ElapsedMilliseconds + " ms");
            // Each kind of outcome was actually produced, so the run is not vacuous.
            foreach (ModbusError e in new[] { ModbusError.None, ModbusError.NoAnswer, ModbusError.ShortFrame, ModbusError.BadCrc,
                ModbusError.WrongAddress, ModbusError.WrongFunction, ModbusError.BadByteCount, ModbusError.ExceptionResponse })
            {
                Assert.IsTrue(counts[(int)e] > 0, "never produced " + ModbusReasons.Name(e));
            }
        }

        [TestMethod]
        public void The_master_survives_random_bytes_on_the_line()
        {
            var random = new Random(Seed + 1);
            var clock = new FakeClock();
            var line = new FakeSerialLine(clock, 9600);
            var options = new ModbusMasterOptions { Retries = 1, ResponseTimeoutMs = 100, FrameGapMs = 10 };
            var master = new ModbusRtuMaster(line, clock, options);
            byte[] frame = new byte[ModbusLimits.MaxFrameBytes];
            ushort[] registers = new ushort[ModbusLimits.MaxReadRegisters];
            for (int i = 0; i < 3000; i++)
            {
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    int length = MakeFrame(random, frame, 1, 4, 2);
                    // Deliver in random chunks with random silences.
                    var chunks = new System.Collections.Generic.List<byte[]>();
                    int at = 0;
                    while (at < length)
                    {
                        int n = 1 + random.Next(length - at);
                        chunks.Add(Frames.Slice(frame, at, n));
                        at += n;
                        if (random.Next(8) == 0)
                        {
                            chunks.Add(null);
                        }
                    }

                    line.Reply(chunks.ToArray());
                }

                var result = default(ModbusResult);
                long before = clock.Now;
                try
                {
                    master.TryReadRegisters(1, 4, 0x0048, 2, registers, ref result);
                }
                catch (Exception e)
                {
                    throw new AssertFailedException("seed " + (Seed + 1) + " poll " + i + " threw " + e, e);
                }

                if (result.Error > ModbusError.LineFault || clock.Now - before > master.MaxTransactionMs(2))
                {
                    Assert.Fail("seed " + (Seed + 1) + " poll " + i + ": error " + (int)result.Error + " after " + (clock.Now - before) + " ms");
                }
            }
        }

        /// <summary>A valid response, an exception, or one of them truncated, bit-flipped, padded, or pure noise.</summary>
        private static int MakeFrame(Random random, byte[] frame, byte slave, byte function, int count)
        {
            int length;
            switch (random.Next(4))
            {
                case 0:
                    frame[0] = slave;
                    frame[1] = (byte)(function | 0x80);
                    frame[2] = (byte)random.Next(12);
                    length = Crc16Modbus.Append(frame, 3);
                    break;
                case 1:
                    length = random.Next(8) == 0 ? random.Next(frame.Length + 1) : random.Next(24);
                    random.NextBytes(frame.AsSpan(0, length));
                    return length;
                default:
                    frame[0] = random.Next(10) == 0 ? (byte)random.Next(256) : slave;
                    frame[1] = random.Next(10) == 0 ? (byte)random.Next(256) : function;
                    int dataCount = random.Next(10) == 0 ? random.Next(20) : count;
                    frame[2] = (byte)(2 * dataCount);
                    for (int i = 0; i < 2 * dataCount; i++)
                    {
                        frame[3 + i] = (byte)random.Next(256);
                    }

                    length = Crc16Modbus.Append(frame, 3 + 2 * dataCount);
                    break;
            }

            switch (random.Next(5))
            {
                case 0:
                    return random.Next(length + 1); // truncated
                case 1:
                    int bit = random.Next(length * 8);
                    frame[bit / 8] ^= (byte)(1 << (bit % 8));
                    return length;
                case 2:
                    int extra = random.Next(Math.Min(8, frame.Length - length) + 1);
                    for (int i = 0; i < extra; i++)
                    {
                        frame[length + i] = (byte)random.Next(256);
                    }

                    return length + extra;
                default:
                    return length;
            }
        }
    }
}
