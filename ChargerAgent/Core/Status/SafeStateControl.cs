namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The console's control while the agent does not run (no or invalid configuration): sessions
    /// and uploads are refused with the reason, and a reboot request is only noted for the main loop
    /// to act on. It also stands in for the agent in the status: the recording section then shows
    /// the board's clock and uptime (<see cref="FillStatus"/>), so the console still tells the time.
    /// </summary>
    public sealed class SafeStateControl : IAgentControl
    {
        private const string NotRunning = "the agent is not running: the configuration is missing or invalid (status says why)";

        /// <summary>True once a reboot was asked for.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Fills the clock and uptime of <paramref name="status"/> while the agent does not run.</summary>
        /// <param name="status">The recording section, which no agent fills in the safe state.</param>
        /// <param name="clockTrusted">The board's wall clock is set.</param>
        /// <param name="utc">UTC now as Unix seconds when <paramref name="clockTrusted"/>.</param>
        /// <param name="monotonicMs">Milliseconds since boot.</param>
        public void FillStatus(RecordingStatus status, bool clockTrusted, long utc, long monotonicMs)
        {
            status.ClockTrusted = clockTrusted;
            status.UtcNow = utc;
            status.UptimeSeconds = monotonicMs / 1000;
        }

        /// <inheritdoc />
        public bool StartSession(string callerId, out string problem)
        {
            problem = NotRunning;
            return false;
        }

        /// <inheritdoc />
        public bool StopSession(out string problem)
        {
            problem = NotRunning;
            return false;
        }

        /// <inheritdoc />
        public void UploadNow()
        {
        }

        /// <inheritdoc />
        public int ResendQuarantined()
        {
            return 0;
        }

        /// <inheritdoc />
        public void RequestReboot()
        {
            RebootRequested = true;
        }
    }
}
