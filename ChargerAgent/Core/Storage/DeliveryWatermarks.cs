namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// The delivery's durable progress through the ring (SPEC.md, "Checkpoint slot"): how far
    /// records may have reached the server and how far they are done with. Owned and saved by the
    /// uploader alone, through <see cref="IWatermarkStore"/>; the agent never reads or writes it.
    /// </summary>
    public sealed class DeliveryWatermarks
    {
        /// <summary>Ring generation these watermarks count in.</summary>
        public uint Generation;

        /// <summary>Every Seq at or below this may have reached the server. Persisted before any record above it is sent.</summary>
        public uint AttemptedUpTo;

        /// <summary>Every Seq at or below this is acknowledged, quarantined or set aside. Saved lazily after a 2xx: the record's cost entry is its durable acknowledgement (SPEC.md 7.2).</summary>
        public uint SentUpTo;

        /// <summary>The lowest Seq a new record may take without reusing one that may have gone out.</summary>
        public uint SeqFloor
        {
            get { return (AttemptedUpTo > SentUpTo ? AttemptedUpTo : SentUpTo) + 1; }
        }

        /// <summary>Copies every field from <paramref name="other"/>.</summary>
        public void CopyFrom(DeliveryWatermarks other)
        {
            Generation = other.Generation;
            AttemptedUpTo = other.AttemptedUpTo;
            SentUpTo = other.SentUpTo;
        }

        /// <summary>Starts over for ring generation <paramref name="generation"/>: nothing attempted, nothing sent.</summary>
        public void Reset(uint generation)
        {
            Generation = generation;
            AttemptedUpTo = 0;
            SentUpTo = 0;
        }
    }
}
