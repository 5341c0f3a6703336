using System;

namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// Turns raw registers into exact integers: multi-register integers, and float32 decoded from its bits
    /// with integer math, scaled by a rational factor and rounded to nearest (halves away from zero).
    /// No floating-point rounding, no allocation.
    /// </summary>
    public static class RegisterValue
    {
        /// <summary>Reason: the value is NaN or infinite.</summary>
        public const string NotANumber = "register holds NaN or infinity";

        /// <summary>Reason: the value does not fit in a signed 64-bit integer once scaled.</summary>
        public const string OutOfRange = "register value out of range";

        /// <summary>Registers a value of <paramref name="type"/> takes (2 or 4).</summary>
        public static int RegisterCount(RegisterDataType type)
        {
            return type == RegisterDataType.Int64 || type == RegisterDataType.UInt64 ? 4 : 2;
        }

        /// <summary>
        /// Converts the registers at <paramref name="registers"/>[0..] to <c>round(value × numerator / denominator)</c>.
        /// <paramref name="resolutionMilli"/> receives one step of the register at this value in thousandths of
        /// the output unit (for float32 one unit in the last place, which grows with the value; for integers one count).
        /// </summary>
        /// <returns>Null when converted; otherwise a constant reason and <paramref name="scaled"/> = 0.</returns>
        public static string TryScale(ushort[] registers, RegisterDataType type, WordOrder order, long numerator, long denominator,
            out long scaled, out long resolutionMilli)
        {
            scaled = 0;
            resolutionMilli = 0;
            if (type == RegisterDataType.Float32)
            {
                return TryScaleFloat(Combine32(registers, order), numerator, denominator, out scaled, out resolutionMilli);
            }

            resolutionMilli = DivideRounded(1000L * numerator, denominator);
            if (type == RegisterDataType.Int32)
            {
                return TryScaleInteger(Int32FromBits(Combine32(registers, order)), numerator, denominator, out scaled);
            }

            if (type == RegisterDataType.UInt32)
            {
                return TryScaleInteger(Combine32(registers, order), numerator, denominator, out scaled);
            }

            ulong raw = Combine64(registers, order);
            if (type == RegisterDataType.Int64)
            {
                return TryScaleInteger((long)raw, numerator, denominator, out scaled);
            }

            if (raw > long.MaxValue)
            {
                return OutOfRange;
            }

            return TryScaleInteger((long)raw, numerator, denominator, out scaled);
        }

        /// <summary>
        /// The signed value of 32 register bits, sign-extended in 64-bit arithmetic. Not
        /// <c>(long)(int)bits</c>: an unchecked uint-to-int cast emits no instruction, so on nanoCLR
        /// the value keeps its unsigned type and widening it to long zero-extends it (-10 would read
        /// 4,294,967,286). The guard's rule NF1011 refuses that pattern.
        /// </summary>
        public static long Int32FromBits(uint bits)
        {
            return ((long)bits ^ 0x80000000L) - 0x80000000L;
        }

        /// <summary>Joins two registers into 32 bits in the given word order.</summary>
        public static uint Combine32(ushort[] registers, WordOrder order)
        {
            uint first = registers[0];
            uint second = registers[1];
            return order == WordOrder.HighWordFirst ? (first << 16) | second : (second << 16) | first;
        }

        /// <summary>Joins four registers into 64 bits in the given word order.</summary>
        public static ulong Combine64(ushort[] registers, WordOrder order)
        {
            ulong value = 0;
            for (int i = 0; i < 4; i++)
            {
                int index = order == WordOrder.HighWordFirst ? i : 3 - i;
                value = (value << 16) | registers[index];
            }

            return value;
        }

        /// <summary>
        /// round(float(bits) × numerator / denominator) with integer math: float = ±m × 2^e, m &lt; 2^24.
        /// </summary>
        public static string TryScaleFloat(uint bits, long numerator, long denominator, out long scaled, out long resolutionMilli)
        {
            scaled = 0;
            resolutionMilli = 0;
            bool negative = (bits & 0x80000000u) != 0;
            int exponentField = (int)((bits >> 23) & 0xFF);
            long mantissa = bits & 0x7FFFFF;
            if (exponentField == 0xFF)
            {
                return NotANumber;
            }

            int exponent;
            if (exponentField == 0)
            {
                exponent = -149; // subnormal: no implicit bit
            }
            else
            {
                mantissa |= 0x800000;
                exponent = exponentField - 150;
            }

            // One unit in the last place is 2^exponent (for subnormals too).
            resolutionMilli = ScalePowerOfTwo(1000L * numerator, exponent, denominator);
            if (resolutionMilli < 0)
            {
                return OutOfRange;
            }

            long magnitude = ScalePowerOfTwo(mantissa * numerator, exponent, denominator);
            if (magnitude < 0)
            {
                return OutOfRange;
            }

            scaled = negative ? -magnitude : magnitude;
            return null;
        }

        /// <summary>round(value × 2^exponent / denominator) for value ≥ 0; -1 when it overflows.</summary>
        private static long ScalePowerOfTwo(long value, int exponent, long denominator)
        {
            if (value == 0)
            {
                return 0;
            }

            if (exponent >= 0)
            {
                // value < 2^24 × numerator; shifting left must stay below 2^62.
                if (exponent > 62 || value > (long.MaxValue >> 1 >> exponent))
                {
                    return -1;
                }

                return DivideRounded(value << exponent, denominator);
            }

            int shift = -exponent;
            if (shift > 62)
            {
                return 0; // below half a unit for any value this code scales (value < 2^61)
            }

            long divisor = denominator;
            for (int i = 0; i < shift; i++)
            {
                if (divisor > (long.MaxValue >> 2))
                {
                    return 0; // divisor larger than twice the value: rounds to 0
                }

                divisor <<= 1;
            }

            return DivideRounded(value, divisor);
        }

        private static string TryScaleInteger(long value, long numerator, long denominator, out long scaled)
        {
            scaled = 0;
            bool negative = value < 0;
            long magnitude = negative ? -value : value;
            if (magnitude < 0 || (numerator != 0 && magnitude > long.MaxValue / numerator))
            {
                return OutOfRange;
            }

            long result = DivideRounded(magnitude * numerator, denominator);
            scaled = negative ? -result : result;
            return null;
        }

        /// <summary>round(value / divisor), halves away from zero, for value ≥ 0 and divisor &gt; 0.</summary>
        public static long DivideRounded(long value, long divisor)
        {
            if (divisor <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(divisor));
            }

            long quotient = value / divisor;
            long remainder = value - quotient * divisor;
            if (remainder >= divisor - remainder)
            {
                quotient++;
            }

            return quotient;
        }
    }
}
