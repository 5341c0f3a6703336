using System;
using System.IO;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// A Modbus RTU master for functions 03 and 04 over a half-duplex serial line. One transaction: wait
    /// for the line to be silent for 3.5 character times, write the request, collect the answer (skipping
    /// a transceiver's echo) until its announced length, a gap, or the response timeout, validate it,
    /// and retry a bounded number of times on no answer, CRC errors and partial frames. Buffers are
    /// allocated once: a poll allocates nothing. Not thread-safe: one caller at a time.
    /// </summary>
    public sealed class ModbusRtuMaster
    {
        /// <summary>Most silence-wait reads before a request: a line that never goes quiet still gets the request.</summary>
        public const int MaxSilenceReads = 8;

        private readonly ISerialLine line;
        private readonly IClock clock;
        private readonly ModbusMasterOptions options;
        private readonly byte[] request = new byte[ModbusLimits.ReadRequestBytes];
        private readonly byte[] response = new byte[ModbusLimits.MaxFrameBytes];
        private readonly byte[] scratch = new byte[ModbusLimits.MaxFrameBytes];
        private int responseLength;

        /// <summary>Creates a master on <paramref name="line"/>, timing its waits with <paramref name="clock"/>.</summary>
        /// <exception cref="ArgumentNullException">A missing argument.</exception>
        public ModbusRtuMaster(ISerialLine line, IClock clock, ModbusMasterOptions options)
        {
            if (line == null)
            {
                throw new ArgumentNullException(nameof(line));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            this.line = line;
            this.clock = clock;
            this.options = options;
        }

        /// <summary>The options in use.</summary>
        public ModbusMasterOptions Options
        {
            get { return options; }
        }

        /// <summary>The raw bytes of the last frame received (for diagnostics), valid up to <see cref="LastResponseLength"/>.</summary>
        public byte[] LastResponse
        {
            get { return response; }
        }

        /// <summary>The length of the last frame received (0 when nothing came).</summary>
        public int LastResponseLength
        {
            get { return responseLength; }
        }

        /// <summary>
        /// The longest a transaction of <paramref name="registerCount"/> registers can take, in milliseconds:
        /// every attempt's silence, transmission, response timeout and gap.
        /// </summary>
        public int MaxTransactionMs(int registerCount)
        {
            return MaxTransactionMs(line.BaudRate, options);
        }

        /// <summary>Upper bound of one read at <paramref name="baud"/> with <paramref name="options"/>, all attempts included, ms.</summary>
        public static int MaxTransactionMs(int baud, ModbusMasterOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            int silence = ModbusTiming.InterFrameSilenceMs(baud) * (MaxSilenceReads + 1);
            int perAttempt = silence + ModbusTiming.TransmitMs(ModbusLimits.ReadRequestBytes, baud)
                + options.ResponseTimeoutMs + options.FrameGapMs;
            return perAttempt * (options.Retries + 1);
        }

        /// <summary>
        /// Reads <paramref name="count"/> registers from <paramref name="start"/> of <paramref name="slave"/>
        /// with <paramref name="function"/> (03 holding, 04 input) into <paramref name="registers"/> from index 0.
        /// </summary>
        /// <returns>True on success; otherwise <paramref name="result"/> says why. Never throws for line or slave faults.</returns>
        /// <exception cref="ArgumentException">Arguments outside the protocol's limits, or a too-small destination.</exception>
        public bool TryReadRegisters(byte slave, byte function, ushort start, int count, ushort[] registers, ref ModbusResult result)
        {
            ModbusFrame.CheckReadArguments(slave, function, start, count);
            if (registers == null)
            {
                throw new ArgumentNullException(nameof(registers));
            }

            if (registers.Length < count)
            {
                throw new ArgumentException("destination shorter than the register count", nameof(registers));
            }

            result.Slave = slave;
            result.Function = function;
            result.Register = start;
            result.Attempts = 0;
            ModbusFrame.BuildReadRequest(request, slave, function, start, count);
            int attempts = options.Retries + 1;
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                result.Attempts = attempt;
                if (TryTransact(slave, function, count, ref result))
                {
                    for (int i = 0; i < count; i++)
                    {
                        registers[i] = ModbusFrame.Register(response, i);
                    }

                    return true;
                }

                if (result.Error == ModbusError.ExceptionResponse || result.Error == ModbusError.LineFault)
                {
                    // An exception is the slave's answer; a dead line will not heal within a retry.
                    return false;
                }
            }

            return false;
        }

        private bool TryTransact(byte slave, byte function, int count, ref ModbusResult result)
        {
            responseLength = 0;
            try
            {
                WaitForSilence();
                line.Write(request, 0, ModbusLimits.ReadRequestBytes);
                responseLength = Receive(function);
            }
            catch (IOException)
            {
                result.Fail(ModbusError.LineFault);
                return false;
            }
            catch (TimeoutException)
            {
                result.Fail(ModbusError.LineFault);
                return false;
            }
            catch (InvalidOperationException)
            {
                // A closed port.
                result.Fail(ModbusError.LineFault);
                return false;
            }

            return ModbusFrame.TryDecodeReadResponse(response, responseLength, slave, function, count, ref result);
        }

        /// <summary>
        /// Drops stale input, then waits until the line has been quiet for the inter-frame silence: a
        /// timed read that returns nothing is that silence. Bounded: a chattering line does not block the poll.
        /// </summary>
        private void WaitForSilence()
        {
            line.DiscardInput();
            int silenceMs = ModbusTiming.InterFrameSilenceMs(line.BaudRate);
            for (int i = 0; i < MaxSilenceReads; i++)
            {
                if (line.Read(scratch, 0, scratch.Length, silenceMs) == 0)
                {
                    return;
                }
            }
        }

        /// <summary>Collects one answer into <see cref="response"/>; returns its length (0 when nothing came).</summary>
        private int Receive(byte function)
        {
            long deadline = clock.MonotonicMilliseconds + options.ResponseTimeoutMs;
            int got = 0;
            bool echoPossible = options.SkipEcho;
            while (true)
            {
                if (got >= response.Length)
                {
                    return got;
                }

                int target;
                if (echoPossible)
                {
                    if (got >= ModbusLimits.ReadRequestBytes)
                    {
                        if (MatchesRequest(ModbusLimits.ReadRequestBytes))
                        {
                            // The transceiver's copy of the request: drop it, keep what followed.
                            got -= ModbusLimits.ReadRequestBytes;
                            Array.Copy(response, ModbusLimits.ReadRequestBytes, response, 0, got);
                            deadline = clock.MonotonicMilliseconds + options.ResponseTimeoutMs;
                        }

                        echoPossible = false;
                        continue;
                    }

                    target = ModbusLimits.ReadRequestBytes;
                }
                else
                {
                    int announced = ModbusFrame.AnnouncedLength(response, got, function);
                    if (announced > 0 && got >= announced)
                    {
                        return announced;
                    }

                    // Three bytes tell the announced length.
                    target = announced > 0 ? announced : 3;
                }

                if (target > response.Length)
                {
                    target = response.Length;
                }

                long now = clock.MonotonicMilliseconds;
                long left = deadline - now;
                int wait = got == 0 ? (int)left : options.FrameGapMs;
                if (wait > left)
                {
                    wait = (int)left;
                }

                if (wait <= 0)
                {
                    return got;
                }

                int n = line.Read(response, got, target - got, wait);
                if (n <= 0)
                {
                    // Silence: no answer yet, or a started frame stopped (gap).
                    if (got > 0 && echoPossible)
                    {
                        echoPossible = false;
                        continue;
                    }

                    if (got > 0)
                    {
                        return got;
                    }

                    continue;
                }

                got += n;
                if (echoPossible && !MatchesRequest(got < ModbusLimits.ReadRequestBytes ? got : ModbusLimits.ReadRequestBytes))
                {
                    echoPossible = false;
                }
            }
        }

        private bool MatchesRequest(int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (response[i] != request[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
