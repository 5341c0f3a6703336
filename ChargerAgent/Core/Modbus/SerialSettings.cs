namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// The written list of serial settings a meter line may use (baud rates, parities, stop bits), shared by the
    /// configuration check on the board, the desktop agent and <c>read-meter</c>, so all three accept the same values.
    /// Always 8 data bits.
    /// </summary>
    public static class SerialSettings
    {
        /// <summary>No parity bit.</summary>
        public const string ParityNone = "none";

        /// <summary>Even parity.</summary>
        public const string ParityEven = "even";

        /// <summary>Odd parity.</summary>
        public const string ParityOdd = "odd";

        private static readonly int[] Bauds = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };
        private static readonly string[] ParityNames = { ParityNone, ParityEven, ParityOdd };
        private static readonly int[] StopBitCounts = { 1, 2 };

        /// <summary>The baud rates allowed, lowest first (a copy).</summary>
        public static int[] AllowedBauds()
        {
            int[] copy = new int[Bauds.Length];
            for (int i = 0; i < Bauds.Length; i++) copy[i] = Bauds[i];
            return copy;
        }

        /// <summary>The parities allowed: none, even, odd (a copy).</summary>
        public static string[] AllowedParities()
        {
            string[] copy = new string[ParityNames.Length];
            for (int i = 0; i < ParityNames.Length; i++) copy[i] = ParityNames[i];
            return copy;
        }

        /// <summary>The stop bit counts allowed: 1, 2 (a copy).</summary>
        public static int[] AllowedStopBits()
        {
            int[] copy = new int[StopBitCounts.Length];
            for (int i = 0; i < StopBitCounts.Length; i++) copy[i] = StopBitCounts[i];
            return copy;
        }

        /// <summary>True when <paramref name="baud"/> is in the list.</summary>
        public static bool IsAllowedBaud(int baud)
        {
            for (int i = 0; i < Bauds.Length; i++)
            {
                if (Bauds[i] == baud) return true;
            }

            return false;
        }

        /// <summary>True for "none", "even" or "odd" (lower case).</summary>
        public static bool IsAllowedParity(string parity)
        {
            for (int i = 0; i < ParityNames.Length; i++)
            {
                if (ParityNames[i] == parity) return true;
            }

            return false;
        }

        /// <summary>True for 1 or 2.</summary>
        public static bool IsAllowedStopBits(int stopBits)
        {
            return stopBits == 1 || stopBits == 2;
        }

        /// <summary>The baud rates as text, "1200, 2400, …" (allocates; for messages).</summary>
        public static string BaudList()
        {
            string text = string.Empty;
            for (int i = 0; i < Bauds.Length; i++)
            {
                text += (i == 0 ? string.Empty : ", ") + Bauds[i].ToString();
            }

            return text;
        }

        /// <summary>Why <paramref name="baud"/>, <paramref name="parity"/> and <paramref name="stopBits"/> cannot be used, or null when they can.</summary>
        public static string Problem(int baud, string parity, int stopBits)
        {
            if (!IsAllowedBaud(baud)) return "baud rate " + baud.ToString() + " is not one of " + BaudList();
            if (!IsAllowedParity(parity)) return "parity must be none, even or odd";
            if (!IsAllowedStopBits(stopBits)) return "stop bits must be 1 or 2";
            return null;
        }
    }
}
