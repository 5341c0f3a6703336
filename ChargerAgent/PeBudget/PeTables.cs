using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
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
            var strings = new StringTableModel(wellKnownStrings);
            strings.AddName(md.GetString(md.GetAssemblyDefinition().Name));

            foreach (AssemblyReferenceHandle h in md.AssemblyReferences) strings.AddName(md.GetString(md.GetAssemblyReference(h).Name));
            HashSet<EntityHandle> assemblyOnly = AssemblyAttributeOnlyReferences(md);
            int typeRefs = 0;
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                if (assemblyOnly.Contains(h)) continue;
                typeRefs++;
                TypeReference t = md.GetTypeReference(h);
                strings.AddName(md.GetString(t.Name));
                strings.AddName(md.GetString(t.Namespace));
            }

            int methodRefs = 0, fieldRefs = 0;
            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                if (assemblyOnly.Contains(h)) continue;
                MemberReference m = md.GetMemberReference(h);
                if (m.GetKind() == MemberReferenceKind.Field) fieldRefs++;
                else methodRefs++;
                if (m.Parent.Kind == HandleKind.TypeReference) strings.AddName(md.GetString(m.Name));
            }

            int typeDefs = 0, fieldDefs = 0, methodDefs = 0, attributes = 0, byteCode = 0;
            var signatures = new SignatureModel(md);
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                if (md.GetString(type.Name) == "<Module>") continue;
                typeDefs++;
                strings.AddName(md.GetString(type.Namespace));
                strings.AddName(md.GetString(type.Name));
                attributes += CountAttributes(md, type.GetCustomAttributes(), strings, signatures);
                signatures.AddInterfaces(type);

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    if ((field.Attributes & FieldAttributes.Literal) != 0) continue;
                    fieldDefs++;
                    strings.AddName(md.GetString(field.Name));
                    signatures.Add(field.Signature);
                    if ((field.Attributes & FieldAttributes.HasFieldRVA) != 0) signatures.AddInitialData(pe, field);
                    attributes += CountAttributes(md, field.GetCustomAttributes(), strings, signatures);
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    methodDefs++;
                    strings.AddName(md.GetString(method.Name));
                    signatures.Add(method.Signature);
                    attributes += CountAttributes(md, method.GetCustomAttributes(), strings, signatures);
                    if (method.RelativeVirtualAddress == 0) continue;
                    MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    byteCode += NanoByteCode.SizeOf(body);
                    if (!body.LocalSignature.IsNil) signatures.AddLocals(md.GetStandaloneSignature(body.LocalSignature).Signature);
                    foreach (UserStringHandle s in NanoByteCode.StringLiterals(body)) strings.AddLiteral(md.GetUserString(s));
                }
            }

            foreach (MemberReferenceHandle h in md.MemberReferences) signatures.Add(md.GetMemberReference(h).Signature);
            foreach (TypeSpecificationHandle h in EnumerateTypeSpecs(md)) signatures.Add(md.GetTypeSpecification(h).Signature);

            return new PeTables(new[]
            {
                new TableUsage("strings", strings.Bytes, 0xFFFF, "bytes"),
                new TableUsage("byte code", byteCode, 0xFFFF, "bytes"),
                new TableUsage("signatures", signatures.Bytes, 0xFFFF, "bytes"),
                new TableUsage("type defs", typeDefs, 0x3FFF, "rows"),
                new TableUsage("type refs", typeRefs, 0x3FFF, "rows"),
                new TableUsage("type specs", md.GetTableRowCount(TableIndex.TypeSpec), 0x3FFF, "rows"),
                new TableUsage("method defs", methodDefs, 0x7FFF, "rows"),
                new TableUsage("method refs", methodRefs, 0x7FFF, "rows"),
                new TableUsage("field defs", fieldDefs, 0x7FFF, "rows"),
                new TableUsage("field refs", fieldRefs, 0x7FFF, "rows"),
                new TableUsage("attributes", attributes, 0xFFFF, "rows"),
            });
        }

        /// <summary>
        /// References used only by the assembly's own attributes (the compiler's Debuggable,
        /// CompilationRelaxations, RuntimeCompatibility): the metadata processor keeps no assembly
        /// attributes, so its minimizing pass drops them.
        /// </summary>
        private static HashSet<EntityHandle> AssemblyAttributeOnlyReferences(MetadataReader md)
        {
            var ctors = new HashSet<EntityHandle>();
            foreach (CustomAttributeHandle h in md.GetAssemblyDefinition().GetCustomAttributes()) ctors.Add(md.GetCustomAttribute(h).Constructor);
            foreach (CustomAttributeHandle h in md.GetModuleDefinition().GetCustomAttributes()) ctors.Add(md.GetCustomAttribute(h).Constructor);
            var usedElsewhere = new HashSet<EntityHandle>();
            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                if (!ctors.Contains(h)) usedElsewhere.Add(md.GetMemberReference(h).Parent);
            }

            var only = new HashSet<EntityHandle>();
            foreach (EntityHandle ctor in ctors)
            {
                if (ctor.Kind != HandleKind.MemberReference) continue;
                only.Add(ctor);
                EntityHandle parent = md.GetMemberReference((MemberReferenceHandle)ctor).Parent;
                if (parent.Kind == HandleKind.TypeReference && !usedElsewhere.Contains(parent)) only.Add(parent);
            }

            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                EntityHandle scope = md.GetTypeReference(h).ResolutionScope;
                if (scope.Kind == HandleKind.TypeReference && only.Contains(scope) && !usedElsewhere.Contains(h)) only.Add(h);
            }

            return only;
        }

        private static IEnumerable<TypeSpecificationHandle> EnumerateTypeSpecs(MetadataReader md)
        {
            int rows = md.GetTableRowCount(TableIndex.TypeSpec);
            for (int row = 1; row <= rows; row++) yield return MetadataTokens.TypeSpecificationHandle(row);
        }

        private static int CountAttributes(MetadataReader md, CustomAttributeHandleCollection handles, StringTableModel strings, SignatureModel signatures)
        {
            int count = 0;
            foreach (CustomAttributeHandle h in handles)
            {
                CustomAttribute attribute = md.GetCustomAttribute(h);
                if (IgnoredAttributes.Contains(AttributeTypeName(md, attribute))) continue;
                count++;
                CustomAttributeValue<string> value = attribute.DecodeValue(new AttributeTypeNames());
                var encoded = new List<byte>();
                foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments) Encode(argument, strings, encoded);
                encoded.Add((byte)value.NamedArguments.Length);
                encoded.Add((byte)(value.NamedArguments.Length >> 8));
                foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments)
                {
                    encoded.Add((byte)argument.Kind);
                    AddId(encoded, strings.AddName(argument.Name));
                    Encode(new CustomAttributeTypedArgument<string>(argument.Type, argument.Value), strings, encoded);
                }

                signatures.AddAttribute(encoded.ToArray());
            }

            return count;
        }

        /// <summary>One attribute argument as the metadata processor writes it: a type byte and the value, a string as its 16-bit id, an object[] as a count and its elements.</summary>
        private static void Encode(CustomAttributeTypedArgument<string> argument, StringTableModel strings, List<byte> encoded)
        {
            switch (argument.Value)
            {
                case ImmutableArray<CustomAttributeTypedArgument<string>> items:
                    encoded.Add((byte)items.Length);
                    foreach (CustomAttributeTypedArgument<string> item in items) Encode(item, strings, encoded);
                    return;
                case string s:
                    encoded.Add(0x0E);
                    AddId(encoded, strings.AddLiteral(s));
                    return;
                case null:
                    return;
                case IConvertible primitive:
                    encoded.Add((byte)primitive.GetTypeCode());
                    byte[] bytes = primitive switch
                    {
                        bool b => new[] { (byte)(b ? 1 : 0) },
                        byte b => new[] { b },
                        sbyte b => new[] { (byte)b },
                        char c => BitConverter.GetBytes(c),
                        short v => BitConverter.GetBytes(v),
                        ushort v => BitConverter.GetBytes(v),
                        int v => BitConverter.GetBytes(v),
                        uint v => BitConverter.GetBytes(v),
                        long v => BitConverter.GetBytes(v),
                        ulong v => BitConverter.GetBytes(v),
                        float v => BitConverter.GetBytes(v),
                        double v => BitConverter.GetBytes(v),
                        _ => Array.Empty<byte>(),
                    };
                    encoded.AddRange(bytes);
                    return;
            }
        }

        private static void AddId(List<byte> encoded, int id)
        {
            encoded.Add((byte)id);
            encoded.Add((byte)(id >> 8));
        }

        private static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
        {
            EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
                ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
            if (type.Kind == HandleKind.TypeReference)
            {
                TypeReference r = md.GetTypeReference((TypeReferenceHandle)type);
                return md.GetString(r.Namespace) + "." + md.GetString(r.Name);
            }

            TypeDefinition d = md.GetTypeDefinition((TypeDefinitionHandle)type);
            return md.GetString(d.Namespace) + "." + md.GetString(d.Name);
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

        private sealed class AttributeTypeNames : ICustomAttributeTypeProvider<string>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
            public string GetSystemType() => "System.Type";
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => "enum";
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => "enum";
            public string GetTypeFromSerializedName(string name) => name;
            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
            public bool IsSystemType(string type) => type == "System.Type";
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
