using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Estimates the epoch of a boot-relative timeline whose clock can never be learnt (its epoch
    /// was lost, or never logged): its records are placed to end where the next record of known
    /// time starts, else to end now, and never before the last record sent.
    /// </summary>
    public sealed class EpochEstimator
    {
        /// <summary>Records looked at ahead of the head, at most, to find one of known time.</summary>
        public const int MaxLookAhead = 4096;

        private readonly IRecordRing ring;
        private readonly IBootEpochs epochs;
        private readonly Record[] batch = new Record[8];

        /// <summary>Creates an estimator over the ring and the known epochs.</summary>
        public EpochEstimator(IRecordRing ring, IBootEpochs epochs)
        {
            this.ring = ring;
            this.epochs = epochs;
        }

        /// <summary>An epoch for the timeline of <paramref name="head"/>; false when there is nothing to place it by yet.</summary>
        /// <param name="head">The first record of that timeline still to send.</param>
        /// <param name="lastSentEndUtc">End (UTC) of the last record sent, or 0 when not known.</param>
        /// <param name="clock">The clock (its UTC when trusted), or null.</param>
        /// <param name="epoch">The estimate.</param>
        public bool TryEstimate(ref Record head, long lastSentEndUtc, IClock clock, out long epoch)
        {
            long timelineEnd = head.End;
            long nextKnownStart = 0;
            bool found = false;
            uint from = head.Seq;
            int looked = 0;
            while (!found && looked < MaxLookAhead)
            {
                int n = ring.Read(from, batch, 0, batch.Length);
                if (n == 0) break;
                for (int i = 0; i < n && !found; i++)
                {
                    Record r = batch[i];
                    looked++;
                    if (r.IsBootRelative && r.Boot == head.Boot)
                    {
                        if (r.End > timelineEnd) timelineEnd = r.End;
                        continue;
                    }

                    if (!r.IsBootRelative)
                    {
                        nextKnownStart = r.Start;
                        found = true;
                    }
                    else if (epochs.TryGetEpoch(r.Boot, out long other, out bool _))
                    {
                        nextKnownStart = other + r.Start;
                        found = true;
                    }
                }

                uint next = batch[n - 1].LastSeq + 1;
                if (next <= from) break;
                from = next;
            }

            if (found) epoch = nextKnownStart - timelineEnd;
            else if (clock != null && clock.TryGetUtc(out long utcNow)) epoch = utcNow - timelineEnd;
            else if (lastSentEndUtc > 0) epoch = lastSentEndUtc - head.Start;
            else
            {
                epoch = 0;
                return false;
            }

            if (lastSentEndUtc > 0 && epoch + head.Start < lastSentEndUtc) epoch = lastSentEndUtc - head.Start;
            return true;
        }
    }
}
