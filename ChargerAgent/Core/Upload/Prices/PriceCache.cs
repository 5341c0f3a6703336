using System;

namespace ChargerAgent.Core.Upload.Prices
{
    /// <summary>
    /// The price slots of the coming hours, bounded: at most <see cref="Capacity"/> slots, kept in
    /// <c>valid_from</c> order, each with its price per kWh (millionths of the currency) and its
    /// confidence. Times are UTC Unix seconds; <see cref="LocationTimezone"/> is shown, never used.
    /// </summary>
    public sealed class PriceCache
    {
        /// <summary>Most slots kept (a day of half-hours, with room to spare).</summary>
        public const int Capacity = 96;

        /// <summary>Longest time zone name kept.</summary>
        public const int MaxTimezoneLength = 48;

        private readonly long[] from = new long[Capacity];
        private readonly long[] to = new long[Capacity];
        private readonly long[] priceMicros = new long[Capacity];
        private readonly int[] confidencePermille = new int[Capacity];

        /// <summary>Slots held.</summary>
        public int Count { get; private set; }

        /// <summary>ISO 4217 currency of the prices, or null.</summary>
        public string Currency { get; private set; }

        /// <summary>The location's time zone as the API names it (e.g. Europe/London), or null.</summary>
        public string LocationTimezone { get; private set; }

        /// <summary>When the API suggests asking again (UTC Unix seconds), 0 when it did not say.</summary>
        public long NextUpdate { get; private set; }

        /// <summary>When the slots were read (UTC Unix seconds), 0 when never.</summary>
        public long ReadAt { get; private set; }

        /// <summary>Start of slot <paramref name="i"/>.</summary>
        public long From(int i) => from[i];

        /// <summary>End of slot <paramref name="i"/>.</summary>
        public long To(int i) => to[i];

        /// <summary>Price per kWh of slot <paramref name="i"/>, millionths of <see cref="Currency"/>.</summary>
        public long PriceMicros(int i) => priceMicros[i];

        /// <summary>Confidence of slot <paramref name="i"/> in thousandths (1000 = confirmed, below = forecast), -1 when not given.</summary>
        public int ConfidencePermille(int i) => confidencePermille[i];

        /// <summary>The slot with <c>valid_from</c> ≤ <paramref name="utcNow"/> &lt; <c>valid_to</c>, or -1.</summary>
        public int Current(long utcNow)
        {
            for (int i = 0; i < Count; i++)
            {
                if (from[i] <= utcNow && utcNow < to[i]) return i;
            }

            return -1;
        }

        /// <summary>The first slot that starts at or after the end of slot <paramref name="current"/> (or after <paramref name="utcNow"/> when there is none), or -1.</summary>
        public int Next(int current, long utcNow)
        {
            long after = current >= 0 ? to[current] : utcNow;
            int best = -1;
            for (int i = 0; i < Count; i++)
            {
                if (from[i] >= after && (best < 0 || from[i] < from[best])) best = i;
            }

            return best;
        }

        /// <summary>Replaces everything with what <paramref name="reader"/> read, at <paramref name="readAtUtc"/>.</summary>
        public void Replace(PriceStreamReader reader, long readAtUtc)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            Count = 0;
            for (int i = 0; i < reader.SlotCount; i++)
            {
                Insert(reader.SlotFrom(i), reader.SlotTo(i), reader.SlotPriceMicros(i), reader.SlotConfidencePermille(i));
            }

            Currency = reader.Currency;
            LocationTimezone = reader.LocationTimezone;
            NextUpdate = reader.NextUpdate;
            ReadAt = readAtUtc;
        }

        private void Insert(long start, long end, long price, int confidence)
        {
            if (end <= start || Count == Capacity) return;
            int at = Count;
            while (at > 0 && from[at - 1] > start)
            {
                from[at] = from[at - 1];
                to[at] = to[at - 1];
                priceMicros[at] = priceMicros[at - 1];
                confidencePermille[at] = confidencePermille[at - 1];
                at--;
            }

            from[at] = start;
            to[at] = end;
            priceMicros[at] = price;
            confidencePermille[at] = confidence;
            Count++;
        }
    }
}
