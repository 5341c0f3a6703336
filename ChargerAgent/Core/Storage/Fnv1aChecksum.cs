namespace ChargerAgent.Core.Storage
{
    /// <summary>The 32-bit FNV-1a checksum that closes each fixed-size entry of the side file and the cost store (little-endian, in the entry's last four bytes).</summary>
    public static class Fnv1aChecksum
    {
        /// <summary>Stores the checksum of the first <paramref name="size"/> - 4 bytes in the last four.</summary>
        public static void Put(byte[] entry, int size)
        {
            LittleEndian.WriteUInt32(entry, size - 4, Hash(entry, size - 4));
        }

        /// <summary>True when the last four of <paramref name="size"/> bytes hold the checksum of the rest.</summary>
        public static bool IsValid(byte[] entry, int size)
        {
            return LittleEndian.ReadUInt32(entry, size - 4) == Hash(entry, size - 4);
        }

        private static uint Hash(byte[] bytes, int count)
        {
            uint h = 2166136261;
            for (int i = 0; i < count; i++)
            {
                h ^= bytes[i];
                h *= 16777619;
            }

            return h;
        }
    }
}
