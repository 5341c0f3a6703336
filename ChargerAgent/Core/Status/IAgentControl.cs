namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// What the console (serial or stdin) may ask the agent to do. Each call returns at once; the
    /// work happens on the agent's next tick.
    /// </summary>
    public interface IAgentControl
    {
        /// <summary>Starts a session, with a caller-given reference id or null to generate one.</summary>
        /// <returns>False with <paramref name="problem"/> set when it cannot (a session is open, bad id).</returns>
        bool StartSession(string callerId, out string problem);

        /// <summary>Ends the open session.</summary>
        /// <returns>False with <paramref name="problem"/> set when no session is open.</returns>
        bool StopSession(out string problem);

        /// <summary>Uploads now: ends any backoff wait.</summary>
        void UploadNow();

        /// <summary>Puts every quarantined record back in the upload queue; returns how many.</summary>
        int ResendQuarantined();

        /// <summary>Asks for a clean reboot (state saved first).</summary>
        void RequestReboot();
    }
}
