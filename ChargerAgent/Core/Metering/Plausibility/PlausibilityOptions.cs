using System;

namespace ChargerAgent.Core.Metering.Plausibility
{
    /// <summary>Settings of the <see cref="PlausibilityFilter"/>.</summary>
    public sealed class PlausibilityOptions
    {
        /// <summary>Default consecutive consistent reads before an implausible value becomes the new baseline: 3.</summary>
        public const int DefaultConfirmReads = 3;

        /// <summary>Default Wh of slack on the jump check (register resolution, sampling jitter): 10 Wh.</summary>
        public const long DefaultToleranceWh = 10;

        /// <summary>Creates options with the given power limit and the defaults.</summary>
        /// <exception cref="ArgumentNullException">No limit.</exception>
        public PlausibilityOptions(PowerLimit limit)
        {
            if (limit == null)
            {
                throw new ArgumentNullException(nameof(limit));
            }

            Limit = limit;
        }

        private int confirmReads = DefaultConfirmReads;
        private long toleranceWh = DefaultToleranceWh;

        /// <summary>The charger's maximum power.</summary>
        public PowerLimit Limit { get; }

        /// <summary>Consecutive consistent reads (1..100) that turn a held value into a new baseline.</summary>
        public int ConfirmReads
        {
            get { return confirmReads; }
            set
            {
                if (value < 1 || value > 100)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                confirmReads = value;
            }
        }

        /// <summary>Wh a reading may exceed the maximum-power bound by (0..1,000,000) before it is held.</summary>
        public long ToleranceWh
        {
            get { return toleranceWh; }
            set
            {
                if (value < 0 || value > 1000000)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                toleranceWh = value;
            }
        }
    }
}
