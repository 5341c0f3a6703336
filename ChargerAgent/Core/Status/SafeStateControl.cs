namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The console's control while the agent does not run (no or invalid configuration): sessions
    /// and uploads are refused with the reason, and a reboot request is only noted for the main loop
    /// to act on.
    /// </summary>
    public sealed class SafeStateControl : IAgentControl
    {
        private const string NotRunning = "the agent is not running: the configuration is missing or invalid (status says why)";

        /// <summary>True once a reboot was asked for.</summary>
        public bool RebootRequested { get; private set; }

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
