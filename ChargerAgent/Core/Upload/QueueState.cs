namespace ChargerAgent.Core.Upload
{
    /// <summary>Where the upload queue stands; <see cref="UploadStatusView"/> turns it into the status text.</summary>
    public enum QueueState : byte
    {
        /// <summary>Not started yet.</summary>
        Starting = 0,

        /// <summary>Nothing to send.</summary>
        Idle,

        /// <summary>Asking for a bearer token.</summary>
        LoggingIn,

        /// <summary>Sending the head record.</summary>
        Sending,

        /// <summary>Sending a set-aside record again.</summary>
        ResendingSetAside,

        /// <summary>The head record is boot-relative and its boot's epoch is not known yet.</summary>
        WaitingForClock,

        /// <summary>Waiting out the backoff after a failure.</summary>
        BackingOff,

        /// <summary>Waiting out the backoff after the API refused the credentials.</summary>
        BackingOffCredentialsRejected,

        /// <summary>The network is down.</summary>
        NetworkDown,

        /// <summary>Paused until the configuration is fixed (the same rejection again and again, or a full side file).</summary>
        PausedByConfigurationFault,

        /// <summary>A record got a 422: it (or the queue head) waits for the slow retry.</summary>
        WaitingAfter422,

        /// <summary>Registering the device (the registration says which step).</summary>
        RegisteringDevice,

        /// <summary>Reading prices.</summary>
        ReadingPrices,

        /// <summary>Asking a finished session's cost.</summary>
        AskingSessionCost,
    }
}
