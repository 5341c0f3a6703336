namespace ChargerAgent.Core.Network
{
    /// <summary>
    /// The network-up decision and the reconnect schedule, fed by the Wi-Fi adapter's raw
    /// observations: whether the interface has an address, whether reading it failed, whether the
    /// wall clock is set, and how each connect attempt ended. It makes no call of its own, so
    /// nothing here can throw on a board.
    /// </summary>
    /// <remarks>
    /// <para>A failed observation (the interface could not be read) changes nothing: the network
    /// stays as last seen and the failure is counted. Taking the network down on every such
    /// failure kept the uploader off for good when the failing call was a permanent one.</para>
    /// <para>While the address is missing, a connect attempt is due at once on the first
    /// observation, then <c>firstRetryMs</c> after the address was last seen (the Wi-Fi stack
    /// reconnects by itself and is given that long), then after twice the previous wait, up to
    /// <c>maxRetryMs</c>: each attempt may write the Wi-Fi configuration to flash, so a long
    /// outage must not wear it.</para>
    /// </remarks>
    public sealed class NetworkMonitor
    {
        /// <summary>Default wait without an address before the first new connect attempt, ms.</summary>
        public const long DefaultFirstRetryMs = 60000;

        /// <summary>Default longest wait between connect attempts during an outage, ms (at most 48 attempts a day).</summary>
        public const long DefaultMaxRetryMs = 1800000;

        private readonly long firstRetryMs;
        private readonly long maxRetryMs;
        private bool hasAddress;
        private bool clockSet;
        private bool observed;
        private bool attempting;
        private long lastAttemptMs;
        private long retryMs;
        private long stateSinceMs;
        private byte state = NetworkState.NoAddress;

        /// <summary>Creates the monitor with the default retry schedule.</summary>
        public NetworkMonitor() : this(DefaultFirstRetryMs, DefaultMaxRetryMs)
        {
        }

        /// <summary>Creates the monitor.</summary>
        /// <param name="firstRetryMs">Wait without an address before the first new connect attempt, ms.</param>
        /// <param name="maxRetryMs">Longest wait between attempts, ms.</param>
        public NetworkMonitor(long firstRetryMs, long maxRetryMs)
        {
            if (firstRetryMs < 1) throw new System.ArgumentOutOfRangeException(nameof(firstRetryMs));
            if (maxRetryMs < firstRetryMs) throw new System.ArgumentOutOfRangeException(nameof(maxRetryMs));
            this.firstRetryMs = firstRetryMs;
            this.maxRetryMs = maxRetryMs;
        }

        /// <summary>True while the interface has an address (as last observed).</summary>
        public bool IsUp => hasAddress;

        /// <summary>True once the wall clock has been seen set.</summary>
        public bool ClockSet => clockSet;

        /// <summary>One of <see cref="NetworkState"/>.</summary>
        public byte State => state;

        /// <summary>Monotonic time at which <see cref="State"/> last changed, ms.</summary>
        public long StateSinceMs => stateSinceMs;

        /// <summary>Connect attempts taken so far.</summary>
        public int Attempts { get; private set; }

        /// <summary>Observations that failed so far.</summary>
        public int ObservationFailures { get; private set; }

        /// <summary>Observations that failed in a row, up to now.</summary>
        public int ConsecutiveObservationFailures { get; private set; }

        /// <summary>Wait before the next connect attempt while the address stays missing, ms.</summary>
        public long RetryMs => retryMs;

        /// <summary>The interface was read: it has an address or not.</summary>
        public void AddressObserved(bool address, long nowMs)
        {
            observed = true;
            ConsecutiveObservationFailures = 0;
            hasAddress = address;
            if (address)
            {
                // After a drop, the Wi-Fi stack's own reconnect gets firstRetryMs before an attempt.
                retryMs = firstRetryMs;
                lastAttemptMs = nowMs;
            }

            Update(nowMs);
        }

        /// <summary>Reading the interface failed (it threw): the last known state stands.</summary>
        public void ObservationFailed(long nowMs)
        {
            ObservationFailures++;
            ConsecutiveObservationFailures++;
            Update(nowMs);
        }

        /// <summary>The wall clock was read; <paramref name="utcTicks"/> is <c>DateTime.UtcNow.Ticks</c>. Once set it stays set for the boot.</summary>
        public void ClockObserved(long utcTicks, long nowMs)
        {
            if (WallClock.IsSet(utcTicks)) clockSet = true;
            Update(nowMs);
        }

        /// <summary>
        /// True when a connect attempt is due now; the attempt is then counted and the next one
        /// scheduled. The adapter makes the attempt and reports it with <see cref="AttemptEnded"/>.
        /// </summary>
        public bool TakeConnectAttempt(long nowMs)
        {
            if (attempting || !observed || hasAddress) return false;
            if (Attempts > 0 && nowMs - lastAttemptMs < retryMs) return false;
            lastAttemptMs = nowMs;
            retryMs = retryMs == 0 ? firstRetryMs : (retryMs * 2 > maxRetryMs ? maxRetryMs : retryMs * 2);
            Attempts++;
            attempting = true;
            return true;
        }

        /// <summary>The connect attempt ended (it may also have thrown): <paramref name="address"/> says whether the interface has an address now.</summary>
        public void AttemptEnded(bool address, long nowMs)
        {
            attempting = false;
            hasAddress = address;
            if (address)
            {
                retryMs = firstRetryMs;
                lastAttemptMs = nowMs;
            }

            Update(nowMs);
        }

        private void Update(long nowMs)
        {
            byte next = !hasAddress ? NetworkState.NoAddress : (clockSet ? NetworkState.Ready : NetworkState.WaitingForClock);
            if (next != state)
            {
                state = next;
                stateSinceMs = nowMs;
            }
        }
    }
}
