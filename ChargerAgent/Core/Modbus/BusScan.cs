using System;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// Looks for meters whose address and serial settings are unknown: every address of a range at each of the usual
    /// baud rates and each parity (8 data bits, 1 stop bit), one read each. Any well-formed answer counts, an exception
    /// answer included: only a slave at that address with those settings sends one. Runs one probe per
    /// <see cref="Step"/>, so a board's loop (and its watchdog) keeps turning between probes.
    /// </summary>
    public sealed class BusScan
    {
        /// <summary>Default response timeout of one probe, ms.</summary>
        public const int DefaultTimeoutMs = 100;

        private static readonly int[] Bauds = { 9600, 19200, 2400, 4800, 38400, 1200 };
        private static readonly string[] ParityOrder = { SerialSettings.ParityNone, SerialSettings.ParityEven, SerialSettings.ParityOdd };

        private readonly ISerialLineOpener opener;
        private readonly IClock clock;
        private readonly int firstAddress;
        private readonly int lastAddress;
        private readonly bool all;
        private readonly byte function;
        private readonly ushort register;
        private readonly int count;
        private readonly ModbusMasterOptions options;
        private readonly ushort[] registers = new ushort[4];
        private ISerialLine line;
        private ModbusRtuMaster master;
        private int setting;
        private int address;
        private bool done;

        /// <summary>Scans <paramref name="firstAddress"/>..<paramref name="lastAddress"/>, reading <paramref name="count"/> registers at <paramref name="register"/> with <paramref name="function"/>.</summary>
        /// <param name="opener">Opens the line with each setting.</param>
        /// <param name="clock">Times the probes.</param>
        /// <param name="firstAddress">First slave address (1..247).</param>
        /// <param name="lastAddress">Last slave address (firstAddress..247).</param>
        /// <param name="all">False: stop at the first meter found.</param>
        /// <param name="function">03 or 04.</param>
        /// <param name="register">Register to read (a profile's energy register, or 0).</param>
        /// <param name="count">Registers to read (1..4).</param>
        /// <param name="timeoutMs">Response timeout of one probe, ms.</param>
        /// <exception cref="ArgumentException">An argument outside its range.</exception>
        public BusScan(ISerialLineOpener opener, IClock clock, int firstAddress, int lastAddress, bool all,
            byte function, ushort register, int count, int timeoutMs)
        {
            if (opener == null) throw new ArgumentNullException(nameof(opener));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            if (firstAddress < ModbusLimits.MinSlaveAddress || lastAddress > ModbusLimits.MaxSlaveAddress || lastAddress < firstAddress)
            {
                throw new ArgumentOutOfRangeException(nameof(firstAddress), "addresses must be 1..247, first before last");
            }

            if (count < 1 || count > 4) throw new ArgumentOutOfRangeException(nameof(count));
            ModbusFrame.CheckReadArguments((byte)firstAddress, function, register, count);
            this.opener = opener;
            this.clock = clock;
            this.firstAddress = firstAddress;
            this.lastAddress = lastAddress;
            this.all = all;
            this.function = function;
            this.register = register;
            this.count = count;
            options = ProbeOptions(timeoutMs);
            address = firstAddress;
        }

        /// <summary>Meters found so far.</summary>
        public int Found { get; private set; }

        /// <summary>True once every setting was tried (or, without all, a meter was found).</summary>
        public bool Done
        {
            get { return done; }
        }

        /// <summary>The baud rates tried, in order (a copy).</summary>
        public static int[] UsualBauds()
        {
            int[] copy = new int[Bauds.Length];
            for (int i = 0; i < Bauds.Length; i++) copy[i] = Bauds[i];
            return copy;
        }

        /// <summary>The parities tried, in order (a copy).</summary>
        public static string[] Parities()
        {
            string[] copy = new string[ParityOrder.Length];
            for (int i = 0; i < ParityOrder.Length; i++) copy[i] = ParityOrder[i];
            return copy;
        }

        /// <summary>
        /// Longest time a scan of <paramref name="firstAddress"/>..<paramref name="lastAddress"/> takes when nothing
        /// answers: addresses × baud rates × parities × the longest probe at each rate (<see cref="ModbusRtuMaster.MaxTransactionMs(int, ModbusMasterOptions)"/>), ms.
        /// </summary>
        public static long MaxDurationMs(int firstAddress, int lastAddress, int timeoutMs)
        {
            ModbusMasterOptions probe = ProbeOptions(timeoutMs);
            long addresses = lastAddress - firstAddress + 1;
            long total = 0;
            for (int i = 0; i < Bauds.Length; i++)
            {
                total += addresses * ParityOrder.Length * ModbusRtuMaster.MaxTransactionMs(Bauds[i], probe);
            }

            return total;
        }

        /// <summary>Sends one probe (opening the line for the next setting when needed).</summary>
        /// <returns>False once the scan is done.</returns>
        public bool Step(IBusScanReport report)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            if (done) return false;
            int baud = Bauds[setting / ParityOrder.Length];
            string parity = ParityOrder[setting % ParityOrder.Length];
            if (line == null)
            {
                string problem;
                line = opener.Open(baud, parity, 1, out problem);
                if (line == null)
                {
                    report.LineProblem(baud, parity, problem);
                    return NextSetting();
                }

                master = new ModbusRtuMaster(line, clock, options);
                report.Trying(baud, parity, firstAddress, lastAddress);
            }

            ModbusResult result = default(ModbusResult);
            bool answered = master.TryReadRegisters((byte)address, function, register, count, registers, ref result);
            if (answered || result.Error == ModbusError.ExceptionResponse)
            {
                Found++;
                report.Found(address, baud, parity, answered ? "answered the read" : "answered with " + ModbusReasons.ForExceptionCode(result.ExceptionCode));
                if (!all)
                {
                    Close();
                    done = true;
                    return false;
                }
            }

            address++;
            if (address <= lastAddress) return true;
            return NextSetting();
        }

        /// <summary>Stops the scan and closes the line.</summary>
        public void Stop()
        {
            Close();
            done = true;
        }

        private bool NextSetting()
        {
            Close();
            address = firstAddress;
            setting++;
            if (setting >= Bauds.Length * ParityOrder.Length) done = true;
            return !done;
        }

        private void Close()
        {
            if (line != null) opener.Close(line);
            line = null;
            master = null;
        }

        private static ModbusMasterOptions ProbeOptions(int timeoutMs)
        {
            ModbusMasterOptions probe = new ModbusMasterOptions();
            probe.ResponseTimeoutMs = timeoutMs;
            probe.Retries = 0;
            return probe;
        }
    }
}
