namespace ChargerAgent.Core.Watchdog
{
    /// <summary>
    /// Counts unhandled exceptions (out-of-memory included) caught at the main loop's edge and says
    /// when they repeat enough to reboot: <see cref="MaxFaults"/> faults within
    /// <see cref="WindowMs"/>. A single fault is logged and the loop goes on; a fault storm ends in a
    /// clean reboot rather than a hung or thrashing board.
    /// </summary>
    public sealed class FaultCounter
    {
        private readonly long[] _times;
        private readonly long _windowMs;
        private int _next;
        private int _filled;

        /// <summary>Creates a counter.</summary>
        /// <param name="maxFaults">Faults within the window that call for a reboot (2-64).</param>
        /// <param name="windowMs">The window, ms (at least 1000).</param>
        public FaultCounter(int maxFaults, long windowMs)
        {
            if (maxFaults < 2 || maxFaults > 64) throw new System.ArgumentOutOfRangeException(nameof(maxFaults));
            if (windowMs < 1000) throw new System.ArgumentOutOfRangeException(nameof(windowMs));
            _times = new long[maxFaults];
            _windowMs = windowMs;
        }

        /// <summary>Faults within the window that call for a reboot.</summary>
        public int MaxFaults => _times.Length;

        /// <summary>The window, ms.</summary>
        public long WindowMs => _windowMs;

        /// <summary>Faults recorded since start.</summary>
        public uint Total { get; private set; }

        /// <summary>Records a fault at <paramref name="nowMs"/>.</summary>
        /// <returns>True when this makes <see cref="MaxFaults"/> faults within <see cref="WindowMs"/>: reboot.</returns>
        public bool Record(long nowMs)
        {
            Total++;
            _times[_next] = nowMs;
            _next = (_next + 1) % _times.Length;
            if (_filled < _times.Length) _filled++;
            if (_filled < _times.Length) return false;

            // _next now points at the oldest of the last MaxFaults faults.
            return nowMs - _times[_next] <= _windowMs;
        }
    }
}
