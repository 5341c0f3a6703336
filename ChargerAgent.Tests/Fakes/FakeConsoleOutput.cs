using System.Text;
using ChargerAgent.Core.Console;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A console output that keeps everything written, for assertions.</summary>
    public sealed class FakeConsoleOutput : IConsoleOutput
    {
        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Everything written so far, lines ended with "\n".</summary>
        public string Text => _text.ToString();

        public void Write(string text)
        {
            _text.Append(text);
        }

        public void WriteLine(string line)
        {
            _text.Append(line);
            _text.Append('\n');
        }

        public void Clear()
        {
            _text.Clear();
        }
    }
}
