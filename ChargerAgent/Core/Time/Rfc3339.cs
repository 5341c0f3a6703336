using System;

namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// RFC 3339 timestamps as the Flatpeak API takes them: <c>2022-02-01T10:30:00Z</c>, always UTC,
    /// whole seconds. Writing goes into a caller's buffer so the upload path allocates nothing.
    /// </summary>
    public static class Rfc3339
    {
        /// <summary>Characters in a formatted timestamp (<c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
        public const int Length = 20;

        /// <summary>Writes the ASCII timestamp of <paramref name="unixSeconds"/> at <paramref name="offset"/>.</summary>
        /// <returns>The number of bytes written, always <see cref="Length"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">No room in the buffer, or the instant is outside 1970–9999.</exception>
        public static int Write(long unixSeconds, byte[] buffer, int offset)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - Length) throw new ArgumentOutOfRangeException(nameof(offset));

            CivilTime.FromUnixSeconds(unixSeconds, out int year, out int month, out int day,
                out int hour, out int minute, out int second);
            WriteDigits(buffer, offset, year, 4);
            buffer[offset + 4] = (byte)'-';
            WriteDigits(buffer, offset + 5, month, 2);
            buffer[offset + 7] = (byte)'-';
            WriteDigits(buffer, offset + 8, day, 2);
            buffer[offset + 10] = (byte)'T';
            WriteDigits(buffer, offset + 11, hour, 2);
            buffer[offset + 13] = (byte)':';
            WriteDigits(buffer, offset + 14, minute, 2);
            buffer[offset + 16] = (byte)':';
            WriteDigits(buffer, offset + 17, second, 2);
            buffer[offset + 19] = (byte)'Z';
            return Length;
        }

        /// <summary>The timestamp of <paramref name="unixSeconds"/> as a string (allocates; for logs and tests).</summary>
        public static string Format(long unixSeconds)
        {
            byte[] ascii = new byte[Length];
            Write(unixSeconds, ascii, 0);
            char[] chars = new char[Length];
            for (int i = 0; i < Length; i++)
            {
                chars[i] = (char)ascii[i];
            }

            return new string(chars);
        }

        /// <summary>
        /// Parses an RFC 3339 date-time (<c>Z</c> or a numeric offset, optional fraction, which is
        /// truncated to whole seconds) into Unix seconds.
        /// </summary>
        /// <returns>False for anything that is not a valid RFC 3339 date-time between 1970 and 9999.</returns>
        public static bool TryParse(string text, out long unixSeconds)
        {
            unixSeconds = 0;
            if (text == null || text.Length < Length) return false;

            if (!TryDigits(text, 0, 4, out int year) || text[4] != '-'
                || !TryDigits(text, 5, 2, out int month) || text[7] != '-'
                || !TryDigits(text, 8, 2, out int day) || (text[10] != 'T' && text[10] != 't')
                || !TryDigits(text, 11, 2, out int hour) || text[13] != ':'
                || !TryDigits(text, 14, 2, out int minute) || text[16] != ':'
                || !TryDigits(text, 17, 2, out int second))
            {
                return false;
            }

            int i = 19;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                int fractionStart = i;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
                if (i == fractionStart) return false;
            }

            if (i >= text.Length) return false;
            int offsetSeconds;
            char zone = text[i];
            if (zone == 'Z' || zone == 'z')
            {
                offsetSeconds = 0;
                i++;
            }
            else if (zone == '+' || zone == '-')
            {
                if (text.Length < i + 6 || text[i + 3] != ':'
                    || !TryDigits(text, i + 1, 2, out int offsetHours)
                    || !TryDigits(text, i + 4, 2, out int offsetMinutes)
                    || offsetHours > 23 || offsetMinutes > 59)
                {
                    return false;
                }

                offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
                i += 6;
            }
            else
            {
                return false;
            }

            if (i != text.Length) return false;
            if (year < 1970 || month < 1 || month > 12 || day < 1 || day > CivilTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            long local = CivilTime.ToUnixSeconds(year, month, day, hour, minute, second);
            long utc = local - offsetSeconds;
            if (utc < CivilTime.MinUnixSeconds || utc > CivilTime.MaxUnixSeconds) return false;
            unixSeconds = utc;
            return true;
        }

        private static void WriteDigits(byte[] buffer, int offset, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }

        private static bool TryDigits(string text, int offset, int count, out int value)
        {
            value = 0;
            for (int i = 0; i < count; i++)
            {
                char c = text[offset + i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
