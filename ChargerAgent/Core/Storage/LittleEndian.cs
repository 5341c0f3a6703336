namespace ChargerAgent.Core.Storage
{
    /// <summary>Little-endian field access for the on-flash formats (the only place bytes are ordered).</summary>
    public static class LittleEndian
    {
        /// <summary>Writes the low <paramref name="bytes"/> bytes of <paramref name="value"/>, least significant first.</summary>
        public static void Write(byte[] buffer, int offset, ulong value, int bytes)
        {
            for (int i = 0; i < bytes; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }
        }

        /// <summary>Reads <paramref name="bytes"/> bytes, least significant first.</summary>
        public static ulong Read(byte[] buffer, int offset, int bytes)
        {
            ulong value = 0;
            for (int i = bytes - 1; i >= 0; i--)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        /// <summary>Writes a 16-bit value.</summary>
        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        /// <summary>Reads a 16-bit value.</summary>
        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        /// <summary>Writes a 32-bit value.</summary>
        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Reads a 32-bit value.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }

        /// <summary>Writes a 64-bit signed value (two's complement).</summary>
        public static void WriteInt64(byte[] buffer, int offset, long value)
        {
            WriteUInt32(buffer, offset, (uint)value);
            WriteUInt32(buffer, offset + 4, (uint)(value >> 32));
        }

        /// <summary>Reads a 64-bit signed value (two's complement).</summary>
        public static long ReadInt64(byte[] buffer, int offset)
        {
            return (long)(((ulong)ReadUInt32(buffer, offset + 4) << 32) | ReadUInt32(buffer, offset));
        }
    }
}
