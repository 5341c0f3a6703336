namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// Reads a scale written as a decimal ("1000", "0.1", "0.001") into an exact fraction, so a generic profile in the
    /// configuration file keeps the integer-only arithmetic of <see cref="RegisterValue"/>.
    /// </summary>
    public static class DecimalScale
    {
        /// <summary>Most decimals accepted.</summary>
        public const int MaxDecimals = 6;

        /// <summary>Largest value accepted (the profile's bound on Wh per unit).</summary>
        public const long MaxValue = 1000000;

        /// <summary>Parses a positive decimal of at most <see cref="MaxDecimals"/> decimals and at most <see cref="MaxValue"/>.</summary>
        /// <returns>False for anything else (signs, exponents, spaces, zero).</returns>
        public static bool TryParse(string text, out long numerator, out long denominator)
        {
            numerator = 0;
            denominator = 1;
            if (text == null || text.Length == 0 || text.Length > 16) return false;
            bool point = false;
            int decimals = 0;
            int digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    if (point || digits == 0) return false;
                    point = true;
                    continue;
                }

                if (c < '0' || c > '9') return false;
                numerator = numerator * 10 + (c - '0');
                digits++;
                if (point)
                {
                    decimals++;
                    denominator *= 10;
                    if (decimals > MaxDecimals) return false;
                }
            }

            if (text[text.Length - 1] == '.' || numerator == 0) return false;
            while (denominator > 1 && numerator % 10 == 0)
            {
                numerator /= 10;
                denominator /= 10;
            }

            if (numerator > MaxValue * denominator)
            {
                numerator = 0;
                denominator = 1;
                return false;
            }

            return true;
        }
    }
}
