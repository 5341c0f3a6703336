using System;

namespace ChargerAgent.Core.Records
{
    /// <summary>
    /// The ids that tie a record and a session to the Flatpeak API. They are derived, never stored:
    /// <c>{device}-{generation}-r{seq}</c> and <c>{device}-{generation}-s{session}</c>, with the
    /// ring generation as eight lowercase hex digits, so a wiped board (new generation) never reuses
    /// an id. Only ASCII letters, digits, <c>-</c> and <c>_</c>; at most 64 characters.
    /// </summary>
    public static class ReferenceIds
    {
        /// <summary>Longest id the API takes.</summary>
        public const int MaxLength = 64;

        /// <summary>Longest device id that leaves room for generation and a 10-digit number.</summary>
        public const int MaxDeviceIdLength = MaxLength - 1 - 8 - 2 - 10;

        /// <summary>True when <paramref name="deviceId"/> is 1–<see cref="MaxDeviceIdLength"/> characters of letters, digits, '-' or '_'.</summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > MaxDeviceIdLength) return false;
            for (int i = 0; i < deviceId.Length; i++)
            {
                if (!IsIdChar(deviceId[i])) return false;
            }

            return true;
        }

        /// <summary>True for a character allowed in a reference id.</summary>
        public static bool IsIdChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }

        /// <summary>Writes the record reference id as ASCII; returns the bytes written.</summary>
        public static int WriteRecordId(string deviceId, uint generation, uint seq, byte[] buffer, int offset)
        {
            return Write(deviceId, generation, 'r', seq, buffer, offset);
        }

        /// <summary>Writes the generated session reference id as ASCII; returns the bytes written.</summary>
        public static int WriteSessionId(string deviceId, uint generation, uint session, byte[] buffer, int offset)
        {
            return Write(deviceId, generation, 's', session, buffer, offset);
        }

        /// <summary>The record reference id as a string (allocates).</summary>
        public static string RecordId(string deviceId, uint generation, uint seq)
        {
            return ToText(deviceId, generation, 'r', seq);
        }

        /// <summary>The generated session reference id as a string (allocates).</summary>
        public static string SessionId(string deviceId, uint generation, uint session)
        {
            return ToText(deviceId, generation, 's', session);
        }

        private static string ToText(string deviceId, uint generation, char kind, uint number)
        {
            byte[] ascii = new byte[MaxLength];
            int length = Write(deviceId, generation, kind, number, ascii, 0);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)ascii[i];
            }

            return new string(chars);
        }

        private static int Write(string deviceId, uint generation, char kind, uint number, byte[] buffer, int offset)
        {
            if (!IsValidDeviceId(deviceId)) throw new ArgumentException("device id must be 1-" + MaxDeviceIdLength + " letters, digits, '-' or '_'", nameof(deviceId));
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || offset > buffer.Length - MaxLength) throw new ArgumentOutOfRangeException(nameof(offset));

            int p = offset;
            for (int i = 0; i < deviceId.Length; i++)
            {
                buffer[p++] = (byte)deviceId[i];
            }

            buffer[p++] = (byte)'-';
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                int nibble = (int)((generation >> shift) & 0xF);
                buffer[p++] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }

            buffer[p++] = (byte)'-';
            buffer[p++] = (byte)kind;
            p += WriteDecimal(number, buffer, p);
            return p - offset;
        }

        /// <summary>Writes an unsigned number in decimal ASCII; returns the digits written.</summary>
        public static int WriteDecimal(uint value, byte[] buffer, int offset)
        {
            int digits = 1;
            for (uint v = value / 10; v != 0; v /= 10) digits++;
            for (int i = digits - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return digits;
        }
    }
}
