namespace ChargerAgent.Esp32
{
    /// <summary>
    /// Free managed memory for the status line. <c>nanoFramework.Runtime.Native.GC.Run(false)</c>
    /// runs a collection and returns the free bytes (nanoFramework.Runtime.Native/GC.cs), so it is
    /// sampled rarely (every <see cref="SamplePeriodMs"/>), never on the hot path.
    /// </summary>
    public sealed class Esp32Memory
    {
        /// <summary>Time between samples, ms.</summary>
        public const long SamplePeriodMs = 60000;

        private long _lastSampleMs = -SamplePeriodMs;
        private long _freeBytes = -1;

        /// <summary>The free bytes, sampled again when <see cref="SamplePeriodMs"/> has passed since the last sample.</summary>
        public long FreeBytes(long nowMs)
        {
            if (nowMs - _lastSampleMs >= SamplePeriodMs)
            {
                _lastSampleMs = nowMs;
                _freeBytes = nanoFramework.Runtime.Native.GC.Run(false);
            }

            return _freeBytes;
        }
    }
}
