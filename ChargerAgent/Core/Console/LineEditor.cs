namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// A byte-at-a-time line editor for a serial terminal: printable ASCII is kept and echoed;
    /// backspace or DEL removes the last character; CR, LF or CRLF ends the line; Ctrl-C clears it;
    /// escape sequences (arrow keys) and other control or non-ASCII bytes are dropped; a line longer
    /// than <see cref="MaxLineLength"/> is thrown away whole when it ends. Once a line reads
    /// <c>config set &lt;secret key&gt; </c>, the characters that follow echo as <c>*</c>.
    /// The buffer is fixed: feeding bytes allocates nothing until a line is complete.
    /// </summary>
    public sealed class LineEditor
    {
        /// <summary>Longest line kept, characters (a 128-character API key fits in a config set line).</summary>
        public const int MaxLineLength = 200;

        private const byte CtrlC = 3;
        private const byte Backspace = 8;
        private const byte LineFeed = 10;
        private const byte CarriageReturn = 13;
        private const byte Escape = 27;
        private const byte Delete = 127;

        private readonly IConsoleOutput _output;
        private readonly char[] _buffer = new char[MaxLineLength];
        private int _length;
        private bool _overflow;
        private bool _lastWasCarriageReturn;
        private int _escapeState;
        private string _line;

        /// <summary>Creates an editor echoing to <paramref name="output"/>.</summary>
        public LineEditor(IConsoleOutput output)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            _output = output;
        }

        /// <summary>The line completed by the last <see cref="LineEvent.Line"/>.</summary>
        public string Line => _line;

        /// <summary>Characters typed so far on the current line.</summary>
        public int Length => _length;

        /// <summary>Feeds one received byte.</summary>
        public LineEvent Feed(byte b)
        {
            bool afterCarriageReturn = _lastWasCarriageReturn;
            _lastWasCarriageReturn = b == CarriageReturn;

            if (_escapeState != 0)
            {
                SkipEscape(b);
                return LineEvent.None;
            }

            switch (b)
            {
                case CarriageReturn:
                    return EndLine();
                case LineFeed:
                    return afterCarriageReturn ? LineEvent.None : EndLine();
                case CtrlC:
                    _length = 0;
                    _overflow = false;
                    _output.WriteLine("^C");
                    return LineEvent.Cancelled;
                case Backspace:
                case Delete:
                    if (_length > 0 && !_overflow)
                    {
                        _length--;
                        _output.Write("\b \b");
                    }

                    return LineEvent.None;
                case Escape:
                    _escapeState = 1;
                    return LineEvent.None;
            }

            if (b < 32 || b > 126) return LineEvent.None;
            if (_overflow) return LineEvent.None;
            if (_length == MaxLineLength)
            {
                _overflow = true;
                return LineEvent.None;
            }

            bool mask = IsTypingSecretValue();
            _buffer[_length++] = (char)b;
            _output.Write(mask ? "*" : ((char)b).ToString());
            return LineEvent.None;
        }

        private LineEvent EndLine()
        {
            _output.WriteLine(string.Empty);
            if (_overflow)
            {
                _overflow = false;
                _length = 0;
                return LineEvent.TooLong;
            }

            _line = new string(_buffer, 0, _length);
            _length = 0;
            return LineEvent.Line;
        }

        private void SkipEscape(byte b)
        {
            if (_escapeState == 1)
            {
                // ESC [ or ESC O start a sequence; anything else ends the escape.
                _escapeState = b == (byte)'[' || b == (byte)'O' ? 2 : 0;
                return;
            }

            // Parameter and intermediate bytes are 0x20-0x3F; a final byte 0x40-0x7E ends it.
            if (b >= 0x40 && b <= 0x7E) _escapeState = 0;
            else if (b < 0x20 || b > 0x3F) _escapeState = 0;
        }

        /// <summary>
        /// True when the buffer holds a complete word naming a secret key followed by a space, after
        /// "config" (so "config set wifi.password " and a mistyped "config st wifi.password " both mask).
        /// </summary>
        private bool IsTypingSecretValue()
        {
            int i = 0;
            int word = 0;
            bool sawConfig = false;
            while (i < _length)
            {
                while (i < _length && _buffer[i] == ' ') i++;
                int start = i;
                while (i < _length && _buffer[i] != ' ') i++;
                if (i == start) break;
                if (i == _length) return false;
                if (word == 0) sawConfig = Matches(start, i, "config");
                else if (sawConfig && IsSecretKey(start, i)) return true;
                word++;
                if (word > 2) return false;
            }

            return false;
        }

        private bool IsSecretKey(int start, int end)
        {
            for (int k = 0; k < Config.ConfigSchema.Count; k++)
            {
                Config.ConfigKey key = Config.ConfigSchema.At(k);
                if (key.Secret && Matches(start, end, key.Name)) return true;
            }

            return false;
        }

        private bool Matches(int start, int end, string word)
        {
            if (end - start != word.Length) return false;
            for (int i = 0; i < word.Length; i++)
            {
                char c = _buffer[start + i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                if (c != word[i]) return false;
            }

            return true;
        }
    }
}
