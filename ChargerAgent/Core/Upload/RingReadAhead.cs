using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The next records of the queue, read from the ring <see cref="Size"/> at a time, so that a
    /// drain opens a segment file once per batch and not once per record (on the board every open
    /// is read-write and its close commits metadata).
    /// </summary>
    /// <remarks>
    /// The ring may coalesce records above <c>AttemptedUpTo</c> at any append, so a record read
    /// ahead is handed out only while it is at or below the bound it was protected by: the
    /// <c>AttemptedUpTo</c> in force when the batch was read, or the one saved right after, in the
    /// same step, before the first record of the batch went out (<see cref="Protected"/>).
    /// Any other record is read again from the ring.
    /// </remarks>
    public sealed class RingReadAhead
    {
        /// <summary>Records read per ring read.</summary>
        public const int Size = 8;

        private readonly Record[] batch = new Record[Size];
        private int count;
        private uint validUpTo;
        private bool fresh;

        /// <summary>Gets the first record at or after <paramref name="cursor"/>, from the batch when it holds it unchanged, else read from <paramref name="ring"/> with the records after it; false when the ring has none.</summary>
        /// <param name="ring">The record ring.</param>
        /// <param name="cursor">The next Seq the queue sends.</param>
        /// <param name="attemptedUpTo">The delivery's <c>AttemptedUpTo</c> now: the ring changes no record at or below it.</param>
        /// <param name="record">The record.</param>
        public bool TryGet(IRecordRing ring, uint cursor, uint attemptedUpTo, out Record record)
        {
            for (int i = 0; i < count; i++)
            {
                if (batch[i].Seq < cursor) continue;
                if (batch[i].LastSeq <= validUpTo)
                {
                    record = batch[i];
                    fresh = false;
                    return true;
                }

                break;
            }

            count = ring.Read(cursor, batch, 0, Size);
            validUpTo = attemptedUpTo;
            fresh = true;
            record = count > 0 ? batch[0] : default(Record);
            return count > 0;
        }

        /// <summary>
        /// <c>AttemptedUpTo</c> was just saved as <paramref name="attemptedUpTo"/> for the record
        /// <see cref="TryGet"/> last returned: when that record was read in this step, every record
        /// of its batch up to that bound stays as read.
        /// </summary>
        public void Protected(uint attemptedUpTo)
        {
            if (fresh && attemptedUpTo > validUpTo) validUpTo = attemptedUpTo;
            fresh = false;
        }

        /// <summary>Forgets the batch (the ring may have been replaced).</summary>
        public void Clear()
        {
            count = 0;
            validUpTo = 0;
            fresh = false;
        }
    }
}
