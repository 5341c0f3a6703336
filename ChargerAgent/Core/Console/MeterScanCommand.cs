using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// <c>meter scan [FROM TO] [all]</c> on the console: a <see cref="BusScan"/> of the RS485 line, one probe per
    /// <see cref="Poll"/> (the board's loop calls it every turn, so the watchdog keeps being fed), each meter found
    /// printed with its settings. <c>meter scan stop</c> ends it. Only while no meter is being read on that line.
    /// </summary>
    public sealed class MeterScanCommand : IBusScanReport
    {
        private readonly IConsoleOutput output;
        private readonly ISerialLineOpener opener;
        private readonly IClock clock;
        private BusScan scan;

        /// <summary>Scans the line <paramref name="opener"/> opens, timed by <paramref name="clock"/>, printing to <paramref name="output"/>.</summary>
        public MeterScanCommand(IConsoleOutput output, ISerialLineOpener opener, IClock clock)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (opener == null) throw new System.ArgumentNullException(nameof(opener));
            if (clock == null) throw new System.ArgumentNullException(nameof(clock));
            this.output = output;
            this.opener = opener;
            this.clock = clock;
        }

        /// <summary>True while a scan runs.</summary>
        public bool Running
        {
            get { return scan != null; }
        }

        /// <summary>Starts (or, with <c>stop</c>, ends) a scan from the words after <c>meter scan</c>.</summary>
        public void Execute(CommandLine command)
        {
            if (command.Word(2) == "stop")
            {
                if (scan != null) scan.Stop();
                scan = null;
                output.WriteLine("meter scan: stopped");
                return;
            }

            if (scan != null)
            {
                output.WriteLine("meter scan: already running (meter scan stop ends it)");
                return;
            }

            int first = ModbusLimits.MinSlaveAddress;
            int last = ModbusLimits.MaxSlaveAddress;
            bool all = false;
            int next = 2;
            if (command.Word(next).Length != 0 && command.Word(next) != "all")
            {
                if (!ConfigValueCheck.TryParseNumber(command.Word(next), out first) || !ConfigValueCheck.TryParseNumber(command.Word(next + 1), out last)
                    || first < ModbusLimits.MinSlaveAddress || last > ModbusLimits.MaxSlaveAddress || last < first)
                {
                    output.WriteLine("usage: meter scan [FROM TO] [all] | meter scan stop (addresses 1-247)");
                    return;
                }

                next += 2;
            }

            if (command.Word(next) == "all") all = true;
            scan = new BusScan(opener, clock, first, last, all, ModbusLimits.ReadHoldingRegisters, 0, 1, BusScan.DefaultTimeoutMs);
            output.WriteLine("meter scan: addresses " + first.ToString() + "-" + last.ToString() + ", 6 baud rates x 3 parities, at most "
                + (BusScan.MaxDurationMs(first, last, BusScan.DefaultTimeoutMs) / 1000).ToString() + " s" + (all ? "" : ", stops at the first meter"));
        }

        /// <summary>Sends the next probe of a running scan; does nothing otherwise.</summary>
        public void Poll()
        {
            if (scan == null) return;
            if (scan.Step(this)) return;
            output.WriteLine(scan.Found == 0 ? "meter scan: no meter answered (check the A/B wiring)" : "meter scan: done, " + scan.Found.ToString() + " meter(s) found");
            scan = null;
        }

        /// <inheritdoc />
        public void Trying(int baud, string parity, int firstAddress, int lastAddress)
        {
            output.WriteLine("meter scan: " + baud.ToString() + " baud, parity " + parity);
        }

        /// <inheritdoc />
        public void Found(int address, int baud, string parity, string answer)
        {
            output.WriteLine("meter scan: found address " + address.ToString() + " at " + baud.ToString() + " baud, parity " + parity
                + ", 1 stop bit (" + answer + "): set modbus.address, modbus.baud, modbus.parity");
        }

        /// <inheritdoc />
        public void LineProblem(int baud, string parity, string problem)
        {
            output.WriteLine("meter scan: " + baud.ToString() + " baud, parity " + parity + ": " + problem);
        }
    }
}
