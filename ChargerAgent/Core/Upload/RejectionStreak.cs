namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Counts record rejections in a row with the same status and error code: that many alike
    /// (<see cref="UploadOptions.ConfigurationFaultThreshold"/>) point at the configuration, not
    /// at the records, and the queue pauses instead of quarantining the whole backlog.
    /// </summary>
    public sealed class RejectionStreak
    {
        private readonly int threshold;
        private int count;
        private int lastStatus;
        private ApiErrorCode lastCode;

        /// <summary>Creates a streak that reaches its limit at <paramref name="threshold"/> alike rejections.</summary>
        public RejectionStreak(int threshold)
        {
            this.threshold = threshold;
        }

        /// <summary>Counts a rejection with <paramref name="status"/> and <paramref name="code"/>; true when the streak of alike ones reached the threshold.</summary>
        public bool Add(int status, ApiErrorCode code)
        {
            if (status == lastStatus && code == lastCode) count++;
            else count = 1;
            lastStatus = status;
            lastCode = code;
            return count >= threshold;
        }

        /// <summary>Ends the streak (an acknowledgement, or the console's "upload now").</summary>
        public void Reset()
        {
            count = 0;
        }
    }
}
