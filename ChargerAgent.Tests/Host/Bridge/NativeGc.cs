namespace nanoFramework.Runtime.Native
{
    /// <summary>
    /// nanoFramework.Runtime.Native's GC on .NET, for the portable memory test: a full collection,
    /// then the bytes free of a notional 10 MB heap (nanoCLR POSIX's size). On the device the same
    /// call is the runtime's own (GC.cs of nanoFramework.Runtime.Native 1.7.11): it runs a full GC and
    /// returns the free bytes, measured before the optional compaction.
    /// </summary>
    public static class GC
    {
        /// <summary>The heap the free figure is reckoned against (nanoCLR POSIX: 10 MB).</summary>
        public const long HeapBytes = 10 * 1024 * 1024;

        /// <summary>
        /// Collects everything collectable and returns the bytes free. The test host's own threads
        /// hold objects for moments, so this takes the most free of five blocking, compacting full
        /// collections 20 ms apart.
        /// </summary>
        public static uint Run(bool compactHeap)
        {
            long least = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                if (i > 0) System.Threading.Thread.Sleep(20);
                System.GC.Collect(2, System.GCCollectionMode.Forced, true, true);
                System.GC.WaitForPendingFinalizers();
                System.GC.Collect(2, System.GCCollectionMode.Forced, true, true);
                System.GCMemoryInfo info = System.GC.GetGCMemoryInfo(System.GCKind.FullBlocking);
                long used = info.HeapSizeBytes - info.FragmentedBytes;
                if (used < least) least = used;
            }

            return least >= HeapBytes ? 0u : (uint)(HeapBytes - least);
        }
    }
}
