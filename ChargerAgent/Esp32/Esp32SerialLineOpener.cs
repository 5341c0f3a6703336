using System;
using ChargerAgent.Core.Metering;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// Opens the RS485 port once per setting a bus scan tries (<c>meter scan</c>): a new <see cref="Esp32SerialLine"/>
    /// each time, disposed by <see cref="Close"/>. nanoFramework's <c>SerialPort.Dispose</c> removes the port from
    /// its device collection and deletes the ESP32 UART driver, so the next one can be created on the same port.
    /// </summary>
    public sealed class Esp32SerialLineOpener : ISerialLineOpener
    {
        private readonly string portName;

        /// <summary>Opens <paramref name="portName"/> ("COM2"), its pins already routed.</summary>
        public Esp32SerialLineOpener(string portName)
        {
            if (portName == null) throw new ArgumentNullException(nameof(portName));
            this.portName = portName;
        }

        /// <inheritdoc />
        public ISerialLine Open(int baud, string parity, int stopBits, out string problem)
        {
            problem = null;
            try
            {
                return new Esp32SerialLine(portName, baud, Esp32SerialLine.ParityOf(parity), stopBits);
            }
            catch (Exception e)
            {
                // The port in use (ArgumentException), or the UART refusing the setting.
                problem = "cannot open " + portName + ": " + e.GetType().Name + " " + e.Message;
                return null;
            }
        }

        /// <inheritdoc />
        public void Close(ISerialLine line)
        {
            Esp32SerialLine open = line as Esp32SerialLine;
            if (open != null) open.Dispose();
        }
    }
}
