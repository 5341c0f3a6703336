using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: polynomial 0x1021, seed 0xFFFF, no reflection, no final XOR
    /// (check value of the ASCII digits "123456789" is 0x29B1). Used by every record, segment
    /// header and checkpoint slot on flash. A seed other than zero makes a run of zero bytes fail.
    /// </summary>
    public static class Crc16
    {
        /// <summary>The generator polynomial (x^16 + x^12 + x^5 + 1).</summary>
        public const ushort Polynomial = 0x1021;

        /// <summary>The initial register value.</summary>
        public const ushort Seed = 0xFFFF;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>The CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            int crc = Seed;
            for (int i = 0; i < count; i++)
            {
                crc = ((crc << 8) ^ Table[((crc >> 8) ^ buffer[offset + i]) & 0xFF]) & 0xFFFF;
            }

            return (ushort)crc;
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int value = i << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    value = (value & 0x8000) != 0 ? (value << 1) ^ Polynomial : value << 1;
                }

                table[i] = (ushort)(value & 0xFFFF);
            }

            return table;
        }
    }
}
