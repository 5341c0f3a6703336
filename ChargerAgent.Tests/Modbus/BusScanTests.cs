using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Modbus
{
    [TestClass]
    public class BusScanTests
    {
        [TestMethod]
        public void A_scan_finds_a_meter_at_its_address_baud_rate_and_parity_and_stops_there()
        {
            var clock = new FakeClock();
            var bus = new OneMeterBus(clock, 5, 19200, "even");
            var report = new RecordingReport();
            var scan = new BusScan(bus, clock, 1, 10, false, ModbusLimits.ReadHoldingRegisters, 0, 1, 100);
            int probes = 0;
            while (scan.Step(report)) probes++;
            Assert.AreEqual(1, scan.Found);
            Assert.AreEqual("5 19200 even", report.Hits);
            // 9600 none/even/odd and 19200 none: 4 × 10 addresses, then 19200 even up to address 5 (the last probe ends the scan).
            Assert.AreEqual(4 * 10 + 4, probes);
            Assert.AreEqual(0, bus.OpenLines, "the line is closed when the scan ends");
        }

        [TestMethod]
        public void A_scan_with_all_tries_every_setting_and_counts_an_exception_answer_as_found()
        {
            var clock = new FakeClock();
            var bus = new OneMeterBus(clock, 247, 1200, "odd") { AnswerWithException = true };
            var report = new RecordingReport();
            var scan = new BusScan(bus, clock, 246, 247, true, ModbusLimits.ReadInputRegisters, 0x0048, 2, 50);
            int probes = 0;
            while (scan.Step(report)) probes++;
            Assert.AreEqual(1, scan.Found);
            Assert.AreEqual("247 1200 odd", report.Hits);
            Assert.AreEqual(6 * 3 * 2 - 1, probes);
            Assert.AreEqual(18, report.Settings);
        }

        [TestMethod]
        public void The_longest_scan_is_addresses_times_settings_times_the_longest_probe()
        {
            var options = new ModbusMasterOptions();
            options.ResponseTimeoutMs = 100;
            options.Retries = 0;
            long expected = 0;
            int[] bauds = BusScan.UsualBauds();
            for (int i = 0; i < bauds.Length; i++) expected += 247L * 3 * ModbusRtuMaster.MaxTransactionMs(bauds[i], options);
            Assert.AreEqual(expected, BusScan.MaxDurationMs(1, 247, 100));
            Assert.AreEqual(6, bauds.Length);
            Assert.IsTrue(BusScan.MaxDurationMs(1, 247, 100) >= 247L * 6 * 3 * 100, "at least the timeout per probe");
        }

        [TestMethod]
        public void The_console_scan_runs_one_probe_per_poll_and_prints_what_it_found()
        {
            var clock = new FakeClock();
            var bus = new OneMeterBus(clock, 2, 9600, "none");
            var output = new FakeConsoleOutput();
            var command = new MeterScanCommand(output, bus, clock);
            command.Execute(new ChargerAgent.Core.Console.CommandLine("meter scan 1 3"));
            Assert.IsTrue(command.Running);
            command.Poll();
            Assert.IsTrue(command.Running, "one probe per poll");
            command.Poll();
            command.Poll();
            Assert.IsFalse(command.Running);
            Assert.Contains("meter scan: found address 2 at 9600 baud, parity none", output.Text);
            Assert.Contains("meter scan: done, 1 meter(s) found", output.Text);
            command.Execute(new ChargerAgent.Core.Console.CommandLine("meter scan 0 300"));
            Assert.Contains("usage: meter scan", output.Text);
        }

        private sealed class RecordingReport : IBusScanReport
        {
            public string Hits = string.Empty;
            public int Settings;

            public void Trying(int baud, string parity, int firstAddress, int lastAddress)
            {
                Settings++;
            }

            public void Found(int address, int baud, string parity, string answer)
            {
                Hits += address.ToString() + " " + baud.ToString() + " " + parity;
            }

            public void LineProblem(int baud, string parity, string problem)
            {
            }
        }

        // A bus with one meter that answers only at its address, baud rate and parity.
        private sealed class OneMeterBus : ISerialLineOpener
        {
            private readonly FakeClock clock;
            private readonly int address;
            private readonly int baud;
            private readonly string parity;

            public OneMeterBus(FakeClock clock, int address, int baud, string parity)
            {
                this.clock = clock;
                this.address = address;
                this.baud = baud;
                this.parity = parity;
            }

            public bool AnswerWithException;
            public int OpenLines;

            public ISerialLine Open(int lineBaud, string lineParity, int stopBits, out string problem)
            {
                problem = null;
                OpenLines++;
                return new Line(this, lineBaud, lineBaud == baud && lineParity == parity);
            }

            public void Close(ISerialLine line)
            {
                OpenLines--;
            }

            private sealed class Line : ISerialLine
            {
                private readonly OneMeterBus bus;
                private readonly int lineBaud;
                private readonly bool matches;
                private byte[] pending;

                public Line(OneMeterBus bus, int lineBaud, bool matches)
                {
                    this.bus = bus;
                    this.lineBaud = lineBaud;
                    this.matches = matches;
                }

                public int BaudRate
                {
                    get { return lineBaud; }
                }

                public void Write(byte[] buffer, int offset, int count)
                {
                    pending = null;
                    if (!matches || buffer[offset] != bus.address) return;
                    byte function = buffer[offset + 1];
                    int registers = buffer[offset + 5];
                    pending = bus.AnswerWithException
                        ? Frames.Exception((byte)bus.address, function, 2)
                        : Frames.ReadResponse((byte)bus.address, function, new ushort[registers]);
                }

                public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
                {
                    if (pending == null)
                    {
                        bus.clock.Advance(timeoutMilliseconds > 0 ? timeoutMilliseconds : 1);
                        return 0;
                    }

                    int n = pending.Length < count ? pending.Length : count;
                    for (int i = 0; i < n; i++) buffer[offset + i] = pending[i];
                    pending = null;
                    return n;
                }

                public void DiscardInput()
                {
                }
            }
        }
    }
}
