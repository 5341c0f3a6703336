using System;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// Rewrites ECMA-335 signature blobs into nanoFramework's signature encoding, as the metadata
    /// processor's <c>nanoSignaturesTable</c> (<c>WriteTypeInfo</c>, <c>WriteDataType</c>,
    /// <c>WriteSubTypeInfo</c>) writes them: one nanoCLR data-type byte per type; a class or value
    /// type is followed by its compressed token (table index shifted left by two, ORed with 1 for a
    /// type reference, 0 for a type definition), enums are not expanded; System.Object, String,
    /// IntPtr, UIntPtr and WeakReference are one byte even when named by token; a method signature
    /// keeps one byte each of calling convention and parameter count; a custom modifier becomes a
    /// zero byte.
    /// </summary>
    internal sealed class NanoTypeEncoder
    {
        private const byte Void = 0, Boolean = 1, I1 = 2, U1 = 3, Char = 4, I2 = 5, U2 = 6, I4 = 7, U4 = 8, R4 = 9, I8 = 10, U8 = 11, R8 = 12;
        private const byte String = 15, Object = 16, Class = 17, ValueType = 18, SzArray = 19, ByRef = 20, GenericInst = 22, MVar = 23, WeakClass = 27;

        /// <summary>Types the processor writes as one byte by their full name (its <c>PrimitiveTypes</c>).</summary>
        private static readonly Dictionary<string, byte> PrimitiveByName = new Dictionary<string, byte>(StringComparer.Ordinal)
        {
            ["System.Void"] = Void, ["System.SByte"] = I1, ["System.Int16"] = I2, ["System.Int32"] = I4, ["System.Int64"] = I8,
            ["System.Byte"] = U1, ["System.UInt16"] = U2, ["System.UInt32"] = U4, ["System.UInt64"] = U8,
            ["System.Single"] = R4, ["System.Double"] = R8, ["System.Char"] = Char, ["System.String"] = String,
            ["System.Boolean"] = Boolean, ["System.Object"] = Object, ["System.IntPtr"] = I4, ["System.UIntPtr"] = U4,
            ["System.WeakReference"] = WeakClass,
        };

        private readonly MetadataReader md;
        private readonly Func<EntityHandle, int> tokenOf;

        /// <param name="md">The assembly's metadata.</param>
        /// <param name="tokenOf">The uncompressed nanoFramework token of a type definition, reference or specification.</param>
        public NanoTypeEncoder(MetadataReader md, Func<EntityHandle, int> tokenOf)
        {
            this.md = md;
            this.tokenOf = tokenOf;
        }

        /// <summary>A field signature: 0x06, then the field's type.</summary>
        public byte[] Field(BlobHandle signature)
        {
            BlobReader reader = md.GetBlobReader(signature);
            reader.ReadSignatureHeader();
            var output = new List<byte> { 0x06 };
            TypeInfo(ref reader, output);
            return output.ToArray();
        }

        /// <summary>A method signature: calling convention, [generic count], parameter count, return type, parameter types.</summary>
        public byte[] Method(BlobHandle signature)
        {
            BlobReader reader = md.GetBlobReader(signature);
            byte header = reader.ReadByte();
            var output = new List<byte> { (byte)((header & 0x20) | (header & 0x1F)) };
            if ((header & 0x10) != 0) output.Add((byte)reader.ReadCompressedInteger());
            int parameters = reader.ReadCompressedInteger();
            output.Add((byte)parameters);
            for (int i = 0; i <= parameters && reader.RemainingBytes > 0; i++) TypeInfo(ref reader, output);
            return output.ToArray();
        }

        /// <summary>A member reference's signature (a field's or a method's).</summary>
        public byte[] Member(BlobHandle signature) =>
            md.GetBlobReader(signature).ReadSignatureHeader().Kind == SignatureKind.Field ? Field(signature) : Method(signature);

        /// <summary>A local-variables signature: each local's type, nothing else (null when there are none).</summary>
        public byte[] Locals(BlobHandle signature)
        {
            BlobReader reader = md.GetBlobReader(signature);
            reader.ReadSignatureHeader();
            int count = reader.ReadCompressedInteger();
            if (count == 0) return null;
            var output = new List<byte>();
            for (int i = 0; i < count; i++) TypeInfo(ref reader, output);
            return output.ToArray();
        }

        /// <summary>A type specification: its type.</summary>
        public byte[] TypeSpec(BlobHandle signature)
        {
            BlobReader reader = md.GetBlobReader(signature);
            var output = new List<byte>();
            TypeInfo(ref reader, output);
            return output.ToArray();
        }

        /// <summary>A list of implemented interfaces: a count byte and each interface's token.</summary>
        public byte[] Interfaces(IReadOnlyList<EntityHandle> interfaces)
        {
            var output = new List<byte> { (byte)interfaces.Count };
            foreach (EntityHandle type in interfaces) Token(type, output);
            return output.ToArray();
        }

        /// <summary>Every type definition or reference a signature blob names (its kind read from its first byte; a type specification when <paramref name="typeSpec"/>).</summary>
        public static List<EntityHandle> ReferencedTypes(MetadataReader md, BlobHandle signature, bool typeSpec = false)
        {
            var types = new List<EntityHandle>();
            if (signature.IsNil) return types;
            BlobReader reader = md.GetBlobReader(signature);
            int count = 1;
            if (!typeSpec)
            {
                byte header = reader.ReadByte();
                int kind = header & 0x0F;
                if (kind == 0x06) count = 1;
                else if (kind == 0x07) count = reader.ReadCompressedInteger();
                else
                {
                    if ((header & 0x10) != 0) reader.ReadCompressedInteger();
                    count = reader.ReadCompressedInteger() + 1;
                }
            }

            for (int i = 0; i < count && reader.RemainingBytes > 0; i++) Skip(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), types);
            return types;
        }

        /// <summary>The full name of a type definition or reference as Mono.Cecil spells it (nested types after a slash).</summary>
        public static string FullName(MetadataReader md, EntityHandle type)
        {
            switch (type.Kind)
            {
                case HandleKind.TypeDefinition:
                    TypeDefinition d = md.GetTypeDefinition((TypeDefinitionHandle)type);
                    if (d.IsNested) return FullName(md, d.GetDeclaringType()) + "/" + md.GetString(d.Name);
                    return Join(md.GetString(d.Namespace), md.GetString(d.Name));
                case HandleKind.TypeReference:
                    TypeReference r = md.GetTypeReference((TypeReferenceHandle)type);
                    if (r.ResolutionScope.Kind == HandleKind.TypeReference) return FullName(md, r.ResolutionScope) + "/" + md.GetString(r.Name);
                    return Join(md.GetString(r.Namespace), md.GetString(r.Name));
                default:
                    return string.Empty;
            }
        }

        private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        /// <summary><c>WriteTypeInfo</c>: a modifier or by-reference prefix, then the data type with its token.</summary>
        private void TypeInfo(ref BlobReader reader, List<byte> output)
        {
            var code = (SignatureTypeCode)reader.ReadCompressedInteger();
            switch (code)
            {
                case SignatureTypeCode.OptionalModifier:
                    output.Add(0);
                    output.Add(0);
                    SkipModified(ref reader);
                    return;
                case SignatureTypeCode.RequiredModifier:
                    output.Add(0);
                    SkipModified(ref reader);
                    return;
                case SignatureTypeCode.ByReference:
                    output.Add(ByRef);
                    DataType(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), output, true);
                    return;
                default:
                    DataType(ref reader, code, output, true);
                    return;
            }
        }

        /// <summary><c>WriteDataType</c> without enum expansion.</summary>
        private void DataType(ref BlobReader reader, SignatureTypeCode code, List<byte> output, bool withToken)
        {
            switch (code)
            {
                case SignatureTypeCode.Void: output.Add(Void); return;
                case SignatureTypeCode.Boolean: output.Add(Boolean); return;
                case SignatureTypeCode.Char: output.Add(Char); return;
                case SignatureTypeCode.SByte: output.Add(I1); return;
                case SignatureTypeCode.Byte: output.Add(U1); return;
                case SignatureTypeCode.Int16: output.Add(I2); return;
                case SignatureTypeCode.UInt16: output.Add(U2); return;
                case SignatureTypeCode.Int32: case SignatureTypeCode.IntPtr: output.Add(I4); return;
                case SignatureTypeCode.UInt32: case SignatureTypeCode.UIntPtr: output.Add(U4); return;
                case SignatureTypeCode.Int64: output.Add(I8); return;
                case SignatureTypeCode.UInt64: output.Add(U8); return;
                case SignatureTypeCode.Single: output.Add(R4); return;
                case SignatureTypeCode.Double: output.Add(R8); return;
                case SignatureTypeCode.String: output.Add(String); return;
                case SignatureTypeCode.Object: output.Add(Object); return;
                case SignatureTypeCode.SZArray:
                    output.Add(SzArray);
                    var element = (SignatureTypeCode)reader.ReadCompressedInteger();
                    if (element == SignatureTypeCode.GenericTypeParameter)
                    {
                        output.Add(21);
                        output.Add((byte)reader.ReadCompressedInteger());
                        return;
                    }

                    if (withToken) DataType(ref reader, element, output, true);
                    else Skip(ref reader, element);
                    return;
                case SignatureTypeCode.ByReference:
                    output.Add(ByRef);
                    var referenced = (SignatureTypeCode)reader.ReadCompressedInteger();
                    if (withToken) DataType(ref reader, referenced, output, false);
                    else Skip(ref reader, referenced);
                    return;
                case SignatureTypeCode.GenericTypeParameter:
                    output.Add(MVar);
                    int position = reader.ReadCompressedInteger();
                    if (withToken) output.Add((byte)position);
                    return;
                case SignatureTypeCode.GenericTypeInstance:
                    output.Add(GenericInst);
                    DataType(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), output, false);
                    int arguments = reader.ReadCompressedInteger();
                    output.Add((byte)arguments);
                    for (int i = 0; i < arguments; i++) DataType(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), output, true);
                    return;
                default:
                    if ((int)code == 0x11 || (int)code == 0x12)
                    {
                        EntityHandle type = reader.ReadTypeHandle();
                        if (PrimitiveByName.TryGetValue(FullName(md, type), out byte primitive))
                        {
                            output.Add(primitive);
                            return;
                        }

                        output.Add((int)code == 0x11 ? ValueType : Class);
                        if (withToken) Token(type, output);
                        return;
                    }

                    output.Add(0);
                    Skip(ref reader, code);
                    return;
            }
        }

        /// <summary>A compressed token (<c>nanoBinaryWriter.WriteMetadataToken</c>).</summary>
        private void Token(EntityHandle type, List<byte> output)
        {
            int value = tokenOf(type);
            if (value <= 0x7F) output.Add((byte)value);
            else if (value <= 0x3FFF)
            {
                output.Add((byte)(value >> 8 | 0x80));
                output.Add((byte)value);
            }
            else
            {
                output.Add((byte)(value >> 24 | 0xC0));
                output.Add((byte)(value >> 16));
                output.Add((byte)(value >> 8));
                output.Add((byte)value);
            }
        }

        private static void SkipModified(ref BlobReader reader, List<EntityHandle> types = null)
        {
            types?.Add(reader.ReadTypeHandle());
            var code = (SignatureTypeCode)reader.ReadCompressedInteger();
            while (code == SignatureTypeCode.RequiredModifier || code == SignatureTypeCode.OptionalModifier)
            {
                types?.Add(reader.ReadTypeHandle());
                code = (SignatureTypeCode)reader.ReadCompressedInteger();
            }

            Skip(ref reader, code, types);
        }

        /// <summary>Moves past one type whose code has been read.</summary>
        private static void Skip(ref BlobReader reader, SignatureTypeCode code, List<EntityHandle> types = null)
        {
            switch (code)
            {
                case SignatureTypeCode.SZArray:
                case SignatureTypeCode.ByReference:
                case SignatureTypeCode.Pointer:
                case SignatureTypeCode.Pinned:
                    Skip(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), types);
                    return;
                case SignatureTypeCode.RequiredModifier:
                case SignatureTypeCode.OptionalModifier:
                    SkipModified(ref reader, types);
                    return;
                case SignatureTypeCode.GenericTypeParameter:
                case SignatureTypeCode.GenericMethodParameter:
                    reader.ReadCompressedInteger();
                    return;
                case SignatureTypeCode.GenericTypeInstance:
                    Skip(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), types);
                    int arguments = reader.ReadCompressedInteger();
                    for (int i = 0; i < arguments; i++) Skip(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), types);
                    return;
                case SignatureTypeCode.Array:
                    Skip(ref reader, (SignatureTypeCode)reader.ReadCompressedInteger(), types);
                    reader.ReadCompressedInteger();
                    int sizes = reader.ReadCompressedInteger();
                    for (int i = 0; i < sizes; i++) reader.ReadCompressedInteger();
                    int bounds = reader.ReadCompressedInteger();
                    for (int i = 0; i < bounds; i++) reader.ReadCompressedSignedInteger();
                    return;
                default:
                    if ((int)code == 0x11 || (int)code == 0x12)
                    {
                        EntityHandle type = reader.ReadTypeHandle();
                        types?.Add(type);
                    }

                    return;
            }
        }
    }
}
