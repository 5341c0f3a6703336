using System;

namespace ChargerAgent.Core.Json
{
    /// <summary>
    /// A small validating JSON reader that allocates nothing while scanning: it walks a UTF-8 buffer
    /// once, checks the grammar (RFC 8259), and hands every scalar to a visitor together with its
    /// path (member names and array indexes), which the visitor matches against the few fields it
    /// wants. Field order, whitespace, unknown fields and escapes do not matter. Anything that is
    /// not one complete JSON value (HTML, truncated, nested deeper than <see cref="MaxDepth"/>)
    /// ends the scan with <see cref="Error"/> set; the scanner itself never throws on bad input.
    /// </summary>
    public sealed class JsonScanner
    {
        /// <summary>Deepest nesting accepted; the API's responses use four levels.</summary>
        public const int MaxDepth = 16;

        private readonly int[] keyStart = new int[MaxDepth];
        private readonly int[] keyLength = new int[MaxDepth];
        private readonly int[] index = new int[MaxDepth];
        private readonly bool[] isArray = new bool[MaxDepth];
        private byte[] data;
        private int end;
        private int pos;
        private int depth;
        private IJsonVisitor visitor;

        /// <summary>Why the last scan failed (a constant text), or null after success.</summary>
        public string Error { get; private set; }

        /// <summary>Byte offset where the last scan failed.</summary>
        public int ErrorPosition { get; private set; }

        /// <summary>Number of containers around the value being reported.</summary>
        public int Depth
        {
            get { return depth; }
        }

        /// <summary>The buffer being scanned (valid during <see cref="Scan"/> and after it).</summary>
        public byte[] Data
        {
            get { return data; }
        }

