using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// Records cut at a session edge while the ring or the flash refused writes, kept in order in
    /// memory until the ring takes them (<see cref="OpenInterval"/> writes them before any other), so
    /// an edge takes effect when it comes: the energy before it stays with the session it ends. A
    /// bounded number; a power cut loses them, not their energy (the checkpoint saved meanwhile keeps
    /// it open from <see cref="First"/>, see <see cref="StateSaver"/>).
    /// </summary>
    public sealed class HeldRecords
    {
        /// <summary>Edges held at most: four cars coming and going within one refusal.</summary>
        public const int Capacity = 8;

        private readonly Record[] records = new Record[Capacity];
        private int count;

        /// <summary>Records held.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>True when no more can be held.</summary>
        public bool IsFull
        {
            get { return count == Capacity; }
        }

        /// <summary>Energy of the records held, Wh.</summary>
        public long Wh { get; private set; }

        /// <summary>The oldest record held (valid while <see cref="Count"/> is above 0).</summary>
        public Record First
        {
            get { return records[0]; }
        }

        /// <summary>Holds <paramref name="record"/> after the others.</summary>
        public void Add(ref Record record)
        {
            records[count++] = record;
            Wh += record.Wh;
        }

        /// <summary>Drops the oldest record, written.</summary>
        public void RemoveFirst()
        {
            Wh -= records[0].Wh;
            for (int i = 1; i < count; i++) records[i - 1] = records[i];
            count--;
        }

        /// <summary>
        /// The boot-relative timeline of <paramref name="timelineBoot"/> became UTC at <paramref name="epoch"/>
        /// (its second 0): its held records, not written yet, are placed on UTC as records of <paramref name="boot"/>.
        /// </summary>
        public void MoveToUtc(long epoch, ushort timelineBoot, ushort boot)
        {
            for (int i = 0; i < count; i++)
            {
                if (!records[i].IsBootRelative || records[i].Boot != timelineBoot) continue;
                records[i].Start += epoch;
                records[i].Boot = boot;
                records[i].Flags &= ~RecordFlags.BootRelativeTime;
            }
        }
    }
}
