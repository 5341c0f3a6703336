namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// The time records are stamped with once the wall clock is trusted: it follows the wall clock,
    /// but never goes back. A wall clock that steps back by less than <see cref="BackStepToleranceMs"/>
    /// makes it stand still until the wall clock catches up; one that jumps back further is ignored,
    /// and this time runs on with the monotonic clock until the wall clock overtakes it. A forward
    /// jump is taken at once. So no period can start before the end of the one before it. A wall clock
    /// that steps by more than <see cref="ClockStepGuard.StepSeconds"/> is not handed to it: the
    /// agent drops the anchor (<see cref="Unanchor"/>) until the wall clock agrees again.
    /// </summary>
    public sealed class AgentTime
    {
        /// <summary>Backward steps up to this (SNTP slewing, drift corrections) make time stand still instead of running on.</summary>
        public const long BackStepToleranceMs = 60000;

        /// <summary>A difference between wall clock and expectation above this counts as a jump.</summary>
        public const long JumpThresholdMs = 2000;

        private long nowMs;
        private long lastMonotonicMs;
        private bool absorbing;

        /// <summary>True once anchored to a trusted wall clock in this boot.</summary>
        public bool IsAnchored { get; private set; }

        /// <summary>Wall clock jumps seen (either way) since the anchor.</summary>
        public int Jumps { get; private set; }

        /// <summary>Backward jumps absorbed by running on with the monotonic clock.</summary>
        public int BackJumpsAbsorbed { get; private set; }

        /// <summary>The current time in Unix seconds (valid once <see cref="IsAnchored"/>).</summary>
        public long NowSeconds
        {
            get { return nowMs / 1000; }
        }

        /// <summary>Anchors this time: <paramref name="unixSeconds"/> at monotonic <paramref name="monotonicMs"/>.</summary>
        public void Anchor(long unixSeconds, long monotonicMs)
        {
            nowMs = unixSeconds * 1000 + monotonicMs % 1000;
            lastMonotonicMs = monotonicMs;
            IsAnchored = true;
        }

        /// <summary>Drops the anchor: the wall clock stepped and is not trusted until anchored again.</summary>
        public void Unanchor()
        {
            IsAnchored = false;
            absorbing = false;
        }

        /// <summary>
        /// Advances to monotonic <paramref name="monotonicMs"/>, following the wall clock when
        /// <paramref name="wallTrusted"/>; returns the new time in Unix seconds.
        /// </summary>
        public long Advance(bool wallTrusted, long wallSeconds, long monotonicMs)
        {
            long elapsed = monotonicMs - lastMonotonicMs;
            if (elapsed < 0) elapsed = 0;
            lastMonotonicMs = monotonicMs;
            long expected = nowMs + elapsed;
            if (!wallTrusted)
            {
                nowMs = expected;
                return nowMs / 1000;
            }

            long wallMs = wallSeconds * 1000;
            long difference = wallMs - expected;
            if (difference > JumpThresholdMs + 1000 || difference < -JumpThresholdMs - 1000) Jumps++;

            if (wallMs >= expected - BackStepToleranceMs)
            {
                // Follow the wall clock, but never step back: stand still instead.
                absorbing = false;
                if (wallMs > nowMs) nowMs = wallMs;
            }
            else
            {
                if (!absorbing) BackJumpsAbsorbed++;
                absorbing = true;
                nowMs = expected;
            }

            return nowMs / 1000;
        }
    }
}