        /// <summary>Scans <paramref name="length"/> bytes at <paramref name="offset"/>, reporting scalars to <paramref name="target"/>.</summary>
        /// <returns>True when the bytes are exactly one valid JSON value (whitespace around it allowed).</returns>
        public bool Scan(byte[] buffer, int offset, int length, IJsonVisitor target)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || length < 0 || offset > buffer.Length - length) throw new ArgumentOutOfRangeException(nameof(length));
            data = buffer;
            pos = offset;
            end = offset + length;
            depth = 0;
            visitor = target;
            Error = null;
            ErrorPosition = 0;
            SkipSpace();
            if (pos >= end) return Fail("empty body");
            if (!ParseValue()) return false;
            SkipSpace();
            if (pos != end) return Fail("unexpected text after the JSON value");
            return true;
        }

        /// <summary>True when the value being reported sits at exactly this object path.</summary>
        public bool PathIs(string name0)
        {
            return depth == 1 && KeyIs(0, name0);
        }

        /// <summary>True when the value being reported sits at exactly this object path.</summary>
        public bool PathIs(string name0, string name1)
        {
            return depth == 2 && KeyIs(0, name0) && KeyIs(1, name1);
        }

        /// <summary>True when the value being reported sits at exactly this object path.</summary>
        public bool PathIs(string name0, string name1, string name2)
        {
            return depth == 3 && KeyIs(0, name0) && KeyIs(1, name1) && KeyIs(2, name2);
        }

        /// <summary>True when path level <paramref name="level"/> (0 = outermost) is an array item.</summary>
        public bool IsArrayItemAt(int level)
        {
            return level >= 0 && level < depth && isArray[level];
        }

        /// <summary>The array index at path level <paramref name="level"/>, or -1 when it is an object member.</summary>
        public int IndexAt(int level)
        {
            return level >= 0 && level < depth && isArray[level] ? index[level] : -1;
        }

        /// <summary>True when path level <paramref name="level"/> is an object member named <paramref name="name"/> (escapes decoded).</summary>
        public bool KeyIs(int level, string name)
        {
            if (level < 0 || level >= depth || isArray[level]) return false;
            return StringEquals(keyStart[level], keyLength[level], name);
        }

        /// <summary>True when the raw string text at <paramref name="start"/> decodes to exactly <paramref name="text"/>.</summary>
        public bool StringEquals(int start, int length, string text)
        {
            int p = start;
            int stop = start + length;
            int i = 0;
            while (p < stop)
            {
                int c = NextUnit(ref p);
                if (i >= text.Length || text[i] != c) return false;
                i++;
            }

            return i == text.Length;
        }

        /// <summary>Decodes the raw string text at <paramref name="start"/> as UTF-8 into <paramref name="destination"/>.</summary>
        /// <returns>The bytes written, or -1 when more than <paramref name="max"/> bytes would be needed.</returns>
        public int CopyString(int start, int length, byte[] destination, int destinationOffset, int max)
        {
            int p = start;
            int stop = start + length;
            int n = 0;
            while (p < stop)
            {
                if (data[p] != '\\')
                {
                    if (n >= max) return -1;
                    destination[destinationOffset + n++] = data[p++];
                    continue;
                }

                int c = NextUnit(ref p);
                if (c >= 0xD800 && c <= 0xDBFF && p + 6 <= stop && data[p] == '\\' && data[p + 1] == 'u')
                {
                    int q = p;
                    int low = NextUnit(ref q);
                    if (low >= 0xDC00 && low <= 0xDFFF)
                    {
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        p = q;
                    }
                }

                int need = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                if (n + need > max) return -1;
                int o = destinationOffset + n;
                if (need == 1)
                {
                    destination[o] = (byte)c;
                }
                else if (need == 2)
                {
                    destination[o] = (byte)(0xC0 | (c >> 6));
                    destination[o + 1] = (byte)(0x80 | (c & 0x3F));
                }
                else if (need == 3)
                {
                    destination[o] = (byte)(0xE0 | (c >> 12));
                    destination[o + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    destination[o + 2] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    destination[o] = (byte)(0xF0 | (c >> 18));
                    destination[o + 1] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    destination[o + 2] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    destination[o + 3] = (byte)(0x80 | (c & 0x3F));
                }

                n += need;
            }

            return n;
        }

        /// <summary>
        /// Reads the number text at <paramref name="start"/> as a fixed-point integer scaled by
        /// 10^<paramref name="decimals"/>, rounded half away from zero (928.372 with 6 decimals is 928372000).
        /// </summary>
        /// <returns>False when the result does not fit a long.</returns>
        public bool TryReadFixed(int start, int length, int decimals, out long value)
        {
            value = 0;
            int p = start;
            int stop = start + length;
            bool negative = false;
            if (p < stop && data[p] == '-')
            {
                negative = true;
                p++;
            }

            int digits = 0;
            int fractionDigits = 0;
            bool inFraction = false;
            int mantissaStart = p;
            while (p < stop && data[p] != 'e' && data[p] != 'E')
            {
                if (data[p] == '.') inFraction = true;
                else
                {
                    digits++;
                    if (inFraction) fractionDigits++;
                }

                p++;
            }

            int mantissaEnd = p;
            int exponent = 0;
            if (p < stop)
            {
                p++;
                bool negativeExponent = false;
                if (data[p] == '+' || data[p] == '-')
                {
                    negativeExponent = data[p] == '-';
                    p++;
                }

                while (p < stop)
                {
                    if (exponent < 100000) exponent = exponent * 10 + (data[p] - '0');
                    p++;
                }

                if (negativeExponent) exponent = -exponent;
            }

            // keep = digits of the mantissa left of the scaled value's point, leading zeros included.
            int leadingZeros = 0;
            for (int q = mantissaStart; q < mantissaEnd; q++)
            {
                if (data[q] == '.') continue;
                if (data[q] != '0') break;
                leadingZeros++;
            }

            if (leadingZeros == digits) return true;
            long keep = (long)digits + decimals + exponent - fractionDigits;

            // More significant integer digits than a long holds: refuse it rather than read a
            // number some powers of ten smaller.
            if (keep - leadingZeros > 19) return false;
            long acc = 0;
            bool roundUp = false;
            int seen = 0;
            for (int q = mantissaStart; q < mantissaEnd; q++)
            {
                if (data[q] == '.') continue;
                int d = data[q] - '0';
                if (seen < keep)
                {
                    if (acc > (long.MaxValue - d) / 10) return false;
                    acc = acc * 10 + d;
                }
                else
                {
                    if (seen == keep) roundUp = d >= 5;
                    break;
                }

                seen++;
            }

            for (long k = digits; k < keep; k++)
            {
                if (acc > long.MaxValue / 10) return false;
                acc *= 10;
            }

            if (roundUp)
            {
                if (acc == long.MaxValue) return false;
                acc++;
            }

            value = negative ? -acc : acc;
            return true;
        }

        private int NextUnit(ref int p)
        {
            byte b = data[p++];
            if (b != '\\') return b;
            byte e = data[p++];
            switch (e)
            {
                case (byte)'b': return '\b';
                case (byte)'f': return '\f';
                case (byte)'n': return '\n';
                case (byte)'r': return '\r';
                case (byte)'t': return '\t';
                case (byte)'u':
                    int v = (HexValue(data[p]) << 12) | (HexValue(data[p + 1]) << 8) | (HexValue(data[p + 2]) << 4) | HexValue(data[p + 3]);
                    p += 4;
                    return v;
                default: return e;
            }
        }

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private bool ParseValue()
        {
            SkipSpace();
            if (pos >= end) return Fail("truncated JSON");
            byte c = data[pos];
            switch (c)
            {
                case (byte)'{': return ParseObject();
                case (byte)'[': return ParseArray();
                case (byte)'"':
                    if (!ParseString(out int s, out int l)) return false;
                    if (visitor != null) visitor.OnScalar(this, JsonKind.String, s, l);
                    return true;
                case (byte)'t': return ParseLiteral("true", JsonKind.Boolean);
                case (byte)'f': return ParseLiteral("false", JsonKind.Boolean);
                case (byte)'n': return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                    return Fail(c == '<' ? "not JSON (looks like HTML)" : "invalid JSON");
            }
        }

        private bool ParseObject()
        {
            if (depth >= MaxDepth) return Fail("JSON nested too deep");
            pos++;
            SkipSpace();
            if (pos < end && data[pos] == '}')
            {
                pos++;
                return true;
            }

            while (true)
            {
                SkipSpace();
                if (pos >= end) return Fail("truncated JSON");
                if (data[pos] != '"') return Fail("invalid JSON: member name expected");
                if (!ParseString(out int s, out int l)) return false;
                SkipSpace();
                if (pos >= end) return Fail("truncated JSON");
                if (data[pos] != ':') return Fail("invalid JSON: ':' expected");
                pos++;
                keyStart[depth] = s;
                keyLength[depth] = l;
                isArray[depth] = false;
                depth++;
                bool ok = ParseValue();
                depth--;
                if (!ok) return false;
                int next = AfterItem((byte)'}', "invalid JSON: ',' or '}' expected");
                if (next == 1) continue;
                return next == 0;
            }
        }

        private bool ParseArray()
        {
            if (depth >= MaxDepth) return Fail("JSON nested too deep");
            pos++;
            SkipSpace();
            if (pos < end && data[pos] == ']')
            {
                pos++;
                return true;
            }

            int i = 0;
            while (true)
            {
                isArray[depth] = true;
                index[depth] = i++;
                depth++;
                bool ok = ParseValue();
                depth--;
                if (!ok) return false;
                int next = AfterItem((byte)']', "invalid JSON: ',' or ']' expected");
                if (next == 1) continue;
                return next == 0;
            }
        }

        // After a member or element: 1 when ',' says another follows, 0 when the closer ends the
        // container, -1 when the JSON is invalid (the failure is recorded).
        private int AfterItem(byte closer, string expected)
        {
            SkipSpace();
            if (pos >= end)
            {
                Fail("truncated JSON");
                return -1;
            }
            if (data[pos] == ',')
            {
                pos++;
                return 1;
            }

            if (data[pos] == closer)
            {
                pos++;
                return 0;
            }

            Fail(expected);
            return -1;
        }

        private bool ParseString(out int start, out int length)
        {
            pos++;
            start = pos;
            length = 0;
            while (pos < end)
            {
                byte c = data[pos];
                if (c == '"')
                {
                    length = pos - start;
                    pos++;
                    return true;
                }

                if (c < 0x20) return Fail("invalid JSON: control character in a string");
                if (c == '\\')
                {
                    if (pos + 1 >= end) return Fail("truncated JSON");
                    byte e = data[pos + 1];
                    if (e == 'u')
                    {
                        if (pos + 5 >= end) return Fail("truncated JSON");
                        for (int k = 2; k <= 5; k++)
                        {
                            if (HexValue(data[pos + k]) < 0) return Fail("invalid JSON: bad \\u escape");
                        }

                        pos += 6;
                        continue;
                    }

                    if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    {
                        return Fail("invalid JSON: bad escape");
                    }

                    pos += 2;
                    continue;
                }

                pos++;
            }

            return Fail("truncated JSON");
        }

        private bool ParseNumber()
        {
            int start = pos;
            if (data[pos] == '-') pos++;
            if (pos >= end) return Fail("truncated JSON");
            if (data[pos] == '0') pos++;
            else if (data[pos] >= '1' && data[pos] <= '9')
            {
                while (pos < end && data[pos] >= '0' && data[pos] <= '9') pos++;
            }
            else return Fail("invalid JSON: bad number");

            if (pos < end && data[pos] == '.')
            {
                pos++;
                int digits = pos;
                while (pos < end && data[pos] >= '0' && data[pos] <= '9') pos++;
                if (pos == digits) return Fail(pos >= end ? "truncated JSON" : "invalid JSON: bad number");
            }

            if (pos < end && (data[pos] == 'e' || data[pos] == 'E'))
            {
                pos++;
                if (pos < end && (data[pos] == '+' || data[pos] == '-')) pos++;
                int digits = pos;
                while (pos < end && data[pos] >= '0' && data[pos] <= '9') pos++;
                if (pos == digits) return Fail(pos >= end ? "truncated JSON" : "invalid JSON: bad number");
            }

            if (visitor != null) visitor.OnScalar(this, JsonKind.Number, start, pos - start);
            return true;
        }

        private bool ParseLiteral(string word, JsonKind kind)
        {
            int start = pos;
            for (int i = 0; i < word.Length; i++)
            {
                if (pos >= end) return Fail("truncated JSON");
                if (data[pos] != word[i]) return Fail("invalid JSON");
                pos++;
            }

            if (visitor != null) visitor.OnScalar(this, kind, start, word.Length);
            return true;
        }

        private void SkipSpace()
        {
            while (pos < end)
            {
                byte c = data[pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        private bool Fail(string reason)
        {
            if (Error == null)
            {
                Error = reason;
                ErrorPosition = pos;
            }

            return false;
        }
    }
}
