using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Reflection.Metadata.Ecma335;
using System.Text;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The sizes of a nanoFramework .pe's 16-bit tables, computed from a compiled assembly by the
    /// metadata processor's rules (nanoframework/metadata-processor v3.0.100, MetadataProcessor.Shared:
    /// nanoTablesContext, nanoStringTable.RemoveUnusedItems, nanoByteCodeTable with CodeWriter,
    /// nanoAssemblyBuilder.Minimize). See docs/DEVICE-TESTS.md for what is modelled and how closely.
    /// </summary>
    public sealed class PeTables
    {
        /// <summary>Attribute types the metadata processor leaves out of the attributes table.</summary>
        private static readonly HashSet<string> IgnoredAttributes = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Reflection.AssemblyFileVersionAttribute", "System.Runtime.InteropServices.ComVisibleAttribute",
            "System.Runtime.InteropServices.GuidAttribute", "System.ParamArrayAttribute", "System.SerializableAttribute",
            "System.NonSerializedAttribute", "System.Runtime.InteropServices.StructLayoutAttribute",
            "System.Runtime.InteropServices.OutAttribute", "System.Runtime.CompilerServices.ExtensionAttribute",
            "System.Runtime.CompilerServices.MethodImplAttribute", "System.Runtime.CompilerServices.NullableAttribute",
            "System.Runtime.CompilerServices.NullableContextAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            "System.Runtime.CompilerServices.IndexerNameAttribute", "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Reflection.FieldNoReflectionAttribute", "System.Diagnostics.DebuggableAttribute",
            "System.Diagnostics.DebuggerBrowsableAttribute", "System.Diagnostics.DebuggerHiddenAttribute",
            "System.Diagnostics.DebuggerNonUserCodeAttribute", "System.Diagnostics.DebuggerStepThroughAttribute",
            "System.Diagnostics.DebuggerDisplayAttribute", "System.AttributeUsageAttribute", "System.CLSCompliantAttribute",
            "System.FlagsAttribute", "System.ObsoleteAttribute", "System.Diagnostics.ConditionalAttribute",
            "System.ComponentModel.EditorBrowsableAttribute", "System.Reflection.DefaultMemberAttribute",
            "System.MTAThreadAttribute", "System.STAThreadAttribute",
        };

        private PeTables(IReadOnlyList<TableUsage> tables)
        {
            Tables = tables;
        }

        /// <summary>Every table the budget checks, in .pe order.</summary>
        public IReadOnlyList<TableUsage> Tables { get; }

        /// <summary>Sizes the tables of a compiled assembly.</summary>
        /// <param name="image">The assembly as the compiler wrote it.</param>
        /// <param name="wellKnownStrings">Names the runtime knows by number (stored nowhere in the .pe).</param>
        public static PeTables Measure(ImmutableArray<byte> image, ISet<string> wellKnownStrings)
        {
            using var pe = new PEReader(image);
            MetadataReader md = pe.GetMetadataReader();
            var bodies = new PEReaderBodies(pe, md);
            List<TypeDefinitionHandle> types = NanoTypeOrder.Of(md, bodies);
            UsedReferences used = UsedReferences.Find(md, bodies, types);
            var typeRefIds = new Dictionary<TypeReferenceHandle, int>();
            foreach (TypeReferenceHandle h in used.TypeReferences) typeRefIds[h] = typeRefIds.Count;
            var typeDefIds = new Dictionary<TypeDefinitionHandle, int>();
            foreach (TypeDefinitionHandle h in types) typeDefIds[h] = typeDefIds.Count;
            int TokenOf(EntityHandle h) => h.Kind switch
            {
                HandleKind.TypeReference => (typeRefIds.TryGetValue((TypeReferenceHandle)h, out int id) ? id : MetadataTokens.GetRowNumber(h) - 1) << 2 | 1,
                HandleKind.TypeDefinition => (typeDefIds.TryGetValue((TypeDefinitionHandle)h, out int id) ? id : MetadataTokens.GetRowNumber(h) - 1) << 2,
                _ => (MetadataTokens.GetRowNumber(h) - 1) << 2 | 2,
            };
            var encoder = new NanoTypeEncoder(md, TokenOf);
            var strings = new StringTableModel(wellKnownStrings);
            var signatures = new SignatureModel();

            strings.AddName(md.GetString(md.GetAssemblyDefinition().Name));
            var assemblies = new HashSet<EntityHandle>();
            foreach (TypeReferenceHandle h in used.TypeReferences) assemblies.Add(md.GetTypeReference(h).ResolutionScope);
            foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
            {
                if (assemblies.Contains(h)) strings.AddName(md.GetString(md.GetAssemblyReference(h).Name));
            }

            foreach (TypeReferenceHandle h in used.TypeReferences)
            {
                TypeReference t = md.GetTypeReference(h);
                strings.AddName(md.GetString(t.Name));
                strings.AddName(md.GetString(t.Namespace));
            }

            // The final write asks for signatures in table order: field references, method references,
            // then per type definition its fields, methods (with locals) and interfaces, then attributes
            // and type specifications.
            int fieldRefs = 0, methodRefs = 0;
            foreach (bool fields in new[] { true, false })
            {
                foreach (MemberReferenceHandle h in used.MemberReferences)
                {
                    MemberReference m = md.GetMemberReference(h);
                    if ((m.GetKind() == MemberReferenceKind.Field) != fields) continue;
                    if (fields) fieldRefs++;
                    else methodRefs++;
                    if (m.Parent.Kind == HandleKind.TypeReference) strings.AddName(md.GetString(m.Name));
                    signatures.Add(encoder.Member(m.Signature));
                }
            }

            int fieldDefs = 0, methodDefs = 0, byteCode = 0;
            foreach (TypeDefinitionHandle th in types)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                strings.AddName(md.GetString(type.Namespace));
                strings.AddName(md.GetString(type.Name));
                foreach (FieldDefinition field in OrderedFields(md, type))
                {
                    fieldDefs++;
                    strings.AddName(md.GetString(field.Name));
                    signatures.Add(encoder.Field(field.Signature));
                    if ((field.Attributes & FieldAttributes.HasFieldRVA) != 0) signatures.Add(InitialData(md, pe, field));
                }

                foreach (MethodDefinitionHandle mh in OrderedMethods(md, type))
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    methodDefs++;
                    strings.AddName(md.GetString(method.Name));
                    signatures.Add(encoder.Method(method.Signature));
                    MethodBodyBlock body = bodies.Of(mh);
                    if (body == null) continue;
                    byteCode += NanoByteCode.SizeOf(body);
                    if (!body.LocalSignature.IsNil) signatures.Add(encoder.Locals(md.GetStandaloneSignature(body.LocalSignature).Signature));
                    foreach (UserStringHandle s in NanoByteCode.StringLiterals(body)) strings.AddLiteral(md.GetUserString(s));
                }

                var interfaces = new List<EntityHandle>();
                foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations()) interfaces.Add(md.GetInterfaceImplementation(i).Interface);
                if (interfaces.Count > 0) signatures.Add(encoder.Interfaces(interfaces));
            }

            int attributes = 0;
            foreach (TypeDefinitionHandle th in types) attributes += AddAttributes(md, md.GetTypeDefinition(th).GetCustomAttributes(), strings, signatures);
            foreach (TypeDefinitionHandle th in types)
            {
                foreach (FieldDefinition field in OrderedFields(md, md.GetTypeDefinition(th))) attributes += AddAttributes(md, field.GetCustomAttributes(), strings, signatures);
            }

            foreach (TypeDefinitionHandle th in types)
            {
                foreach (MethodDefinitionHandle mh in OrderedMethods(md, md.GetTypeDefinition(th))) attributes += AddAttributes(md, md.GetMethodDefinition(mh).GetCustomAttributes(), strings, signatures);
            }

            int typeSpecs = md.GetTableRowCount(TableIndex.TypeSpec);
            for (int row = 1; row <= typeSpecs; row++) signatures.Add(encoder.TypeSpec(md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).Signature));

            return new PeTables(new[]
            {
                new TableUsage("strings", strings.Bytes, 0xFFFF, "bytes"),
                new TableUsage("byte code", byteCode, 0xFFFF, "bytes"),
                new TableUsage("signatures", signatures.Bytes, 0xFFFF, "bytes"),
                new TableUsage("type defs", types.Count, 0x3FFF, "rows"),
                new TableUsage("type refs", used.TypeReferences.Count, 0x3FFF, "rows"),
                new TableUsage("type specs", typeSpecs, 0x3FFF, "rows"),
                new TableUsage("method defs", methodDefs, 0x7FFF, "rows"),
                new TableUsage("method refs", methodRefs, 0x7FFF, "rows"),
                new TableUsage("field defs", fieldDefs, 0x7FFF, "rows"),
                new TableUsage("field refs", fieldRefs, 0x7FFF, "rows"),
                new TableUsage("attributes", attributes, 0xFFFF, "rows"),
            });
        }

        /// <summary>True when the metadata processor keeps the attribute (<c>IgnoringAttributes</c>, <c>IsToInclude</c>).</summary>
        internal static bool KeepsAttribute(MetadataReader md, CustomAttribute attribute)
        {
            string name = AttributeTypeName(md, attribute);
            return !IgnoredAttributes.Contains(name) && !name.StartsWith("System.Diagnostics.CodeAnalysis", StringComparison.Ordinal);
        }

        /// <summary>A type's fields in .pe order: static, then instance, constants left out.</summary>
        private static IEnumerable<FieldDefinition> OrderedFields(MetadataReader md, TypeDefinition type)
        {
            var fields = new List<FieldDefinition>();
            foreach (FieldDefinitionHandle h in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(h);
                if ((field.Attributes & FieldAttributes.Literal) == 0) fields.Add(field);
            }

            foreach (FieldDefinition field in fields)
            {
                if ((field.Attributes & FieldAttributes.Static) != 0) yield return field;
            }

            foreach (FieldDefinition field in fields)
            {
                if ((field.Attributes & FieldAttributes.Static) == 0) yield return field;
            }
        }

        /// <summary>A type's methods in .pe order: virtual, then other instance methods, then static.</summary>
        private static IEnumerable<MethodDefinitionHandle> OrderedMethods(MetadataReader md, TypeDefinition type)
        {
            MethodDefinitionHandleCollection methods = type.GetMethods();
            foreach (int pass in new[] { 0, 1, 2 })
            {
                foreach (MethodDefinitionHandle h in methods)
                {
                    MethodAttributes flags = md.GetMethodDefinition(h).Attributes;
                    int group = (flags & MethodAttributes.Virtual) != 0 ? 0 : (flags & MethodAttributes.Static) == 0 ? 1 : 2;
                    if (group == pass) yield return h;
                }
            }
        }

        /// <summary>The data of a field with an initial value in the image (array initializers): a 16-bit length, then the bytes.</summary>
        private static byte[] InitialData(MetadataReader md, PEReader pe, FieldDefinition field)
        {
            BlobReader reader = md.GetBlobReader(field.Signature);
            reader.ReadSignatureHeader();
            int size = reader.ReadSignatureTypeCode() switch
            {
                SignatureTypeCode.Boolean or SignatureTypeCode.SByte or SignatureTypeCode.Byte => 1,
                SignatureTypeCode.Char or SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 => 2,
                SignatureTypeCode.Int32 or SignatureTypeCode.UInt32 or SignatureTypeCode.Single => 4,
                SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 or SignatureTypeCode.Double => 8,
                SignatureTypeCode.TypeHandle => reader.ReadTypeHandle() is EntityHandle t && t.Kind == HandleKind.TypeDefinition
                    ? md.GetTypeDefinition((TypeDefinitionHandle)t).GetLayout().Size : 0,
                _ => 0,
            };
            if (size <= 0) return null;
            var bytes = new List<byte> { (byte)size, (byte)(size >> 8) };
            bytes.AddRange(pe.GetSectionData(field.GetRelativeVirtualAddress()).GetContent(0, size));
            return bytes.ToArray();
        }

        private static int AddAttributes(MetadataReader md, CustomAttributeHandleCollection handles, StringTableModel strings, SignatureModel signatures)
        {
            int count = 0;
            foreach (CustomAttributeHandle h in handles)
            {
                CustomAttribute attribute = md.GetCustomAttribute(h);
                if (!KeepsAttribute(md, attribute)) continue;
                count++;
                CustomAttributeValue<string> value = attribute.DecodeValue(new AttributeTypeNames(md));
                var encoded = new List<byte>();
                foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments) Encode(argument.Type, argument.Value, strings, encoded);
                encoded.Add((byte)value.NamedArguments.Length);
                encoded.Add((byte)(value.NamedArguments.Length >> 8));
                CompareInfo compare = CultureInfo.InvariantCulture.CompareInfo;
                foreach (CustomAttributeNamedArgumentKind kind in new[] { CustomAttributeNamedArgumentKind.Field, CustomAttributeNamedArgumentKind.Property })
                {
                    foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments.Where(a => a.Kind == kind).OrderBy(a => a.Name, Comparer<string>.Create((a, b) => compare.Compare(a, b))))
                    {
                        encoded.Add((byte)argument.Kind);
                        AddId(encoded, strings.AddName(argument.Name));
                        Encode(argument.Type, argument.Value, strings, encoded);
                    }
                }

                signatures.Add(encoded.ToArray());
            }

            return count;
        }

        /// <summary>
        /// One attribute argument as the metadata processor writes it (<c>WriteAttributeArgumentValue</c>):
        /// a primitive as its element-type byte and value, a string as 0x0E and its 16-bit id, a type as
        /// its name's id, an object[] as a count byte and its elements; anything else (an enum) as nothing.
        /// </summary>
        private static void Encode(string type, object value, StringTableModel strings, List<byte> encoded)
        {
            if (type == "System.Object[]" && value is ImmutableArray<CustomAttributeTypedArgument<string>> items)
            {
                encoded.Add((byte)items.Length);
                foreach (CustomAttributeTypedArgument<string> item in items) Encode(item.Type, item.Value, strings, encoded);
                return;
            }

            if (type == "System.Type" || type == "System.String")
            {
                encoded.Add(0x0E);
                AddId(encoded, value is string s ? strings.AddName(s) : 0xFFFF);
                return;
            }

            byte[] bytes = value switch
            {
                bool b when type == "System.Boolean" => new byte[] { 0x02, (byte)(b ? 1 : 0) },
                char c when type == "System.Char" => Prefixed(0x03, BitConverter.GetBytes(c)),
                sbyte v when type == "System.SByte" => new byte[] { 0x04, (byte)v },
                byte v when type == "System.Byte" => new byte[] { 0x05, v },
                short v when type == "System.Int16" => Prefixed(0x06, BitConverter.GetBytes(v)),
                ushort v when type == "System.UInt16" => Prefixed(0x07, BitConverter.GetBytes(v)),
                int v when type == "System.Int32" => Prefixed(0x08, BitConverter.GetBytes(v)),
                uint v when type == "System.UInt32" => Prefixed(0x09, BitConverter.GetBytes(v)),
                long v when type == "System.Int64" => Prefixed(0x0A, BitConverter.GetBytes(v)),
                ulong v when type == "System.UInt64" => Prefixed(0x0B, BitConverter.GetBytes(v)),
                float v when type == "System.Single" => Prefixed(0x0C, BitConverter.GetBytes(v)),
                double v when type == "System.Double" => Prefixed(0x0D, BitConverter.GetBytes(v)),
                _ => Array.Empty<byte>(),
            };
            encoded.AddRange(bytes);
        }

        private static byte[] Prefixed(byte type, byte[] value)
        {
            var bytes = new byte[value.Length + 1];
            bytes[0] = type;
            value.CopyTo(bytes, 1);
            return bytes;
        }

        private static void AddId(List<byte> encoded, int id)
        {
            encoded.Add((byte)id);
            encoded.Add((byte)(id >> 8));
        }

        /// <summary>Full name of an attribute's type.</summary>
        internal static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
        {
            EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
                ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
            return NanoTypeEncoder.FullName(md, type);
        }

        /// <summary>The strings table: each distinct string once, UTF-8 with a terminating zero.</summary>
        private sealed class StringTableModel
        {
            private readonly ISet<string> wellKnown;
            private readonly HashSet<string> stored = new HashSet<string>(StringComparer.Ordinal) { string.Empty };

            public StringTableModel(ISet<string> wellKnown)
            {
                this.wellKnown = wellKnown;
                Bytes = 1;
            }

            private readonly Dictionary<string, int> ids = new Dictionary<string, int>(StringComparer.Ordinal);

            public int Bytes { get; private set; }

            /// <summary>A metadata name: a name the runtime knows by number is not stored. Returns its id.</summary>
            public int AddName(string name) => wellKnown.Contains(name) ? 0xFFFF : AddLiteral(name);

            /// <summary>A string literal: always stored (the byte-code writer's strings skip the well-known list). Returns its id.</summary>
            public int AddLiteral(string value)
            {
                if (ids.TryGetValue(value, out int id)) return id;
                if (!stored.Add(value)) return 0;
                id = Bytes;
                ids[value] = id;
                Bytes += Encoding.UTF8.GetByteCount(value) + 1;
                return id;
            }
        }

        /// <summary>Names attribute argument types by their full name (an enum by its own name, so it encodes as nothing).</summary>
        private sealed class AttributeTypeNames : ICustomAttributeTypeProvider<string>
        {
            private readonly MetadataReader md;

            public AttributeTypeNames(MetadataReader md)
            {
                this.md = md;
            }

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
            public string GetSystemType() => "System.Type";
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => NanoTypeEncoder.FullName(reader, handle);
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => NanoTypeEncoder.FullName(reader, handle);
            public string GetTypeFromSerializedName(string name) => name;
            public bool IsSystemType(string type) => type == "System.Type";

            /// <summary>An enum of this assembly by its value__ field; any other as Int32 (the compiler's default).</summary>
            public PrimitiveTypeCode GetUnderlyingEnumType(string type)
            {
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    if (NanoTypeEncoder.FullName(md, h) != type) continue;
                    foreach (FieldDefinitionHandle f in md.GetTypeDefinition(h).GetFields())
                    {
                        FieldDefinition field = md.GetFieldDefinition(f);
                        if ((field.Attributes & FieldAttributes.Static) != 0) continue;
                        BlobReader reader = md.GetBlobReader(field.Signature);
                        reader.ReadSignatureHeader();
                        return (PrimitiveTypeCode)reader.ReadSignatureTypeCode();
                    }
                }

                return PrimitiveTypeCode.Int32;
            }
        }
    }

    /// <summary>One table's use against its limit.</summary>
    public sealed class TableUsage
    {
        /// <summary>Creates a usage line.</summary>
        public TableUsage(string table, int used, int limit, string unit)
        {
            Table = table;
            Used = used;
            Limit = limit;
            Unit = unit;
        }

        /// <summary>Table name as printed.</summary>
        public string Table { get; }

        /// <summary>Bytes or rows used.</summary>
        public int Used { get; }

        /// <summary>The most the .pe format can address.</summary>
        public int Limit { get; }

        /// <summary>"bytes" or "rows".</summary>
        public string Unit { get; }

        /// <summary>Used as a percentage of the limit.</summary>
        public double Percent => 100.0 * Used / Limit;
    }
}
