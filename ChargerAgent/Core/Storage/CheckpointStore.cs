using System;

namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// Two-slot checkpoint store: saves alternate between two small files, each with a save
    /// sequence and a CRC, so a load after any cut returns the last complete save or the one before
    /// it, never a mix (SPEC.md, "Checkpoint store"). A save never touches the slot holding the newest
    /// valid checkpoint. One slot holds two records with two owners: the agent's
    /// <see cref="Checkpoint"/> and the delivery's <see cref="DeliveryWatermarks"/>. Each owner saves
    /// only its own; the store writes it beside the other's last save, so neither owner has to keep
    /// the other's record consistent. Each save is one write and one sync of a 170-byte file (inline in LittleFS metadata),
    /// or, when only a few words changed since the last full save, of a delta of at most 68 bytes
    /// (<see cref="CheckpointDelta"/>) to one of two delta slots, alternating the same way.
    /// </summary>
    public sealed class CheckpointStore : ICheckpointStore, IWatermarkStore
    {
        /// <summary>Default name of the first slot file.</summary>
        public const string DefaultSlotA = "cpa.bin";

        /// <summary>Default name of the second slot file.</summary>
        public const string DefaultSlotB = "cpb.bin";

        /// <summary>Default name of the first delta slot file.</summary>
        public const string DefaultDeltaA = "cda.bin";

        /// <summary>Default name of the second delta slot file.</summary>
        public const string DefaultDeltaB = "cdb.bin";

        private readonly IFileStore store;
        private readonly string[] slots = new string[2];
        private readonly string[] deltaSlots = new string[2];
        private readonly byte[] buffer = new byte[CheckpointCodec.Size + 64];
        private readonly byte[] baseImage = new byte[CheckpointCodec.Size];
        private readonly byte[] deltaBuffer = new byte[CheckpointDelta.MaxSize + 16];
        private bool hasBase;
        private int baseSlot = -1;
        private uint baseSequence;
        private int newestDeltaSlot = -1;
        private readonly Checkpoint scratch = new Checkpoint();
        private readonly DeliveryWatermarks scratchMarks = new DeliveryWatermarks();
        private readonly Checkpoint savedState = new Checkpoint();
        private readonly DeliveryWatermarks savedMarks = new DeliveryWatermarks();
        private bool hasSaved;
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
            deltaSlots[0] = slotA == DefaultSlotA ? DefaultDeltaA : slotA + ".d";
            deltaSlots[1] = slotB == DefaultSlotB ? DefaultDeltaB : slotB + ".d";
        }

        /// <summary>Saves written as deltas (the rest were written whole), for wear figures.</summary>
        public long DeltaSaves { get; private set; }

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
            hasBase = false;
            newestDeltaSlot = -1;
            hasSaved = false;
            savedState.CopyFrom(new Checkpoint());
            savedMarks.Reset(0);
            if (newestSlot < 0)
            {
                problem = found;
                return false;
            }

            uint ignored;
            ReadSlot(newestSlot, out ignored);
            TakeBase(newestSlot, newestSequence);
            int delta = NewestDelta();
            if (delta >= 0) newestSequence = LittleEndian.ReadUInt32(buffer, 8);
            CheckpointCodec.TryDecode(buffer, delta >= 0 ? CheckpointCodec.Size : lastLength, savedState, savedMarks, out ignored);
            hasSaved = true;
            into.CopyFrom(savedState);
            problem = found;
            return true;
        }

        /// <inheritdoc/>
        public bool TryLoad(DeliveryWatermarks into)
        {
            if (into == null) throw new ArgumentNullException(nameof(into));
            if (!scanned)
            {
                string ignored;
                TryLoad(scratch, out ignored);
            }

            if (!hasSaved) return false;
            into.CopyFrom(savedMarks);
            return true;
        }

        /// <inheritdoc/>
        public void Save(DeliveryWatermarks watermarks)
        {
            if (watermarks == null) throw new ArgumentNullException(nameof(watermarks));
            Scan();
            savedMarks.CopyFrom(watermarks);
            if (savedState.Generation != watermarks.Generation)
            {
                // No agent state of this ring saved yet: the slot holds a fresh one (boots counted
                // on), as the agent itself starts over on a ring it does not know.
                ushort boots = savedState.BootCount;
                savedState.CopyFrom(new Checkpoint());
                savedState.BootCount = boots;
                savedState.Generation = watermarks.Generation;
                savedState.NextSeq = watermarks.SeqFloor;
            }

            Write();
        }

        /// <inheritdoc/>
        public void Save(Checkpoint checkpoint)
        {
            if (checkpoint == null) throw new ArgumentNullException(nameof(checkpoint));
            Scan();
            savedState.CopyFrom(checkpoint);

            // Watermarks of another ring count nothing in this one.
            if (savedMarks.Generation != checkpoint.Generation) savedMarks.Reset(checkpoint.Generation);
            Write();
        }

        private void Scan()
        {
            if (scanned) return;
            string ignored;
            TryLoad(scratch, out ignored);
        }

        /// <summary>Writes both records as last saved by their owners, whole or as a delta.</summary>
        private void Write()
        {
            uint sequence = newestSequence + 1;
            int length = CheckpointCodec.Encode(savedState, savedMarks, sequence, buffer);
            int deltaLength = hasBase && length == CheckpointCodec.Size ? CheckpointDelta.Encode(baseImage, buffer, sequence, baseSequence, deltaBuffer) : 0;
            if (deltaLength > 0)
            {
                int slot = newestDeltaSlot == 0 ? 1 : 0;
                store.Write(deltaSlots[slot], deltaBuffer, 0, deltaLength);
                store.Flush(deltaSlots[slot]);
                newestDeltaSlot = slot;
                DeltaSaves++;
            }
            else
            {
                int target = baseSlot == 0 ? 1 : 0;
                store.Write(slots[target], buffer, 0, length);
                store.Flush(slots[target]);
                newestSlot = target;
                TakeBase(target, sequence);
            }

            newestSequence = sequence;
            hasSaved = true;
            saveCount++;
        }

        /// <summary>Remembers the full save in <see cref="buffer"/> as the base of the deltas that follow.</summary>
        private void TakeBase(int slot, uint sequence)
        {
            Array.Copy(buffer, baseImage, CheckpointCodec.Size);
            hasBase = buffer[4] == CheckpointCodec.Version && LittleEndian.ReadUInt16(buffer, 6) == CheckpointCodec.PayloadSize;
            baseSlot = slot;
            baseSequence = sequence;
            newestDeltaSlot = -1;
        }

        /// <summary>
        /// Finds the newest valid delta of the base and, if there is one, leaves the base with it
        /// applied in <see cref="buffer"/>; returns its slot or -1 (the base alone is in <see cref="buffer"/>).
        /// </summary>
        private int NewestDelta()
        {
            int best = -1;
            uint bestSequence = baseSequence;
            for (int slot = 0; slot < 2; slot++)
            {
                int length = ReadDelta(slot);
                uint sequence, of;
                if (!CheckpointDelta.TryRead(deltaBuffer, length, out sequence, out of) || of != baseSequence) continue;
                if ((int)(sequence - bestSequence) <= 0) continue;
                best = slot;
                bestSequence = sequence;
            }

            Array.Copy(baseImage, buffer, CheckpointCodec.Size);
            if (best < 0 || !hasBase) return -1;
            ReadDelta(best);
            CheckpointDelta.Apply(deltaBuffer, buffer);
            newestDeltaSlot = best;
            return best;
        }

        private int ReadDelta(int slot)
        {
            try
            {
                if (!store.Exists(deltaSlots[slot])) return 0;
                int total = 0;
                while (total < deltaBuffer.Length)
                {
                    int n = store.Read(deltaSlots[slot], total, deltaBuffer, total, deltaBuffer.Length - total);
                    if (n <= 0) break;
                    total += n;
                }

                return total;
            }
            catch (System.IO.IOException)
            {
                return 0; // an unreadable delta is as good as none: the full save it is based on stands
            }
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
            return CheckpointCodec.TryDecode(buffer, total, scratch, scratchMarks, out sequence);
        }

        private static string Join(string a, string b)
        {
            return a == null ? b : a + "; " + b;
        }
    }
}
