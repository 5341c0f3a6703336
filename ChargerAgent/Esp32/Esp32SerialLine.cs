using System;
using System.IO;
using System.IO.Ports;
using System.Threading;
using ChargerAgent.Core.Metering;
using nanoFramework.Hardware.Esp32;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// <see cref="ISerialLine"/> over nanoFramework <c>SerialPort</c> (System.IO.Ports/SerialPort.cs) in
    /// RS485 mode: the UART drives RTS as the transceiver's driver enable, half duplex. Facts from that
    /// source and the ESP32 native driver: <c>ReadTimeout</c>/<c>WriteTimeout</c> default to infinite
    /// (set here); <c>Read(buf, off, count)</c> waits for all <c>count</c> bytes or throws
    /// TimeoutException, so reads ask only for what <c>BytesToRead</c> says has arrived; there is no
    /// <c>DiscardInBuffer</c>, so input is drained by reading. Port names must be "COMn".
    /// </summary>
    public sealed class Esp32SerialLine : ISerialLine, IDisposable
    {
        /// <summary>Write timeout: 1000 ms (a full 256-byte frame at 2400 baud takes 1.2 s; requests are 8 bytes).</summary>
        public const int WriteTimeoutMs = 1000;

        /// <summary>Read timeout of the port itself, a backstop: reads only ask for bytes already buffered.</summary>
        public const int PortReadTimeoutMs = 50;

        /// <summary>Poll interval while waiting for the first byte: 1 ms (about one character at 9600 baud).</summary>
        public const int PollIntervalMs = 1;

        /// <summary>Most bytes dropped by one <see cref="DiscardInput"/>: bounded, like every loop here.</summary>
        public const int MaxDiscardBytes = 4096;

        private readonly SerialPort port;
        private readonly byte[] drain = new byte[64];

        /// <summary>Opens <paramref name="portName"/> ("COM2") at 8 data bits and <paramref name="stopBits"/> (1 or 2) stop bits, in RS485 mode.</summary>
        /// <exception cref="ArgumentException">A bad name, baud rate or stop bits, or the port is already in use.</exception>
        public Esp32SerialLine(string portName, int baudRate, Parity parity, int stopBits)
        {
            if (portName == null || portName.Length < 4 || !portName.StartsWith("COM"))
            {
                throw new ArgumentException("port name must be COMn", nameof(portName));
            }

            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate));
            }

            if (stopBits != 1 && stopBits != 2)
            {
                throw new ArgumentOutOfRangeException(nameof(stopBits));
            }

            port = new SerialPort(portName, baudRate, parity, 8, stopBits == 2 ? StopBits.Two : StopBits.One);
            port.ReadTimeout = PortReadTimeoutMs;
            port.WriteTimeout = WriteTimeoutMs;
            port.Mode = SerialMode.RS485;
            port.Open();
        }

        /// <summary>The port's parity for the configuration's "none", "even" or "odd" (anything else is none).</summary>
        public static Parity ParityOf(string name)
        {
            if (name == "even") return Parity.Even;
            if (name == "odd") return Parity.Odd;
            return Parity.None;
        }

        /// <summary>Routes COM2's RX, TX and RTS (transceiver DE/RE) to the given pins; call before constructing.</summary>
        public static void AssignCom2Pins(int rxPin, int txPin, int rtsPin)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(rtsPin, DeviceFunction.COM2_RTS);
        }

        /// <inheritdoc />
        public int BaudRate
        {
            get { return port.BaudRate; }
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                port.Write(buffer, offset, count);
            }
            catch (TimeoutException)
            {
                throw new IOException("serial write timed out");
            }
            catch (InvalidOperationException)
            {
                throw new IOException("serial port not open");
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (count <= 0)
            {
                return 0;
            }

            long deadline = Environment.TickCount64 + timeoutMilliseconds;
            while (true)
            {
                int available = port.BytesToRead;
                if (available > 0)
                {
                    int n = available < count ? available : count;
                    try
                    {
                        return port.Read(buffer, offset, n);
                    }
                    catch (TimeoutException)
                    {
                        return 0;
                    }
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return 0;
                }

                Thread.Sleep(PollIntervalMs);
            }
        }

        /// <inheritdoc />
        public void DiscardInput()
        {
            int dropped = 0;
            while (dropped < MaxDiscardBytes)
            {
                int available = port.BytesToRead;
                if (available <= 0)
                {
                    return;
                }

                int n = available < drain.Length ? available : drain.Length;
                try
                {
                    dropped += port.Read(drain, 0, n);
                }
                catch (TimeoutException)
                {
                    return;
                }
            }
        }

        /// <summary>Closes the port.</summary>
        public void Dispose()
        {
            port.Dispose();
        }
    }
}
