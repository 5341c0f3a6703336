namespace ChargerAgent.Core.Watchdog
{
    /// <summary>
    /// The portable half of the software watchdog: the main loop kicks it every tick; a separate
    /// thread asks <see cref="IsExpired"/> and reboots the board when the loop has not kicked for
    /// <see cref="TimeoutMs"/>. Safe to use from two threads (a 64-bit field is not read atomically on
    /// a 32-bit MCU, so every access takes the lock).
    /// </summary>
    public sealed class LoopWatchdog
    {
        private readonly object _lock = new object();
        private readonly long _timeoutMs;
        private long _lastKickMs;
        private bool _paused;

        /// <summary>Creates a watchdog that expires <paramref name="timeoutMs"/> after the last kick.</summary>
        /// <param name="timeoutMs">Longest allowed gap between kicks, ms (at least 1000).</param>
        /// <param name="nowMs">Monotonic time now: counts as the first kick.</param>
        public LoopWatchdog(long timeoutMs, long nowMs)
        {
            if (timeoutMs < 1000) throw new System.ArgumentOutOfRangeException(nameof(timeoutMs));
            _timeoutMs = timeoutMs;
            _lastKickMs = nowMs;
        }

        /// <summary>The timeout, ms.</summary>
        public long TimeoutMs => _timeoutMs;

        /// <summary>Monotonic time of the last kick, ms.</summary>
        public long LastKickMs
        {
            get
            {
                lock (_lock) return _lastKickMs;
            }
        }

        /// <summary>Records that the loop is alive at <paramref name="nowMs"/>.</summary>
        public void Kick(long nowMs)
        {
            lock (_lock)
            {
                if (nowMs > _lastKickMs) _lastKickMs = nowMs;
            }
        }

        /// <summary>Stops expiry (for example while a deliberate long operation such as a firmware update runs); <see cref="Kick"/> resumes it.</summary>
        public void Pause()
        {
            lock (_lock) _paused = true;
        }

        /// <summary>Resumes expiry and counts <paramref name="nowMs"/> as a kick.</summary>
        public void Resume(long nowMs)
        {
            lock (_lock)
            {
                _paused = false;
                if (nowMs > _lastKickMs) _lastKickMs = nowMs;
            }
        }

        /// <summary>True when the loop has not kicked for longer than the timeout at <paramref name="nowMs"/>.</summary>
        public bool IsExpired(long nowMs)
        {
            lock (_lock)
            {
                return !_paused && nowMs - _lastKickMs > _timeoutMs;
            }
        }

        /// <summary>Why it expired, for the console and the log (no allocation when not expired is not needed: called once).</summary>
        public string Describe(long nowMs)
        {
            long silentMs;
            lock (_lock) silentMs = nowMs - _lastKickMs;
            return "main loop silent for " + (silentMs / 1000).ToString() + " s (limit " + (_timeoutMs / 1000).ToString() + " s)";
        }
    }
}
