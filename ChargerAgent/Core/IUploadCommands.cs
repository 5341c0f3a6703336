namespace ChargerAgent.Core
{
    /// <summary>The console's upload commands, forwarded by the agent to the uploader when one is attached.</summary>
    public interface IUploadCommands
    {
        /// <summary>Ends any backoff wait.</summary>
        void UploadNow();

        /// <summary>Puts quarantined records back in the queue; returns how many.</summary>
        int ResendQuarantined();
    }
}
