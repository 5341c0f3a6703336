using System;

namespace ChargerAgent.Core.Time
{
    /// <summary>
    /// Conversion between Unix seconds (UTC) and the proleptic Gregorian calendar, in integer
    /// arithmetic only. Core keeps every instant as Unix seconds; calendars appear only here.
    /// </summary>
    public static class CivilTime
    {
        /// <summary>Seconds in a day.</summary>
        public const long SecondsPerDay = 86400;

        /// <summary>The first instant this agent handles: 1970-01-01T00:00:00Z.</summary>
        public const long MinUnixSeconds = 0;

        /// <summary>The last instant this agent handles: 9999-12-31T23:59:59Z (four-digit years).</summary>
        public const long MaxUnixSeconds = 253402300799;

        /// <summary>Unix seconds of a UTC calendar date and time.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A field is outside its calendar range.</exception>
        public static long ToUnixSeconds(int year, int month, int day, int hour, int minute, int second)
        {
            if (year < 1970 || year > 9999) throw new ArgumentOutOfRangeException(nameof(year));
            if (month < 1 || month > 12) throw new ArgumentOutOfRangeException(nameof(month));
            if (day < 1 || day > DaysInMonth(year, month)) throw new ArgumentOutOfRangeException(nameof(day));
            if (hour < 0 || hour > 23) throw new ArgumentOutOfRangeException(nameof(hour));
            if (minute < 0 || minute > 59) throw new ArgumentOutOfRangeException(nameof(minute));
            if (second < 0 || second > 59) throw new ArgumentOutOfRangeException(nameof(second));

            return DaysFromCivil(year, month, day) * SecondsPerDay + hour * 3600L + minute * 60L + second;
        }

        /// <summary>Splits Unix seconds into UTC calendar fields.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The instant is outside 1970–9999.</exception>
        public static void FromUnixSeconds(long unixSeconds, out int year, out int month, out int day,
            out int hour, out int minute, out int second)
        {
            if (unixSeconds < MinUnixSeconds || unixSeconds > MaxUnixSeconds)
            {
                throw new ArgumentOutOfRangeException(nameof(unixSeconds));
            }

            long days = unixSeconds / SecondsPerDay;
            int secondOfDay = (int)(unixSeconds - days * SecondsPerDay);
            CivilFromDays(days, out year, out month, out day);
            hour = secondOfDay / 3600;
            minute = secondOfDay / 60 % 60;
            second = secondOfDay % 60;
        }

        /// <summary>True for Gregorian leap years.</summary>
        public static bool IsLeapYear(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        /// <summary>Number of days in a month of a year (28–31).</summary>
        public static int DaysInMonth(int year, int month)
        {
            switch (month)
            {
                case 2: return IsLeapYear(year) ? 29 : 28;
                case 4:
                case 6:
                case 9:
                case 11: return 30;
                default: return 31;
            }
        }

        // Days since 1970-01-01 of a civil date, counted in 400-year eras that start on 1 March so
        // that the leap day is the last day of its year.
        private static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = y / 400;
            long yearOfEra = y - era * 400;
            long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        private static void CivilFromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = z / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }
    }
}
