namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// Drives the LED from the status: picks the state, restarts its pattern when the state changes
    /// (so a blink count always starts at its first blink) and writes the pin only when it changes.
    /// Called from the main loop as often as it ticks (every 50 ms or so); allocates nothing.
    /// </summary>
    public sealed class StatusLed
    {
        private readonly ILedOutput _output;
        private LedState _state;
        private long _stateSinceMs;
        private bool _started;
        private bool _lit;

        /// <summary>Creates the driver over <paramref name="output"/>.</summary>
        public StatusLed(ILedOutput output)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            _output = output;
        }

        /// <summary>The state shown.</summary>
        public LedState State => _state;

        /// <summary>True when the LED is lit.</summary>
        public bool IsLit => _lit;

        /// <summary>Updates the LED for <paramref name="status"/> at monotonic time <paramref name="nowMs"/>.</summary>
        public void Update(AgentStatus status, long nowMs)
        {
            LedState state = LedStates.Select(status);
            if (!_started || state != _state || nowMs < _stateSinceMs)
            {
                _state = state;
                _stateSinceMs = nowMs;
            }

            bool lit = LedPatterns.IsOn(_state, nowMs - _stateSinceMs);
            if (!_started || lit != _lit)
            {
                _output.Set(lit);
                _lit = lit;
            }

            _started = true;
        }
    }
}
