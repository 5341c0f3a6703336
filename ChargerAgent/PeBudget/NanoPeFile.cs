using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// Reads a .pe written by nanoFramework's metadata processor (format NFMRK1): the header
    /// records, per table, where it starts and how many bytes of padding end it.
    /// </summary>
    public sealed class NanoPeFile
    {
        /// <summary>Table names in the order of the header's offsets.</summary>
        public static readonly string[] TableNames =
        {
            "assembly refs", "type refs", "field refs", "method refs", "type defs", "field defs", "method defs",
            "attributes", "type specs", "resources", "resource data", "strings", "signatures", "byte code", "resource files",
        };

        private const int StartsOffset = 40;
        private const int PaddingOffset = 108;
        private readonly byte[] data;
        private readonly int[] starts = new int[16];

        private NanoPeFile(byte[] data)
        {
            this.data = data;
            if (data.Length < PaddingOffset + 16 || Encoding.ASCII.GetString(data, 0, 6) != "NFMRK1")
            {
                throw new InvalidDataException("not a nanoFramework 1.x .pe (no NFMRK1 marker)");
            }

            for (int i = 0; i < 16; i++) starts[i] = BitConverter.ToInt32(data, StartsOffset + 4 * i);
        }

        /// <summary>True when the header names the assembly by a well-known string's number (beyond the strings table).</summary>
        public bool NameIsWellKnown => BitConverter.ToUInt16(data, 36) >= SizeOf("strings");

        /// <summary>Reads a .pe file.</summary>
        public static NanoPeFile Load(string path) => new NanoPeFile(File.ReadAllBytes(path));

        /// <summary>Bytes of the named table (padding excluded).</summary>
        public int SizeOf(string table)
        {
            int i = Array.IndexOf(TableNames, table);
            if (i < 0) throw new ArgumentException("unknown table " + table, nameof(table));
            return starts[i + 1] - starts[i] - data[PaddingOffset + i];
        }

        /// <summary>Every string stored in the strings table.</summary>
        public HashSet<string> Strings()
        {
            var strings = new HashSet<string>(StringComparer.Ordinal);
            int i = Array.IndexOf(TableNames, "strings");
            int end = starts[i] + SizeOf("strings");
            for (int at = starts[i]; at < end;)
            {
                int zero = Array.IndexOf(data, (byte)0, at, end - at);
                if (zero < 0) zero = end;
                strings.Add(Encoding.UTF8.GetString(data, at, zero - at));
                at = zero + 1;
            }

            return strings;
        }
    }
}
