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

        /// <summary>Collects everything collectable and returns the bytes free.</summary>
        public static uint Run(bool compactHeap)
        {
            System.GC.Collect();
            System.GC.WaitForPendingFinalizers();
            System.GC.Collect();
            long used = System.GC.GetTotalMemory(true);
            return used >= HeapBytes ? 0u : (uint)(HeapBytes - used);
        }
    }
}
