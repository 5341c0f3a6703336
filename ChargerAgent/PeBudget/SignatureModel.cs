using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The signatures table, approximated: each distinct signature once (the metadata processor
    /// de-duplicates them), sized as its ECMA-335 blob (nanoFramework's encoding also spends one
    /// byte per element type and a short token per class or value type), plus one list per type of
    /// the interfaces it implements (a count byte and a 16-bit token each). Calibrated in
    /// docs/DEVICE-TESTS.md.
    /// </summary>
    internal sealed class SignatureModel
    {
        private readonly MetadataReader md;
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<byte> table = new List<byte>();

        public SignatureModel(MetadataReader md)
        {
            this.md = md;
        }

        public int Bytes => table.Count;

        public void Add(BlobHandle blob)
        {
            if (!blob.IsNil) Add(md.GetBlobBytes(blob));
        }

        /// <summary>Appends a signature unless the table already holds its bytes somewhere, as the metadata processor does.</summary>
        private void Add(byte[] bytes)
        {
            if (bytes.Length == 0 || !seen.Add(Convert.ToBase64String(bytes)) || Contains(bytes)) return;
            table.AddRange(bytes);
        }

        private bool Contains(byte[] bytes)
        {
            for (int start = 0; start + bytes.Length <= table.Count; start++)
            {
                int i = 0;
                while (i < bytes.Length && table[start + i] == bytes[i]) i++;
                if (i == bytes.Length) return true;
            }

            return false;
        }

        /// <summary>The data of a field with an initial value in the image (array initializers): a 16-bit length, then the bytes.</summary>
        public void AddInitialData(System.Reflection.PortableExecutable.PEReader pe, FieldDefinition field)
        {
            int size = DataSize(field);
            if (size <= 0) return;
            var bytes = new List<byte> { (byte)size, (byte)(size >> 8) };
            System.Reflection.PortableExecutable.PEMemoryBlock block = pe.GetSectionData(field.GetRelativeVirtualAddress());
            bytes.AddRange(block.GetContent(0, size));
            Add(bytes.ToArray());
        }

        private int DataSize(FieldDefinition field)
        {
            BlobReader reader = md.GetBlobReader(field.Signature);
            reader.ReadSignatureHeader();
            SignatureTypeCode code = reader.ReadSignatureTypeCode();
            switch (code)
            {
                case SignatureTypeCode.Int16: case SignatureTypeCode.UInt16: return 2;
                case SignatureTypeCode.Int32: case SignatureTypeCode.UInt32: return 4;
                case SignatureTypeCode.Int64: case SignatureTypeCode.UInt64: return 8;
                case SignatureTypeCode.TypeHandle:
                    EntityHandle type = reader.ReadTypeHandle();
                    return type.Kind == HandleKind.TypeDefinition ? md.GetTypeDefinition((TypeDefinitionHandle)type).GetLayout().Size : 0;
                default: return 0;
            }
        }

        /// <summary>A local-variables signature: nanoFramework keeps only the types (no 0x07 prefix, no count).</summary>
        public void AddLocals(BlobHandle blob)
        {
            if (blob.IsNil) return;
            BlobReader reader = md.GetBlobReader(blob);
            reader.ReadByte();
            reader.ReadCompressedInteger();
            Add(reader.ReadBytes(reader.RemainingBytes));
        }

        /// <summary>An attribute's arguments in nanoFramework's encoding (a type byte before each value, strings as 16-bit ids).</summary>
        public void AddAttribute(byte[] encoded) => Add(encoded);

        public void AddInterfaces(TypeDefinition type)
        {
            InterfaceImplementationHandleCollection interfaces = type.GetInterfaceImplementations();
            if (interfaces.Count == 0) return;
            var list = new List<byte> { (byte)interfaces.Count };
            foreach (InterfaceImplementationHandle h in interfaces)
            {
                EntityHandle implemented = md.GetInterfaceImplementation(h).Interface;
                int row = System.Reflection.Metadata.Ecma335.MetadataTokens.GetRowNumber(implemented);
                int tag = implemented.Kind == HandleKind.TypeReference ? 1 : implemented.Kind == HandleKind.TypeSpecification ? 2 : 0;
                int coded = (row - 1) << 2 | tag;
                if (coded < 0x80) list.Add((byte)coded);
                else
                {
                    list.Add((byte)(0x80 | coded >> 8));
                    list.Add((byte)coded);
                }
            }

            Add(list.ToArray());
        }
    }
}
