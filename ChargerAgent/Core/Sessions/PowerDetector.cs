namespace ChargerAgent.Core.Sessions
{
    /// <summary>
    /// Decides from the meter's power whether a vehicle is charging: power at or above
    /// <see cref="ThresholdW"/> for <see cref="StartAfterMs"/> starts, below it for
    /// <see cref="StopAfterMs"/> stops. Edge-triggered: it reports a change once, so a session
    /// stopped by another source is not restarted until the power falls and rises again.
    /// </summary>
    public sealed class PowerDetector
    {
        /// <summary>No change.</summary>
        public const int NoChange = 0;

        /// <summary>Charging began.</summary>
        public const int Started = 1;

        /// <summary>Charging ended.</summary>
        public const int Stopped = -1;

        private bool charging;
        private bool timing;
        private long sinceMs;

        /// <summary>Creates a detector.</summary>
        public PowerDetector(int thresholdW, long startAfterMs, long stopAfterMs)
        {
            if (thresholdW <= 0) throw new System.ArgumentOutOfRangeException(nameof(thresholdW));
            if (startAfterMs < 0) throw new System.ArgumentOutOfRangeException(nameof(startAfterMs));
            if (stopAfterMs < 0) throw new System.ArgumentOutOfRangeException(nameof(stopAfterMs));
            ThresholdW = thresholdW;
            StartAfterMs = startAfterMs;
            StopAfterMs = stopAfterMs;
        }

        /// <summary>Power at or above which a vehicle is taken to be charging, W.</summary>
        public int ThresholdW { get; private set; }

        /// <summary>How long the power must stay at or above the threshold to start, ms.</summary>
        public long StartAfterMs { get; private set; }

        /// <summary>How long the power must stay below the threshold to stop, ms.</summary>
        public long StopAfterMs { get; private set; }

        /// <summary>True while the detector considers a vehicle charging.</summary>
        public bool IsCharging
        {
            get { return charging; }
        }

        /// <summary>Feeds one power sample taken at monotonic <paramref name="monotonicMs"/>.</summary>
        /// <returns><see cref="Started"/>, <see cref="Stopped"/> or <see cref="NoChange"/>.</returns>
        public int Update(int powerW, long monotonicMs)
        {
            bool above = powerW >= ThresholdW;
            if (above == charging)
            {
                timing = false;
                return NoChange;
            }

            if (!timing)
            {
                timing = true;
                sinceMs = monotonicMs;
            }

            if (monotonicMs - sinceMs < (above ? StartAfterMs : StopAfterMs)) return NoChange;
            charging = above;
            timing = false;
            return above ? Started : Stopped;
        }

        /// <summary>Sets the state without reporting a change (after a reboot with a session open).</summary>
        public void Assume(bool isCharging)
        {
            charging = isCharging;
            timing = false;
        }
    }
}
