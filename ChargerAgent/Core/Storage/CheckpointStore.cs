using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// Two-slot checkpoint store: saves alternate between two small files, each with a save
    /// sequence and a CRC, so a load after any cut returns the last complete save or the one before
    /// it, never a mix (SPEC.md, "Checkpoint store"). A save never touches the slot holding the newest
    /// valid checkpoint. Each save is one write and one sync of a ~106-byte file (inline in LittleFS metadata).
    /// </summary>
    public sealed class CheckpointStore : ICheckpointStore
    {
        /// <summary>Default name of the first slot file.</summary>
        public const string DefaultSlotA = "cpa.bin";

        /// <summary>Default name of the second slot file.</summary>
        public const string DefaultSlotB = "cpb.bin";

        private readonly IFileStore store;
        private readonly string[] slots = new string[2];
        private readonly byte[] buffer = new byte[CheckpointCodec.Size + 64];
        private readonly Checkpoint scratch = new Checkpoint();
        private bool scanned;
        private int newestSlot = -1;
        private uint newestSequence;
        private long saveCount;
        private int lastLength;

        /// <summary>Creates a store over <paramref name="store"/> with the default slot names.</summary>
        public CheckpointStore(IFileStore store) : this(store, DefaultSlotA, DefaultSlotB)
        {
        }

        /// <summary>Creates a store over <paramref name="store"/> with the given slot file names.</summary>
        public CheckpointStore(IFileStore store, string slotA, string slotB)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (slotA == null || slotA.Length == 0) throw new ArgumentException("slot name required", nameof(slotA));
            if (slotB == null || slotB.Length == 0 || slotB == slotA) throw new ArgumentException("two different slot names required", nameof(slotB));
            this.store = store;
            slots[0] = slotA;
            slots[1] = slotB;
        }

        /// <inheritdoc/>
        public long SaveCount
        {
            get { return saveCount; }
        }

        /// <summary>Save sequence of the newest checkpoint known (loaded or saved).</summary>
        public uint LastSequence
        {
            get { return newestSequence; }
        }

        /// <inheritdoc/>
        public bool TryLoad(Checkpoint into, out string problem)
        {
            if (into == null) throw new ArgumentNullException(nameof(into));
            problem = null;
            newestSlot = -1;
            newestSequence = 0;
            string found = null;
            for (int slot = 0; slot < 2; slot++)
            {
                int outcome;
                uint sequence;
                try
                {
                    outcome = ReadSlot(slot, out sequence);
                }
                catch (Exception e)
                {
                    found = Join(found, slots[slot] + ": " + e.Message);
                    continue;
                }

                if (outcome == CheckpointCodec.FutureVersion) found = Join(found, slots[slot] + ": newer schema version, ignored");
                else if (outcome == CheckpointCodec.Invalid && store.Exists(slots[slot])) found = Join(found, slots[slot] + ": torn or corrupt, ignored");
                if (outcome != CheckpointCodec.Valid) continue;
                if (newestSlot < 0 || (int)(sequence - newestSequence) > 0)
                {
                    newestSlot = slot;
                    newestSequence = sequence;
                }
            }

            scanned = true;
            if (newestSlot < 0)
            {
                problem = found;
                return false;
            }

            uint ignored;
            ReadSlot(newestSlot, out ignored);
            CheckpointCodec.TryDecode(buffer, lastLength, into, out ignored);
            problem = found;
            return true;
        }

        /// <inheritdoc/>
        public void Save(Checkpoint checkpoint)
        {
            if (checkpoint == null) throw new ArgumentNullException(nameof(checkpoint));
            if (!scanned)
            {
                string ignored;
                TryLoad(scratch, out ignored);
            }

            int target = newestSlot == 0 ? 1 : 0;
            uint sequence = newestSequence + 1;
            int length = CheckpointCodec.Encode(checkpoint, sequence, buffer);
            store.Write(slots[target], buffer, 0, length);
            store.Flush(slots[target]);
            newestSlot = target;
            newestSequence = sequence;
            saveCount++;
        }

        private int ReadSlot(int slot, out uint sequence)
        {
            sequence = 0;
            lastLength = 0;
            if (!store.Exists(slots[slot])) return CheckpointCodec.Invalid;
            int total = 0;
            while (total < buffer.Length)
            {
                int n = store.Read(slots[slot], total, buffer, total, buffer.Length - total);
                if (n <= 0) break;
                total += n;
            }

            lastLength = total;
            return CheckpointCodec.TryDecode(buffer, total, scratch, out sequence);
        }

        private static string Join(string a, string b)
        {
            return a == null ? b : a + "; " + b;
        }
    }
}
