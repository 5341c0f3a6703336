namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// One blink pattern per <see cref="LedState"/>: durations in ms, alternately on and off,
    /// starting on, repeated. Faults are counted blinks (200 ms on, 300 ms off) in a 4 s frame, so
    /// an installer can count them; normal states have their own rhythm.
    /// </summary>
    public static class LedPatterns
    {
        private static readonly int[][] Patterns =
        {
            new int[] { 100, 100 },                                                  // booting: flicker 5 per second
            new int[] { 1000, 1000 },                                                // no configuration: slow even blink
            new int[] { 200, 300, 200, 300, 200, 300, 200, 2300 },                   // meter fault: 4 blinks
            new int[] { 250, 250 },                                                  // ring nearly full: fast blink 2 per second
            new int[] { 200, 300, 200, 3300 },                                       // no Wi-Fi: 2 blinks
            new int[] { 200, 300, 200, 300, 200, 2800 },                             // no valid time: 3 blinks
            new int[] { 200, 300, 200, 300, 200, 300, 200, 300, 200, 1800 },         // credentials rejected: 5 blinks
            new int[] { 100, 900 },                                                  // backlog draining: short flash every second
            new int[] { 2900, 100 },                                                 // all sent: on, dark for 100 ms every 3 s
        };

        /// <summary>The durations (ms, on first) of the pattern for <paramref name="state"/>.</summary>
        public static int[] Of(LedState state)
        {
            int index = (int)state;
            if (index < 0 || index >= Patterns.Length) throw new System.ArgumentOutOfRangeException(nameof(state));
            return Patterns[index];
        }

        /// <summary>Length of one repetition of the pattern, ms.</summary>
        public static int PeriodMs(LedState state)
        {
            int[] pattern = Of(state);
            int total = 0;
            for (int i = 0; i < pattern.Length; i++) total += pattern[i];
            return total;
        }

        /// <summary>Whether the LED is lit <paramref name="elapsedMs"/> after the pattern started (no allocation).</summary>
        public static bool IsOn(LedState state, long elapsedMs)
        {
            if (elapsedMs < 0) throw new System.ArgumentOutOfRangeException(nameof(elapsedMs));
            int[] pattern = Of(state);
            long t = elapsedMs % PeriodMs(state);
            for (int i = 0; i < pattern.Length; i++)
            {
                if (t < pattern[i]) return (i & 1) == 0;
                t -= pattern[i];
            }

            return false;
        }

        /// <summary>Number of blinks in one repetition (the count an installer reads off a fault code).</summary>
        public static int BlinksPerPeriod(LedState state)
        {
            return (Of(state).Length + 1) / 2;
        }
    }
}
