namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// Limits and codes of the Modbus RTU protocol (Modbus Application Protocol Specification V1.1b3 and
    /// Modbus over Serial Line V1.02), named once so that every check and buffer size refers to them.
    /// </summary>
    public static class ModbusLimits
    {
        /// <summary>Lowest unicast slave address (1, 0x01). Address 0 is broadcast: reads never use it.</summary>
        public const byte MinSlaveAddress = 1;

        /// <summary>Highest unicast slave address (247, 0xF7); 248–255 are reserved.</summary>
        public const byte MaxSlaveAddress = 247;

        /// <summary>Most registers one read (function 03 or 04) may ask for (125, 0x7D).</summary>
        public const int MaxReadRegisters = 125;

        /// <summary>Largest RTU frame: address + PDU (253) + CRC (256 bytes, 0x100).</summary>
        public const int MaxFrameBytes = 256;

        /// <summary>Length of a read request frame: address, function, start (2), count (2), CRC (2) = 8.</summary>
        public const int ReadRequestBytes = 8;

        /// <summary>Length of an exception response: address, function | 0x80, code, CRC (2) = 5.</summary>
        public const int ExceptionResponseBytes = 5;

        /// <summary>Bytes of a read response around its data: address, function, byte count, CRC (2) = 5.</summary>
        public const int ReadResponseOverheadBytes = 5;

        /// <summary>Function 03 (0x03): read holding registers.</summary>
        public const byte ReadHoldingRegisters = 0x03;

        /// <summary>Function 04 (0x04): read input registers.</summary>
        public const byte ReadInputRegisters = 0x04;

        /// <summary>Bit set in the function code of an exception response (128, 0x80).</summary>
        public const byte ExceptionBit = 0x80;

        /// <summary>Bits per character on the line in RTU mode: start, 8 data, parity or second stop, stop = 11.</summary>
        public const int BitsPerCharacter = 11;

        /// <summary>Above this baud rate the inter-frame silence is fixed (19200 bit/s).</summary>
        public const int FixedSilenceAboveBaud = 19200;

        /// <summary>The fixed inter-frame silence above 19200 bit/s: 1750 microseconds.</summary>
        public const int FixedInterFrameSilenceMicroseconds = 1750;

        /// <summary>Inter-frame silence in character times, times two (3.5 characters = 7 half characters).</summary>
        public const int InterFrameSilenceHalfCharacters = 7;
    }
}
