using System.Text;

namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// The <c>config.txt</c> format, shared by the board and the desktop agent: UTF-8 lines
    /// <c>key = value</c>; blank lines and lines starting with <c>#</c> are ignored; the value is
    /// everything after the first <c>=</c>, trimmed, and may be put in double quotes to keep spaces
    /// at its ends (a <c>#</c> inside a value is part of it). Keys are case-insensitive; a key given
    /// twice or not known is an error. LF or CRLF line ends.
    /// </summary>
    public static class ConfigText
    {
        /// <summary>Largest configuration file, bytes (it lives in the small config partition).</summary>
        public const int MaxFileBytes = 4096;

        /// <summary>Parses <paramref name="text"/> into <paramref name="into"/> (cleared first).</summary>
        /// <returns>False with <paramref name="problem"/> ("line N: key: reason") at the first bad line.</returns>
        public static bool TryParse(string text, ConfigValues into, out string problem)
        {
            if (into == null) throw new System.ArgumentNullException(nameof(into));
            into.Clear();
            problem = null;
            if (text == null) return true;

            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                lineNumber++;
                string line = text.Substring(start, end - start);
                start = end + 1;

                string trimmed = TrimBlank(line);
                if (trimmed.Length == 0 || trimmed[0] == '#') continue;

                int equals = trimmed.IndexOf('=');
                if (equals <= 0)
                {
                    problem = "line " + lineNumber.ToString() + ": expected key = value";
                    return false;
                }

                string name = TrimBlank(trimmed.Substring(0, equals));
                string value = Unquote(TrimBlank(trimmed.Substring(equals + 1)));
                if (ConfigSchema.Find(name) != null && into.IsSet(name))
                {
                    problem = "line " + lineNumber.ToString() + ": " + name.ToLower() + ": given twice";
                    return false;
                }

                string reason;
                if (!into.TrySet(name, value, out reason))
                {
                    problem = "line " + lineNumber.ToString() + ": " + reason;
                    return false;
                }
            }

            return true;
        }

        /// <summary>Writes every explicitly set key in schema order, as the file stores it (secrets in clear: for the file only).</summary>
        public static string Format(ConfigValues values)
        {
            if (values == null) throw new System.ArgumentNullException(nameof(values));
            StringBuilder text = new StringBuilder();
            text.Append("# ChargerAgent configuration: key = value (config show on the console lists every key)\n");
            for (int i = 0; i < ConfigSchema.Count; i++)
            {
                string name = ConfigSchema.At(i).Name;
                if (!values.IsSet(name)) continue;
                string value = values.Get(name);
                text.Append(name);
                text.Append(" = ");
                text.Append(NeedsQuotes(value) ? "\"" + value + "\"" : value);
                text.Append('\n');
            }

            return text.ToString();
        }

        /// <summary>Removes spaces, tabs, CR and LF at both ends (done here: the device's native Trim is not specified to the same set).</summary>
        public static string TrimBlank(string text)
        {
            if (text == null) return string.Empty;
            int first = 0;
            int last = text.Length - 1;
            while (first <= last && IsBlank(text[first])) first++;
            while (last >= first && IsBlank(text[last])) last--;
            return first == 0 && last == text.Length - 1 ? text : text.Substring(first, last - first + 1);
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static bool NeedsQuotes(string value)
        {
            if (value.Length == 0) return false;
            return value[0] == ' ' || value[value.Length - 1] == ' ' || value[0] == '"';
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }
    }
}
