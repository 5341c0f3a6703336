using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The durable queue of records waiting for the API (the ring on flash). Appending is the
    /// commit point of a finished interval. Records come back oldest first; whole segments are
    /// deleted once every record in them is at or below the sent watermark.
    /// </summary>
    public interface IRecordRing
    {
        /// <summary>Random 32-bit number chosen when the ring was first created; part of every reference id.</summary>
        uint Generation { get; }

        /// <summary>The Seq the next appended record gets (one above the highest Seq ever stored).</summary>
        uint NextSeq { get; }

        /// <summary>Records currently held (pending, attempted or sent but not yet deleted).</summary>
        int Count { get; }

        /// <summary>How many records the configured size holds.</summary>
        int Capacity { get; }

        /// <summary>True after an append was refused for lack of room, until one succeeds.</summary>
        bool IsFull { get; }

        /// <summary>
        /// Appends a finished record, assigning <see cref="Record.Seq"/> (and <see cref="Record.SeqCount"/> = 1).
        /// When the ring is full it first deletes fully sent segments, then coalesces the oldest
        /// adjacent pending records of one session with Seq above <paramref name="attemptedUpTo"/>
        /// and above what <see cref="ProtectAttempted"/> was told;
        /// an attempted record is never rewritten. A reserve is kept so that a record that ends a
        /// session, or starts a new one, can still be stored when ordinary records are refused.
        /// </summary>
        AppendResult Append(ref Record record, uint attemptedUpTo);

        /// <summary>
        /// Copies up to <paramref name="count"/> records whose <see cref="Record.LastSeq"/> is at or
        /// above <paramref name="fromSeq"/>, oldest first, into <paramref name="into"/>.
        /// </summary>
        /// <returns>The number of records copied.</returns>
        int Read(uint fromSeq, Record[] into, int offset, int count);

        /// <summary>Lets the ring delete segments whose records all have Seq at or below <paramref name="sentUpTo"/>.</summary>
        void Release(uint sentUpTo);

        /// <summary>
        /// Records with Seq at or below <paramref name="attemptedUpTo"/> may have reached the server
        /// (the delivery says so before sending them): the ring never merges them again. Lower
        /// values are ignored.
        /// </summary>
        void ProtectAttempted(uint attemptedUpTo);

        /// <summary>Moves <see cref="NextSeq"/> up to <paramref name="seq"/> so that no Seq is ever reused (lower values are ignored).</summary>
        void AdvanceNextSeq(uint seq);
    }
}
