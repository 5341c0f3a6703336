using System;

namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// The charger's maximum power, from configuration: voltage × maximum current × phases. Bounds what a
    /// meter may plausibly add in a given time (pulse noise, register jumps) and the energy missed while down.
    /// </summary>
    public sealed class PowerLimit
    {
        /// <summary>Milliseconds in an hour: W × ms / this = Wh.</summary>
        public const long MillisecondsPerHour = 3600000;

        /// <summary>Creates a limit; 230 V × 32 A × 1 phase is a common single-phase charger (7360 W).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Voltage 1..1000 V, current 1..1000 A, phases 1..3.</exception>
        public PowerLimit(int voltageV, int maxCurrentA, int phases)
        {
            if (voltageV < 1 || voltageV > 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(voltageV));
            }

            if (maxCurrentA < 1 || maxCurrentA > 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCurrentA));
            }

            if (phases < 1 || phases > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(phases));
            }

            VoltageV = voltageV;
            MaxCurrentA = maxCurrentA;
            Phases = phases;
            MaxPowerW = (long)voltageV * maxCurrentA * phases;
        }

        /// <summary>Nominal voltage per phase, V.</summary>
        public int VoltageV { get; }

        /// <summary>Maximum current per phase, A.</summary>
        public int MaxCurrentA { get; }

        /// <summary>Phases (1..3).</summary>
        public int Phases { get; }

        /// <summary>Maximum power, W.</summary>
        public long MaxPowerW { get; }

        /// <summary>The most energy, in Wh rounded up, the charger can use in <paramref name="elapsedMs"/> (0 for none).</summary>
        public long MaxWh(long elapsedMs)
        {
            if (elapsedMs <= 0)
            {
                return 0;
            }

            // MaxPowerW ≤ 3e6, so elapsed up to ~3e12 ms (≈ 97 years) cannot overflow.
            return (MaxPowerW * elapsedMs + MillisecondsPerHour - 1) / MillisecondsPerHour;
        }
    }
}
