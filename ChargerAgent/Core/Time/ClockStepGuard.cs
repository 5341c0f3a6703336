namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// Watches a trusted wall clock for steps: a reading that moved more than
    /// <see cref="StepSeconds"/> against the monotonic clock since the last one. After a step the
    /// wall clock is not trusted until it agrees again: by coming back to the time before the step
    /// (a wrong answer, corrected), or by keeping its new reading for
    /// <see cref="ConfirmOnlineSeconds"/> of network-up time, long enough for the next SNTP answers
    /// to have agreed with it (ESP32 syncs hourly). No call says SNTP answered, so readings that
    /// agree are the only evidence of a second sync.
    /// </summary>
    public sealed class ClockStepGuard
    {
        /// <summary>A move above this many seconds is a step; smaller ones the agent's time follows (the stamping bound).</summary>
        public const long StepSeconds = AgentTime.BackStepToleranceMs / 1000;

        /// <summary>Seconds of network-up time a stepped wall clock must keep its new reading before it is trusted.</summary>
        public const long ConfirmOnlineSeconds = 7200;

        private bool hasOffset;
        private long offsetMs;
        private long beforeOffsetMs;
        private long candidateOffsetMs;
        private long heldMs;
        private long lastMonotonicMs;

        /// <summary>True from a step until the wall clock agrees again.</summary>
        public bool IsStepped { get; private set; }

        /// <summary>Steps seen since this guard was made.</summary>
        public int Steps { get; private set; }

        /// <summary>
        /// True when the trusted wall clock (<paramref name="wallSeconds"/> at
        /// <paramref name="monotonicMs"/>) stepped since the last reading: it is then untrusted until
        /// <see cref="Agrees"/>.
        /// </summary>
        public bool IsStep(long wallSeconds, long monotonicMs)
        {
            long offset = wallSeconds * 1000 - monotonicMs;
            if (!hasOffset || Near(offset, offsetMs))
            {
                hasOffset = true;
                offsetMs = offset;
                return false;
            }

            IsStepped = true;
            Steps++;
            beforeOffsetMs = offsetMs;
            candidateOffsetMs = offset;
            heldMs = 0;
            lastMonotonicMs = monotonicMs;
            return true;
        }

        /// <summary>
        /// True when the wall clock may be trusted: always outside a step; after one, once it reads
        /// the time before the step again, or has kept one other reading (within
        /// <see cref="StepSeconds"/>) for <see cref="ConfirmOnlineSeconds"/> while
        /// <paramref name="online"/>. A further step starts that wait again.
        /// </summary>
        public bool Agrees(long wallSeconds, long monotonicMs, bool online)
        {
            long offset = wallSeconds * 1000 - monotonicMs;
            if (IsStepped && !Near(offset, beforeOffsetMs))
            {
                long elapsed = monotonicMs - lastMonotonicMs;
                lastMonotonicMs = monotonicMs;
                if (!Near(offset, candidateOffsetMs))
                {
                    candidateOffsetMs = offset;
                    heldMs = 0;
                    return false;
                }

                if (online && elapsed > 0) heldMs += elapsed;
                if (heldMs < ConfirmOnlineSeconds * 1000) return false;
            }

            IsStepped = false;
            hasOffset = true;
            offsetMs = offset;
            return true;
        }

        private static bool Near(long a, long b)
        {
            long d = a - b;
            return d <= StepSeconds * 1000 && d >= -StepSeconds * 1000;
        }
    }
}
