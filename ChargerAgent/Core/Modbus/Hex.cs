namespace ChargerAgent.Core.Modbus
{
    /// <summary>Hexadecimal text by hand (custom numeric formats are limited on the device).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Two digits, e.g. "04".</summary>
        public static string Byte(byte value)
        {
            return new string(new char[] { Digits[value >> 4], Digits[value & 0xF] });
        }

        /// <summary>"0x" and four digits, e.g. "0x0048".</summary>
        public static string Word(ushort value)
        {
            return new string(new char[]
            {
                '0', 'x', Digits[(value >> 12) & 0xF], Digits[(value >> 8) & 0xF], Digits[(value >> 4) & 0xF], Digits[value & 0xF],
            });
        }
    }
}
