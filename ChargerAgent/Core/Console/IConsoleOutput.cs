namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// Where the console writes: a UART on the board, stdout on the desktop, a list in tests.
    /// Both calls return at once (a UART adapter drops output it cannot send within its write timeout).
    /// </summary>
    public interface IConsoleOutput
    {
        /// <summary>Writes text without a line end (echo, prompt).</summary>
        void Write(string text);

        /// <summary>Writes one line and the line end.</summary>
        void WriteLine(string line);
    }
}
