using System;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>RTU timing derived from the baud rate (Modbus over Serial Line V1.02, section 2.5.1.1).</summary>
    public static class ModbusTiming
    {
        /// <summary>
        /// The inter-frame silence (3.5 character times, 11 bits each) in microseconds; a fixed 1750 µs
        /// above 19200 bit/s, as the specification recommends.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Baud rate not positive.</exception>
        public static int InterFrameSilenceMicroseconds(int baudRate)
        {
            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate));
            }

            if (baudRate > ModbusLimits.FixedSilenceAboveBaud)
            {
                return ModbusLimits.FixedInterFrameSilenceMicroseconds;
            }

            // 3.5 × 11 bits × 1e6 µs / baud, rounded up: integer math on half characters.
            long numerator = (long)ModbusLimits.InterFrameSilenceHalfCharacters * ModbusLimits.BitsPerCharacter * 1000000L;
            long denominator = 2L * baudRate;
            return (int)((numerator + denominator - 1) / denominator);
        }

        /// <summary>The inter-frame silence rounded up to whole milliseconds (what a millisecond timer can wait).</summary>
        public static int InterFrameSilenceMs(int baudRate)
        {
            return (InterFrameSilenceMicroseconds(baudRate) + 999) / 1000;
        }

        /// <summary>Milliseconds needed to send <paramref name="bytes"/> bytes at <paramref name="baudRate"/>, rounded up.</summary>
        public static int TransmitMs(int bytes, int baudRate)
        {
            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate));
            }

            long bits = (long)bytes * ModbusLimits.BitsPerCharacter * 1000L;
            return (int)((bits + baudRate - 1) / baudRate);
        }
    }
}
