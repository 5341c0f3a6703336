using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The delivery's two watermarks and their saves, in one place: <c>SentUpTo</c> (every record up
    /// to it is acknowledged, quarantined or set aside; the ring may release it) and
    /// <c>AttemptedUpTo</c> (no record above it has been sent since it was saved). They are the
    /// delivery's own record (<see cref="DeliveryWatermarks"/>), apart from the agent's checkpoint:
    /// only this class writes them or saves them.
    /// </summary>
    /// <remarks>
    /// An acknowledged record moves <c>SentUpTo</c> in memory only (<see cref="MoveSentUpTo"/> with
    /// <c>save</c> false): its durable acknowledgement is its entry in the cost store, written
    /// before, and a restart derives the rest of <c>SentUpTo</c> from those entries. The saved
    /// <c>SentUpTo</c> (<see cref="SavedSentUpTo"/>) catches up at every save of
    /// <c>AttemptedUpTo</c>, at every record quarantined or set aside, and whenever the cost store
    /// would otherwise have to drop an entry above it (<see cref="SaveSentUpTo"/>). The ring
    /// releases only what the saved <c>SentUpTo</c> covers.
    /// </remarks>
    public sealed class UploadWatermarks
    {
        private readonly DeliveryWatermarks checkpoint;
        private readonly IWatermarkStore checkpointStore;
        private readonly IRecordRing ring;
        private readonly UploadCounters counters;
        private readonly int attemptedStepRecords;
        private uint savedSentUpTo;

        /// <summary>Keeps the watermarks of <paramref name="checkpoint"/>, saved through <paramref name="checkpointStore"/>.</summary>
        public UploadWatermarks(DeliveryWatermarks checkpoint, IWatermarkStore checkpointStore, IRecordRing ring, UploadCounters counters, int attemptedStepRecords)
        {
            if (checkpoint == null) throw new ArgumentNullException(nameof(checkpoint));
            if (checkpointStore == null) throw new ArgumentNullException(nameof(checkpointStore));
            this.checkpoint = checkpoint;
            this.checkpointStore = checkpointStore;
            this.ring = ring;
            this.counters = counters;
            this.attemptedStepRecords = attemptedStepRecords;
        }

        /// <summary>Every record up to this Seq is acknowledged, quarantined or set aside.</summary>
        public uint SentUpTo
        {
            get { return checkpoint.SentUpTo; }
        }

        /// <summary>The <c>SentUpTo</c> last saved (a restart starts from it).</summary>
        public uint SavedSentUpTo
        {
            get { return savedSentUpTo; }
        }

        /// <summary>No record above this Seq has been sent.</summary>
        public uint AttemptedUpTo
        {
            get { return checkpoint.AttemptedUpTo; }
        }

        /// <summary>After loading: lifts <c>AttemptedUpTo</c> to <c>SentUpTo</c> (unsaved), tells the ring which records may have gone out, and lets it release what was sent.</summary>
        public void Resume()
        {
            savedSentUpTo = checkpoint.SentUpTo;
            if (checkpoint.AttemptedUpTo < checkpoint.SentUpTo) checkpoint.AttemptedUpTo = checkpoint.SentUpTo;
            ring.ProtectAttempted(checkpoint.AttemptedUpTo);
            ring.Release(checkpoint.SentUpTo);
        }

        /// <summary>Before the record ending at <paramref name="lastSeq"/> goes out: moves <c>AttemptedUpTo</c> a step ahead (never past the ring's newest record) and saves, when it is below.</summary>
        public void CoverAttempt(uint lastSeq)
        {
            if (lastSeq <= checkpoint.AttemptedUpTo) return;
            uint newest = ring.NextSeq - 1;
            uint target = lastSeq + (uint)attemptedStepRecords - 1;
            if (target > newest) target = newest;
            if (target < lastSeq) target = lastSeq;
            checkpoint.AttemptedUpTo = target;
            ring.ProtectAttempted(target);
            Save();
        }

        /// <summary>Moves <c>SentUpTo</c> up to <paramref name="seq"/> when it is below; saves (and lets the ring release) when <paramref name="save"/>.</summary>
        public void MoveSentUpTo(uint seq, bool save)
        {
            if (checkpoint.SentUpTo >= seq) return;
            checkpoint.SentUpTo = seq;
            if (checkpoint.AttemptedUpTo < checkpoint.SentUpTo) checkpoint.AttemptedUpTo = checkpoint.SentUpTo;
            if (save) Save();
        }

        /// <summary>Saves <c>SentUpTo</c> when it moved since the last save, and lets the ring release.</summary>
        public void SaveSentUpTo()
        {
            if (checkpoint.SentUpTo > savedSentUpTo) Save();
        }

        private void Save()
        {
            checkpointStore.Save(checkpoint);
            counters.CheckpointSaves++;
            if (checkpoint.SentUpTo <= savedSentUpTo) return;
            savedSentUpTo = checkpoint.SentUpTo;
            ring.Release(savedSentUpTo);
        }
    }
}
