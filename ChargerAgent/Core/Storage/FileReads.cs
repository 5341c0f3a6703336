namespace ChargerAgent.Core.Storage
{
    /// <summary>Reads through <see cref="IFileStore"/> that may return fewer bytes than asked.</summary>
    internal static class FileReads
    {
        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>, looping over short reads; returns the bytes read (fewer only at the end of the file).</summary>
        public static int ReadFully(IFileStore store, string name, long position, byte[] buffer, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = store.Read(name, position + total, buffer, total, count - total);
                if (n <= 0) break;
                total += n;
            }

            return total;
        }
    }
}
