using System.Diagnostics;
using ChargerAgent.Core.Console;

namespace ChargerAgent.Esp32
{
    /// <summary>Console output to the debugger (Visual Studio's Output window), used when the console UART cannot be opened. Empty in Release builds.</summary>
    public sealed class Esp32DebugOutput : IConsoleOutput
    {
        /// <inheritdoc />
        public void Write(string text)
        {
            Debug.Write(text);
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            Debug.WriteLine(line);
        }
    }
}
