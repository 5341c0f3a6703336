using System;
using System.Collections.Generic;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The signatures table as the metadata processor fills it
    /// (<c>nanoSignaturesTable.GetOrCreateSignatureIdImpl</c>): a signature it already holds
    /// whole is not stored again; one whose bytes already occur in the table, at a start before
    /// the last possible one (the processor's search stops one short of the end), points there;
    /// any other is appended. Which signatures share bytes therefore depends on the order they
    /// come in, so <see cref="PeTables"/> adds them in the order the processor's final write asks
    /// for them.
    /// </summary>
    internal sealed class SignatureModel
    {
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<byte> table = new List<byte>();

        /// <summary>Bytes of the table.</summary>
        public int Bytes => table.Count;

        /// <summary>Adds a signature (nothing for null or empty: the processor writes 0xFFFF, "none").</summary>
        public void Add(byte[] signature)
        {
            if (signature == null || signature.Length == 0 || !seen.Add(Convert.ToBase64String(signature)) || Occurs(signature)) return;
            table.AddRange(signature);
        }

        private bool Occurs(byte[] signature)
        {
            for (int start = 0; start < table.Count - signature.Length; start++)
            {
                int i = 0;
                while (i < signature.Length && table[start + i] == signature[i]) i++;
                if (i == signature.Length) return true;
            }

            return false;
        }
    }
}
