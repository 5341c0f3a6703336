using System;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Metering.S0
{
    /// <summary>
    /// An S0 pulse meter (IEC 62053-31) as an <see cref="IEnergySource"/>. Wh are computed with integers and
    /// the remainder is carried: after n pulses at c impulses/kWh the total is exactly floor(n × 1000 / c) Wh,
    /// whatever the sampling. A counter that goes backwards (restart, reset, wrap) never produces a negative
    /// delta or a jump; pulses arriving faster than the maximum power allows are noise: reported, not billed.
    /// The count lives in RAM: it does not survive a reboot.
    /// </summary>
    public sealed class S0EnergySource : IEnergySource
    {
        /// <summary>Reason: the counter could not be read.</summary>
        public const string CounterUnreadable = "pulse counter cannot be read";

        /// <summary>Reason: more pulses than the maximum power allows: dropped as noise.</summary>
        public const string PulseNoise = "pulse rate above maximum power: dropped as noise";

        /// <summary>Reason: the counter went backwards and the pulses since could not be trusted.</summary>
        public const string CounterRestarted = "pulse counter restarted";

        /// <summary>Wh per kWh.</summary>
        private const long WhPerKwh = 1000;

        /// <summary>Pulses of slack on the rate check: a pulse may land just after a sample boundary.</summary>
        public const long RateSlackPulses = 2;

        /// <summary>Above this many pulses in one sample no power is derived (keeps the product inside 64 bits).</summary>
        private const long MaxPulsesForPower = 2000000;

        private readonly IPulseCounter counter;
        private readonly IClock clock;
        private readonly int impulsesPerKwh;
        private readonly PowerLimit limit;
        private readonly long counterModulus;
        private long lastCount;
        private long lastMs;
        private long totalWh;
        private long remainder;
        private long noisePulses;
        private long restarts;

        /// <summary>
        /// Creates a source; the counter is taken to start at 0 now (it restarts at every boot).
        /// </summary>
        /// <param name="counter">The pulse counter.</param>
        /// <param name="clock">Monotonic time for the rate check and derived power.</param>
        /// <param name="impulsesPerKwh">The meter's constant (any positive integer: 100, 800, 1000, 2000, 10000…).</param>
        /// <param name="limit">The charger's maximum power.</param>
        /// <param name="counterModulus">The value at which the counter wraps to 0 (e.g. 65536), or 0 when it does not wrap.</param>
        /// <exception cref="ArgumentException">A missing argument, a non-positive constant or a negative modulus.</exception>
        public S0EnergySource(IPulseCounter counter, IClock clock, int impulsesPerKwh, PowerLimit limit, long counterModulus)
        {
            if (counter == null)
            {
                throw new ArgumentNullException(nameof(counter));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (limit == null)
            {
                throw new ArgumentNullException(nameof(limit));
            }

            if (impulsesPerKwh <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(impulsesPerKwh), "impulses per kWh must be positive");
            }

            if (counterModulus < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counterModulus));
            }

            this.counter = counter;
            this.clock = clock;
            this.impulsesPerKwh = impulsesPerKwh;
            this.limit = limit;
            this.counterModulus = counterModulus;
            lastMs = clock.MonotonicMilliseconds;
        }

        /// <inheritdoc />
        public bool CountSurvivesReboot
        {
            get { return false; }
        }

        /// <inheritdoc />
        public int MaxReadMilliseconds
        {
            get { return 0; }
        }

        /// <summary>The meter constant.</summary>
        public int ImpulsesPerKwh
        {
            get { return impulsesPerKwh; }
        }

        /// <summary>
        /// The carried remainder, in pulse-thousandths of a kWh: pulses × 1000 not yet making a whole Wh
        /// (0 ≤ value &lt; <see cref="ImpulsesPerKwh"/>). With the total, this is what a checkpoint keeps.
        /// </summary>
        public long Remainder
        {
            get { return remainder; }
        }

        /// <summary>Wh accumulated so far (since construction or <see cref="Restore"/>).</summary>
        public long TotalWh
        {
            get { return totalWh; }
        }

        /// <summary>Pulses dropped as noise so far.</summary>
        public long NoisePulses
        {
            get { return noisePulses; }
        }

        /// <summary>Times the counter was seen going backwards.</summary>
        public long CounterRestarts
        {
            get { return restarts; }
        }

        /// <summary>Continues from a checkpoint's total and remainder (after a reboot the counter restarts at 0).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative total, or remainder outside 0..constant-1.</exception>
        public void Restore(long totalWhValue, long remainderValue)
        {
            if (totalWhValue < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(totalWhValue));
            }

            if (remainderValue < 0 || remainderValue >= impulsesPerKwh)
            {
                throw new ArgumentOutOfRangeException(nameof(remainderValue));
            }

            totalWh = totalWhValue;
            remainder = remainderValue;
        }

        /// <inheritdoc />
        public void Read(ref EnergyReading reading)
        {
            long now = clock.MonotonicMilliseconds;
            reading.TakenAtMs = now;
            reading.Event = MeterEvent.None;
            reading.HasPower = false;
            reading.PowerW = 0;
            long count;
            if (!counter.TryRead(out count))
            {
                reading.Health = MeterHealth.NoAnswer;
                reading.Reason = CounterUnreadable;
                reading.TotalWh = totalWh;
                return;
            }

            long elapsed = now - lastMs;
            long delta;
            bool restarted = false;
            if (count >= lastCount)
            {
                delta = count - lastCount;
            }
            else
            {
                restarted = true;
                restarts++;
                if (counterModulus > 0 && lastCount < counterModulus && count < counterModulus)
                {
                    delta = counterModulus - lastCount + count; // a wrap: the pulses across it
                }
                else
                {
                    delta = count; // a restart from 0: the pulses since
                }
            }

            long allowed = MaxPulses(elapsed);
            reading.TotalWh = totalWh;
            if (delta > allowed)
            {
                // Faster than the charger can draw: noise (or a wrap/restart we cannot size). Move past it.
                noisePulses += delta;
                lastCount = count;
                lastMs = now;
                reading.Health = MeterHealth.BadData;
                reading.Reason = restarted ? CounterRestarted : PulseNoise;
                return;
            }

            long acc = remainder + delta * WhPerKwh;
            long wh = acc / impulsesPerKwh;
            remainder = acc - wh * impulsesPerKwh;
            totalWh += wh;
            lastCount = count;
            if (elapsed > 0 && delta <= MaxPulsesForPower)
            {
                // Average power over the sample: pulses × 3.6e9 / (constant × ms).
                long powerW = delta * WhPerKwh * PowerLimit.MillisecondsPerHour / ((long)impulsesPerKwh * elapsed);
                reading.PowerW = powerW > int.MaxValue ? int.MaxValue : (int)powerW;
                reading.HasPower = true;
            }

            lastMs = now;
            reading.TotalWh = totalWh;
            reading.Health = MeterHealth.Ok;
            reading.Reason = null;
        }

        /// <summary>The most pulses the maximum power can produce in <paramref name="elapsedMs"/>, plus slack.</summary>
        public long MaxPulses(long elapsedMs)
        {
            if (elapsedMs < 0)
            {
                elapsedMs = 0;
            }

            // pulses = W × ms × constant / (3.6e6 × 1000), rounded up.
            long denominator = PowerLimit.MillisecondsPerHour * WhPerKwh;
            long numerator = limit.MaxPowerW * elapsedMs;
            long pulses = (numerator / denominator) * impulsesPerKwh
                + ((numerator % denominator) * impulsesPerKwh + denominator - 1) / denominator;
            return pulses + RateSlackPulses;
        }
    }
}
