namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// A half-duplex serial line (RS485) for the Modbus RTU master. On the device: nanoFramework
    /// SerialPort in RS485 mode; on the desktop: System.IO.Ports.SerialPort; in tests: a scripted fake.
    /// </summary>
    public interface ISerialLine
    {
        /// <summary>Bits per second; the master derives its inter-frame silence from it.</summary>
        int BaudRate { get; }

        /// <summary>Writes all bytes, within the line's write timeout, or throws <see cref="System.IO.IOException"/>.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads whatever bytes arrive, up to <paramref name="count"/>, waiting at most
        /// <paramref name="timeoutMilliseconds"/> for the first one.
        /// </summary>
        /// <returns>The bytes read; 0 when nothing arrived in time.</returns>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);

        /// <summary>Drops any bytes already received and not yet read.</summary>
        void DiscardInput();
    }
}
