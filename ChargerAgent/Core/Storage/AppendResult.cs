namespace ChargerAgent.Core.Storage
{
    /// <summary>What happened to a record handed to <see cref="IRecordRing.Append"/>.</summary>
    public enum AppendResult : byte
    {
        /// <summary>Stored durably under the Seq written into the record.</summary>
        Appended = 0,

        /// <summary>Stored, after older pending records were coalesced to make room.</summary>
        AppendedAfterCoalescing = 1,

        /// <summary>
        /// Refused: the ring is full of records that may not be coalesced. Nothing was written; the
        /// caller keeps the energy in its open interval and retries later (the status shows the alarm).
        /// </summary>
        RefusedFull = 2,

        /// <summary>
        /// Refused: the flash failed the write (no space left, or a write error). The record was not
        /// stored and its Seq is never handed out again; the caller keeps the energy in its open
        /// interval and retries later (the status shows the alarm).
        /// </summary>
        RefusedWriteFailed = 3,
    }
}
