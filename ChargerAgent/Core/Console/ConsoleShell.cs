namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// The console as a whole: bytes in (from a UART or stdin), the line editor, the commands, and a
    /// prompt. <see cref="Feed(byte[], int, int)"/> handles whatever bytes have arrived and returns at
    /// once, so the main loop calls it every tick.
    /// </summary>
    public sealed class ConsoleShell
    {
        /// <summary>The prompt written before each line.</summary>
        public const string Prompt = "> ";

        private readonly IConsoleOutput _output;
        private readonly LineEditor _editor;
        private readonly ConsoleCommands _commands;

        /// <summary>Creates the shell.</summary>
        public ConsoleShell(IConsoleOutput output, ConsoleCommands commands)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (commands == null) throw new System.ArgumentNullException(nameof(commands));
            _output = output;
            _commands = commands;
            _editor = new LineEditor(output);
        }

        /// <summary>Writes the greeting and the first prompt.</summary>
        public void Start(string greeting)
        {
            if (greeting != null) _output.WriteLine(greeting);
            _output.WriteLine("type help for the commands");
            _output.Write(Prompt);
        }

        /// <summary>Feeds received bytes; runs every line they complete.</summary>
        public void Feed(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new System.ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count) throw new System.ArgumentOutOfRangeException(nameof(count));
            for (int i = offset; i < offset + count; i++)
            {
                Feed(buffer[i]);
            }
        }

        /// <summary>Feeds one received byte.</summary>
        public void Feed(byte b)
        {
            switch (_editor.Feed(b))
            {
                case LineEvent.Line:
                    try
                    {
                        _commands.Execute(_editor.Line);
                    }
                    catch (System.Exception e)
                    {
                        // A failing command must not take the console (or the loop) down. The message is
                        // the exception's own; commands never put secrets in exceptions.
                        _output.WriteLine("error: " + e.Message);
                    }

                    _output.Write(Prompt);
                    break;
                case LineEvent.Cancelled:
                    _output.Write(Prompt);
                    break;
                case LineEvent.TooLong:
                    _output.WriteLine("error: line longer than " + LineEditor.MaxLineLength.ToString() + " characters; ignored");
                    _output.Write(Prompt);
                    break;
            }
        }
    }
}
