namespace ChargerAgent.Core.Upload
{
    /// <summary>What the uploader has done since start, by cause (for the console, tests and the simulator).</summary>
    public sealed class UploadCounters
    {
        /// <summary>Requests started (logins included).</summary>
        public int Requests;

        /// <summary>Records the API took (2xx).</summary>
        public int Acknowledged;

        /// <summary>Sends of a record after an exchange of it that ended without an answer (timeout, connection lost, unreadable 2xx): each possibly stored twice.</summary>
        public int ResentAfterLostResponse;

        /// <summary>Records re-sent after a restart because they were at or below <c>AttemptedUpTo</c> and above <c>SentUpTo</c>: possibly stored twice.</summary>
        public int ResentAfterRestart;

        /// <summary>Records acknowledged again whose cost was already kept: a 2xx that came just before a power cut, before <c>SentUpTo</c> was written.</summary>
        public int RepeatedAcknowledgements;

        /// <summary>Records found acknowledged after a restart by their cost entry (above the saved <c>SentUpTo</c>), passed without sending them again.</summary>
        public int AcknowledgedBeforeRestart;

        /// <summary>Acknowledgements whose cost entry the flash refused (full or failing): <c>SentUpTo</c> was saved in its place where it could be.</summary>
        public int CostEntriesRefused;

        /// <summary>Exchanges that passed their deadline (counted as attempted).</summary>
        public int Timeouts;

        /// <summary>Results that arrived after the uploader had given up on them (discarded).</summary>
        public int LateResults;

        /// <summary>Answers 401/403 to a record request.</summary>
        public int CredentialRefusals;

        /// <summary>Answers 422 (the slow clock).</summary>
        public int SlowRetries;

        /// <summary>Answers 429.</summary>
        public int RateLimited;

        /// <summary>Transient failures (5xx, network, timeout, unreadable answer).</summary>
        public int TransientFailures;

        /// <summary>Records quarantined.</summary>
        public int Quarantined;

        /// <summary>Acknowledgements taken from a meter record that echoed no <c>record_reference_id</c> to check against the record's.</summary>
        public int UnverifiedAcknowledgements;

        /// <summary>Answers to a record that were not its acknowledgement (not a meter record, or another record's echo): the record stays queued.</summary>
        public int ForeignAnswers;

        /// <summary>Records sent with an estimated time because the epoch of their timeline can no longer be known.</summary>
        public int EstimatedEpochRecords;

        /// <summary>Session cost checks given up after too many failed tries (marked, never retried).</summary>
        public int SessionChecksGivenUp;

        /// <summary>Checkpoint saves made for the watermarks.</summary>
        public int CheckpointSaves;

        /// <summary>Requests the transport could not start for lack of memory.</summary>
        public int OutOfMemory;

        /// <summary>All possible or certain duplicates together.</summary>
        public int Duplicates
        {
            get { return ResentAfterLostResponse + ResentAfterRestart + RepeatedAcknowledgements; }
        }
    }
}
