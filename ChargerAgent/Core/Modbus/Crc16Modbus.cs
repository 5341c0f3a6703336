using System;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS: reflected polynomial 0xA001 (0x8005), initial value 0xFFFF, no final XOR; sent low
    /// byte first (Modbus over Serial Line V1.02, section 6.2.2). Check value of "123456789" is 0x4B37.
    /// </summary>
    public static class Crc16Modbus
    {
        /// <summary>The initial value of the register (0xFFFF).</summary>
        public const ushort Initial = 0xFFFF;

        /// <summary>The reflected generator polynomial (0xA001).</summary>
        public const ushort ReflectedPolynomial = 0xA001;

        /// <summary>The CRC of each byte value, built once (512 bytes): a byte per step instead of a bit.</summary>
        private static readonly ushort[] Table = BuildTable();

        /// <summary>Computes the CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException">No buffer.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The slice is not inside the buffer.</exception>
        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            int crc = Initial;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (crc >> 8) ^ Table[(crc ^ buffer[i]) & 0xFF];
            }

            return (ushort)crc;
        }

        /// <summary>The CRC of a single byte value from a zero register, bit by bit (the table's definition).</summary>
        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int value = 0; value < 256; value++)
            {
                int crc = value;
                for (int bit = 0; bit < 8; bit++)
                {
                    bool lsb = (crc & 1) != 0;
                    crc >>= 1;
                    if (lsb)
                    {
                        crc ^= ReflectedPolynomial;
                    }
                }

                table[value] = (ushort)crc;
            }

            return table;
        }

        /// <summary>Appends the CRC of the first <paramref name="count"/> bytes after them (low byte first).</summary>
        /// <returns>The new length, <paramref name="count"/> + 2.</returns>
        public static int Append(byte[] buffer, int count)
        {
            ushort crc = Compute(buffer, 0, count);
            if (buffer.Length < count + 2)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            buffer[count] = (byte)(crc & 0xFF);
            buffer[count + 1] = (byte)(crc >> 8);
            return count + 2;
        }

        /// <summary>True when the last two bytes of the frame are the CRC of the bytes before them.</summary>
        public static bool Check(byte[] frame, int length)
        {
            if (frame == null || length < 3 || length > frame.Length)
            {
                return false;
            }

            ushort crc = Compute(frame, 0, length - 2);
            return frame[length - 2] == (byte)(crc & 0xFF) && frame[length - 1] == (byte)(crc >> 8);
        }
    }
}
