using System;
using ChargerAgent.Core.Json;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// The HTTP Basic <c>Authorization</c> value for <c>GET /login</c>: <c>Basic base64(account:key)</c>,
    /// encoded by hand (RFC 4648, with padding). Built once per configuration, so logging in
    /// allocates nothing for it. The result is a secret.
    /// </summary>
    public static class BasicAuth
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>Builds <c>Basic …</c> for <paramref name="user"/> and <paramref name="password"/> (UTF-8).</summary>
        public static string HeaderValue(string user, string password)
        {
            if (user == null) throw new ArgumentNullException(nameof(user));
            if (password == null) throw new ArgumentNullException(nameof(password));
            if (user.IndexOf(':') >= 0) throw new ArgumentException("the user name must not contain ':'", nameof(user));
            byte[] raw = new byte[(user.Length + 1 + password.Length) * 3];
            int n = JsonText.WriteUtf8(user, raw, 0);
            raw[n++] = (byte)':';
            n = JsonText.WriteUtf8(password, raw, n);
            char[] text = new char[6 + (n + 2) / 3 * 4];
            text[0] = 'B';
            text[1] = 'a';
            text[2] = 's';
            text[3] = 'i';
            text[4] = 'c';
            text[5] = ' ';
            int length = Encode(raw, 0, n, text, 6);
            Array.Clear(raw, 0, raw.Length);
            return new string(text, 0, 6 + length);
        }

        /// <summary>Writes the Base64 of <paramref name="count"/> bytes into <paramref name="into"/>; returns the characters written.</summary>
        public static int Encode(byte[] data, int offset, int count, char[] into, int intoOffset)
        {
            int o = intoOffset;
            int i = offset;
            int stop = offset + count;
            while (stop - i >= 3)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                into[o++] = Alphabet[(v >> 18) & 63];
                into[o++] = Alphabet[(v >> 12) & 63];
                into[o++] = Alphabet[(v >> 6) & 63];
                into[o++] = Alphabet[v & 63];
                i += 3;
            }

            int rest = stop - i;
            if (rest > 0)
            {
                int v = data[i] << 16;
                if (rest == 2) v |= data[i + 1] << 8;
                into[o++] = Alphabet[(v >> 18) & 63];
                into[o++] = Alphabet[(v >> 12) & 63];
                into[o++] = rest == 2 ? Alphabet[(v >> 6) & 63] : '=';
                into[o++] = '=';
            }

            return o - intoOffset;
        }
    }
}
