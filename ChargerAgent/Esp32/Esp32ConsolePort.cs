using System;
using System.IO.Ports;
using System.Text;
using ChargerAgent.Core.Console;
using nanoFramework.Hardware.Esp32;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// The installer console on UART COM3 (COM1 carries nanoFramework's debug and deploy protocol;
    /// COM2 is the RS485 meter). Reads only the bytes already received, so a poll never waits:
    /// on ESP32, <c>SerialPort.Read(buf, off, count)</c> waits for all <c>count</c> bytes
    /// (nanoFramework System.IO.Ports, SerialPort.cs), so it is asked for
    /// <c>BytesToRead</c> at most. Writes give up after <see cref="WriteTimeoutMs"/> (the port
    /// throws TimeoutException when a timeout is set) and drop the text rather than stall the loop.
    /// </summary>
    public sealed class Esp32ConsolePort : IConsoleOutput
    {
        /// <summary>The UART used.</summary>
        public const string PortName = "COM3";

        /// <summary>Longest wait for the transmit buffer, ms.</summary>
        public const int WriteTimeoutMs = 200;

        private readonly SerialPort _port;

        /// <summary>Routes COM3 to the pins and opens it at 8N1.</summary>
        public Esp32ConsolePort(int rxGpio, int txGpio, int baud)
        {
            Configuration.SetPinFunction(rxGpio, DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(txGpio, DeviceFunction.COM3_TX);
            _port = new SerialPort(PortName, baud, Parity.None, 8, StopBits.One);
            _port.WriteTimeout = WriteTimeoutMs;
            _port.ReadTimeout = 0;
            _port.Open();
        }

        /// <summary>Bytes dropped because the port could not take them in time.</summary>
        public int DroppedWrites { get; private set; }

        /// <summary>Copies the bytes already received into <paramref name="buffer"/>; returns how many (0 when none). Never waits.</summary>
        public int Poll(byte[] buffer)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            int count = available < buffer.Length ? available : buffer.Length;
            return _port.Read(buffer, 0, count);
        }

        /// <inheritdoc />
        public void Write(string text)
        {
            if (text == null || text.Length == 0) return;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            try
            {
                _port.Write(bytes, 0, bytes.Length);
            }
            catch (TimeoutException)
            {
                DroppedWrites += bytes.Length;
            }
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            Write(line + "\r\n");
        }
    }
}
