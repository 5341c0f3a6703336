namespace ChargerAgent.Core.Upload
{
    /// <summary>Little-endian field encoding and a 32-bit checksum (FNV-1a) for the upload side files.</summary>
    public static class Codec
    {
        /// <summary>Writes a 16-bit value.</summary>
        public static void PutU16(byte[] b, int o, ushort v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }

        /// <summary>Writes a 32-bit value.</summary>
        public static void PutU32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        /// <summary>Writes a 64-bit value.</summary>
        public static void PutI64(byte[] b, int o, long v)
        {
            PutU32(b, o, (uint)v);
            PutU32(b, o + 4, (uint)(v >> 32));
        }

        /// <summary>Reads a 16-bit value.</summary>
        public static ushort GetU16(byte[] b, int o)
        {
            return (ushort)(b[o] | (b[o + 1] << 8));
        }

        /// <summary>Reads a 32-bit value.</summary>
        public static uint GetU32(byte[] b, int o)
        {
            return (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        }

        /// <summary>Reads a 64-bit value.</summary>
        public static long GetI64(byte[] b, int o)
        {
            return (long)(((ulong)GetU32(b, o + 4) << 32) | GetU32(b, o));
        }

        /// <summary>Stores the checksum of the first size-4 bytes in the last four.</summary>
        public static void PutChecksum(byte[] b, int size)
        {
            PutU32(b, size - 4, Checksum(b, size - 4));
        }

        /// <summary>True when the last four bytes hold the checksum of the rest.</summary>
        public static bool ChecksumOk(byte[] b, int size)
        {
            return GetU32(b, size - 4) == Checksum(b, size - 4);
        }

        private static uint Checksum(byte[] b, int count)
        {
            uint h = 2166136261;
            for (int i = 0; i < count; i++)
            {
                h ^= b[i];
                h *= 16777619;
            }

            return h;
        }
    }
}
