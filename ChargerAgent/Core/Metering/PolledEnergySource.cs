using System;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// Reads a slow meter (Modbus over RS485) at most once per poll period and hands out the last
    /// reading in between, so the agent can tick often (for the LED and the console) without
    /// flooding the bus. A failed read is retried at the next tick, not after a whole period.
    /// </summary>
    public sealed class PolledEnergySource : IEnergySource
    {
        private readonly IEnergySource inner;
        private readonly IClock clock;
        private readonly long periodMs;
        private EnergyReading last;
        private bool hasLast;
        private long lastReadMs;

        /// <summary>Polls <paramref name="inner"/> every <paramref name="periodMilliseconds"/>.</summary>
        public PolledEnergySource(IEnergySource inner, IClock clock, int periodMilliseconds)
        {
            if (inner == null) throw new ArgumentNullException(nameof(inner));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            if (periodMilliseconds < 0) throw new ArgumentOutOfRangeException(nameof(periodMilliseconds));
            this.inner = inner;
            this.clock = clock;
            periodMs = periodMilliseconds;
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

        /// <inheritdoc />
        public void Read(ref EnergyReading reading)
        {
            long now = clock.MonotonicMilliseconds;
            if (!hasLast || now - lastReadMs >= periodMs || last.Health != MeterHealth.Ok)
            {
                inner.Read(ref last);
                hasLast = true;
                lastReadMs = now;
                reading = last;
                // An event is reported once, with the read that raised it.
                last.Event = MeterEvent.None;
                return;
            }

            reading = last;
        }
    }
}
