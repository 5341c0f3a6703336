using System;

namespace ChargerAgent.Core.Metering.Plausibility
{
    /// <summary>
    /// Wraps any <see cref="IEnergySource"/> and keeps implausible readings from being billed: a total below
    /// the last good one, or a rise larger than the maximum power could produce since it, is held
    /// (<see cref="MeterHealth.BadData"/>, <see cref="MeterEvent.ReadingHeld"/>, with a reason). When the
    /// same new level persists — <see cref="PlausibilityOptions.ConfirmReads"/> consecutive reads consistent
    /// with each other (a replaced or reset meter) — it is accepted with <see cref="MeterEvent.NewBaseline"/>, and the
    /// reading says what the confirming reads saw (<see cref="EnergyReading.BaselineSeenWh"/>, billable) and how long
    /// nothing was seen (<see cref="EnergyReading.BaselineUnseenMs"/>, unaccounted).
    /// </summary>
    public sealed class PlausibilityFilter : IEnergySource
    {
        /// <summary>Reason: the total went down.</summary>
        public const string BelowLastGood = "reading below the last good one: held";

        /// <summary>Reason: the total rose faster than the maximum power allows.</summary>
        public const string JumpAboveMaxPower = "jump larger than maximum power allows: held";

        /// <summary>Reason while the first reading after start waits to be confirmed by the next ones.</summary>
        public const string ConfirmingFirst = "first reading after start: waiting for it to be confirmed";

        private readonly IEnergySource inner;
        private readonly PlausibilityOptions options;
        private bool haveGood;
        private long goodWh;
        private long goodMs;
        private bool haveCandidate;
        private long candidateWh;
        private long candidateMs;
        private long candidateFirstWh;
        private long candidateFirstMs;
        private int candidateReads;

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        /// <exception cref="ArgumentNullException">A missing argument.</exception>
        public PlausibilityFilter(IEnergySource inner, PlausibilityOptions options)
        {
            if (inner == null)
            {
                throw new ArgumentNullException(nameof(inner));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            this.inner = inner;
            this.options = options;
        }

        /// <inheritdoc />
        public bool CountSurvivesReboot
        {
            get { return inner.CountSurvivesReboot; }
        }

        /// <inheritdoc />
        public int MaxReadMilliseconds
        {
            get { return inner.MaxReadMilliseconds; }
        }

        /// <summary>True once a good reading has been seen.</summary>
        public bool HasBaseline
        {
            get { return haveGood; }
        }

        /// <summary>The last good total, Wh (valid when <see cref="HasBaseline"/>).</summary>
        public long LastGoodWh
        {
            get { return goodWh; }
        }

        /// <summary>Starts from a known good total (a checkpoint's baseline) taken at <paramref name="atMs"/>.</summary>
        public void SetBaseline(long totalWh, long atMs)
        {
            haveGood = true;
            goodWh = totalWh;
            goodMs = atMs;
            haveCandidate = false;
        }

        /// <inheritdoc />
        public void Read(ref EnergyReading reading)
        {
            inner.Read(ref reading);
            reading.BaselineSeenWh = 0;
            reading.BaselineUnseenMs = 0;
            if (reading.Health != MeterHealth.Ok)
            {
                return;
            }

            if (reading.Event == MeterEvent.NewBaseline)
            {
                // The source itself says the total restarted: nothing since the last good reading was seen.
                if (haveGood && reading.TakenAtMs > goodMs) reading.BaselineUnseenMs = reading.TakenAtMs - goodMs;
                SetBaseline(reading.TotalWh, reading.TakenAtMs);
                return;
            }

            if (!haveGood)
            {
                // The first reading of a boot is billed from only once it persists: a single wild
                // value right after a reboot would otherwise become the baseline (and the energy
                // "used while the agent was down").
                ConfirmFirst(ref reading);
                return;
            }

            if (IsConsistent(goodWh, goodMs, reading.TotalWh, reading.TakenAtMs))
            {
                goodWh = reading.TotalWh;
                goodMs = reading.TakenAtMs;
                haveCandidate = false;
                return;
            }

            long lastGoodMs = goodMs;
            if (Persists(ref reading))
            {
                // What the confirming reads saw is real energy on the new count; only the time before the first of
                // them went unseen.
                reading.Event = MeterEvent.NewBaseline;
                reading.BaselineSeenWh = reading.TotalWh - candidateFirstWh;
                reading.BaselineUnseenMs = candidateFirstMs > lastGoodMs ? candidateFirstMs - lastGoodMs : 0;
                return;
            }

            reading.Reason = reading.TotalWh < goodWh ? BelowLastGood : JumpAboveMaxPower;
            reading.Health = MeterHealth.BadData;
            reading.Event = MeterEvent.ReadingHeld;
        }

        private void ConfirmFirst(ref EnergyReading reading)
        {
            if (Persists(ref reading)) return;
            reading.Reason = ConfirmingFirst;
            reading.Health = MeterHealth.BadData;
            reading.Event = MeterEvent.None;
        }

        // Counts consistent reads of a candidate total; once there are enough, it becomes the baseline.
        private bool Persists(ref EnergyReading reading)
        {
            if (haveCandidate && IsConsistent(candidateWh, candidateMs, reading.TotalWh, reading.TakenAtMs))
            {
                candidateReads++;
            }
            else
            {
                haveCandidate = true;
                candidateReads = 1;
                candidateFirstWh = reading.TotalWh;
                candidateFirstMs = reading.TakenAtMs;
            }

            candidateWh = reading.TotalWh;
            candidateMs = reading.TakenAtMs;
            if (candidateReads < options.ConfirmReads) return false;
            SetBaseline(reading.TotalWh, reading.TakenAtMs);
            return true;
        }

        private bool IsConsistent(long fromWh, long fromMs, long toWh, long toMs)
        {
            long delta = toWh - fromWh;
            return delta >= 0 && delta <= options.Limit.MaxWh(toMs - fromMs) + options.ToleranceWh;
        }
    }
}
