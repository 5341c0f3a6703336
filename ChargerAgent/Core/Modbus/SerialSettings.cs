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

        // No static fields: other types' static initializers (the meter profiles, the configuration schema) call in
        // here, and nanoCLR runs static constructors in its own order, not on first use.

        /// <summary>The baud rates allowed, lowest first (a new array).</summary>
        public static int[] AllowedBauds()
        {
            return new int[] { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };
        }

        /// <summary>The parities allowed: none, even, odd (a new array).</summary>
        public static string[] AllowedParities()
        {
            return new string[] { ParityNone, ParityEven, ParityOdd };
        }

        /// <summary>The stop bit counts allowed: 1, 2 (a new array).</summary>
        public static int[] AllowedStopBits()
        {
            return new int[] { 1, 2 };
        }

        /// <summary>True when <paramref name="baud"/> is in the list.</summary>
        public static bool IsAllowedBaud(int baud)
        {
            switch (baud)
            {
                case 1200:
                case 2400:
                case 4800:
                case 9600:
                case 19200:
                case 38400:
                case 57600:
                case 115200:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>True for "none", "even" or "odd" (lower case).</summary>
        public static bool IsAllowedParity(string parity)
        {
            return parity == ParityNone || parity == ParityEven || parity == ParityOdd;
        }

        /// <summary>True for 1 or 2.</summary>
        public static bool IsAllowedStopBits(int stopBits)
        {
            return stopBits == 1 || stopBits == 2;
        }

        /// <summary>The baud rates as text, "1200, 2400, …" (allocates; for messages).</summary>
        public static string BaudList()
        {
            int[] bauds = AllowedBauds();
            string text = string.Empty;
            for (int i = 0; i < bauds.Length; i++)
            {
                text += (i == 0 ? string.Empty : ", ") + bauds[i].ToString();
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
