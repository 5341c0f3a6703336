namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// A console line split into words at spaces, with the rest of the line after a word kept whole
    /// (a Wi-Fi name or password may contain spaces).
    /// </summary>
    public sealed class CommandLine
    {
        /// <summary>Most words looked at.</summary>
        public const int MaxWords = 8;

        private readonly string _text;
        private readonly int[] _starts = new int[MaxWords];
        private readonly int[] _ends = new int[MaxWords];
        private readonly int _count;

        /// <summary>Splits <paramref name="text"/>.</summary>
        public CommandLine(string text)
        {
            _text = text ?? string.Empty;
            int i = 0;
            while (_count < MaxWords)
            {
                while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t')) i++;
                if (i >= _text.Length) break;
                _starts[_count] = i;
                while (i < _text.Length && _text[i] != ' ' && _text[i] != '\t') i++;
                _ends[_count] = i;
                _count++;
            }
        }

        /// <summary>Number of words (at most <see cref="MaxWords"/>).</summary>
        public int Count => _count;

        /// <summary>Word <paramref name="index"/> in lower case, or an empty string past the end.</summary>
        public string Word(int index)
        {
            return RawWord(index).ToLower();
        }

        /// <summary>Word <paramref name="index"/> as typed, or an empty string past the end.</summary>
        public string RawWord(int index)
        {
            if (index < 0 || index >= _count) return string.Empty;
            return _text.Substring(_starts[index], _ends[index] - _starts[index]);
        }

        /// <summary>Everything from word <paramref name="index"/> to the end of the line, trailing spaces removed; empty past the end.</summary>
        public string Rest(int index)
        {
            if (index < 0 || index >= _count) return string.Empty;
            int end = _text.Length;
            while (end > _starts[index] && (_text[end - 1] == ' ' || _text[end - 1] == '\t')) end--;
            return _text.Substring(_starts[index], end - _starts[index]);
        }
    }
}
