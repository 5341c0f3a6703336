namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// Human-readable log lines on the console, filtered by level (0 error, 1 warn, 2 info, 3 debug).
    /// Callers must never pass secrets.
    /// </summary>
    public sealed class ConsoleLog
    {
        /// <summary>Errors only.</summary>
        public const int Error = 0;
        /// <summary>Errors and warnings.</summary>
        public const int Warn = 1;
        /// <summary>Normal operation.</summary>
        public const int Info = 2;
        /// <summary>Everything.</summary>
        public const int Debug = 3;

        private static readonly string[] Names = { "error", "warn", "info", "debug" };
        private readonly IConsoleOutput _output;

        /// <summary>Creates a log writing to <paramref name="output"/> at level info.</summary>
        public ConsoleLog(IConsoleOutput output)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            _output = output;
            Level = Info;
        }

        /// <summary>The current level.</summary>
        public int Level { get; private set; }

        /// <summary>The name of <paramref name="level"/> (error, warn, info, debug).</summary>
        public static string NameOf(int level)
        {
            return level >= 0 && level < Names.Length ? Names[level] : "?";
        }

        /// <summary>The level named <paramref name="name"/>, or -1.</summary>
        public static int Parse(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name) return i;
            }

            return -1;
        }

        /// <summary>Sets the level by name; false when the name is not a level.</summary>
        public bool TrySetLevel(string name)
        {
            int level = Parse(name);
            if (level < 0) return false;
            Level = level;
            return true;
        }

        /// <summary>True when lines of <paramref name="level"/> are written.</summary>
        public bool IsEnabled(int level)
        {
            return level <= Level;
        }

        /// <summary>Writes <paramref name="message"/> when its level is enabled.</summary>
        public void Write(int level, string message)
        {
            if (!IsEnabled(level)) return;
            _output.WriteLine("[" + NameOf(level) + "] " + message);
        }
    }
}
