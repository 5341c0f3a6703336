using System;

namespace ChargerAgent.Core.Json
{
    /// <summary>
    /// Writing JSON pieces into a byte buffer without allocating: ASCII literals, escaped strings
    /// (UTF-8, with <c>"</c>, <c>\</c> and control characters escaped) and integers.
    /// </summary>
    public static class JsonText
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>Most bytes <see cref="WriteEscaped"/> can produce for <paramref name="text"/> (quotes not included).</summary>
        public static int MaxEscapedLength(string text)
        {
            return text == null ? 0 : text.Length * 6;
        }

        /// <summary>Writes ASCII text as is; returns the new offset.</summary>
        public static int WriteAscii(string text, byte[] buffer, int offset)
        {
            for (int i = 0; i < text.Length; i++)
            {
                buffer[offset++] = (byte)text[i];
            }

            return offset;
        }

        /// <summary>Writes <paramref name="text"/> as the inside of a JSON string (UTF-8, escaped); returns the new offset.</summary>
        public static int WriteEscaped(string text, byte[] buffer, int offset)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c == '"' || c == '\\')
                {
                    buffer[offset++] = (byte)'\\';
                    buffer[offset++] = (byte)c;
                }
                else if (c < 0x20)
                {
                    switch (c)
                    {
                        case '\n': buffer[offset++] = (byte)'\\'; buffer[offset++] = (byte)'n'; break;
                        case '\r': buffer[offset++] = (byte)'\\'; buffer[offset++] = (byte)'r'; break;
                        case '\t': buffer[offset++] = (byte)'\\'; buffer[offset++] = (byte)'t'; break;
                        default:
                            buffer[offset++] = (byte)'\\';
                            buffer[offset++] = (byte)'u';
                            buffer[offset++] = (byte)'0';
                            buffer[offset++] = (byte)'0';
                            buffer[offset++] = (byte)Hex[c >> 4];
                            buffer[offset++] = (byte)Hex[c & 0xF];
                            break;
                    }
                }
                else if (c < 0x80)
                {
                    buffer[offset++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[offset++] = (byte)(0xC0 | (c >> 6));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    buffer[offset++] = (byte)(0xF0 | (cp >> 18));
                    buffer[offset++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | (cp & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate is not valid UTF-8: escape it so the text stays valid JSON.
                    buffer[offset++] = (byte)'\\';
                    buffer[offset++] = (byte)'u';
                    buffer[offset++] = (byte)Hex[(c >> 12) & 0xF];
                    buffer[offset++] = (byte)Hex[(c >> 8) & 0xF];
                    buffer[offset++] = (byte)Hex[(c >> 4) & 0xF];
                    buffer[offset++] = (byte)Hex[c & 0xF];
                }
                else
                {
                    buffer[offset++] = (byte)(0xE0 | (c >> 12));
                    buffer[offset++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return offset;
        }

        /// <summary>Writes <paramref name="text"/> as UTF-8 without escaping; returns the new offset.</summary>
        public static int WriteUtf8(string text, byte[] buffer, int offset)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    buffer[offset++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[offset++] = (byte)(0xC0 | (c >> 6));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    buffer[offset++] = (byte)(0xE0 | (c >> 12));
                    buffer[offset++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return offset;
        }

        /// <summary>Writes an unsigned integer in decimal; returns the new offset.</summary>
        public static int WriteUInt(uint value, byte[] buffer, int offset)
        {
            int digits = 1;
            for (uint v = value / 10; v != 0; v /= 10) digits++;
            for (int i = digits - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return offset + digits;
        }

        /// <summary>The bytes of ASCII <paramref name="text"/> (allocates; for constants built once).</summary>
        public static byte[] AsciiBytes(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            byte[] bytes = new byte[text.Length];
            WriteAscii(text, bytes, 0);
            return bytes;
        }

        /// <summary>Copies <paramref name="source"/> into <paramref name="buffer"/>; returns the new offset.</summary>
        public static int WriteBytes(byte[] source, byte[] buffer, int offset)
        {
            Array.Copy(source, 0, buffer, offset, source.Length);
            return offset + source.Length;
        }
    }
}
