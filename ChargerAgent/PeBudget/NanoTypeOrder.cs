using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The order of the .pe's type definitions, which numbers them (and a type numbered below 32
    /// costs one byte in a signature, two above), as the metadata processor's
    /// <c>nanoTablesContext.SortTypesAccordingUsages</c> sorts them: by full name (culture-aware), each
    /// type preceded by its enclosing type, by the interfaces it implements and by the types of the
    /// return values and parameters of the methods its code calls, when they are defined in the assembly.
    /// Types the processor excludes are left out.
    /// </summary>
    internal static class NanoTypeOrder
    {
        /// <summary>Type names the processor always excludes (<c>SetDefaultTypesToExclude</c>).</summary>
        private static readonly HashSet<string> Excluded = new HashSet<string>(StringComparer.Ordinal)
        {
            "ThisAssembly", "System.Runtime.CompilerServices.RefSafetyRulesAttribute", "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
        };

        /// <summary>The kept type definitions, in .pe order.</summary>
        public static List<TypeDefinitionHandle> Of(MetadataReader md, PEReaderBodies bodies)
        {
            var all = new List<TypeDefinitionHandle>();
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                if (md.GetString(md.GetTypeDefinition(h).Name) != "<Module>") all.Add(h);
            }

            CompareInfo compare = CultureInfo.InvariantCulture.CompareInfo;
            var sorted = all.OrderBy(h => NanoTypeEncoder.FullName(md, h), Comparer<string>.Create((a, b) => compare.Compare(a, b, CompareOptions.None))).ToList();
            var processed = new HashSet<TypeDefinitionHandle>();
            var order = new List<TypeDefinitionHandle>();
            Visit(md, bodies, sorted, processed, order);
            return order.Where(h => !IsExcluded(md, h)).ToList();
        }

        private static bool IsExcluded(MetadataReader md, TypeDefinitionHandle h)
        {
            TypeDefinition type = md.GetTypeDefinition(h);
            if (Excluded.Contains(NanoTypeEncoder.FullName(md, h)) || Excluded.Contains(md.GetString(type.Name))) return true;
            if (type.IsNested && Excluded.Contains(NanoTypeEncoder.FullName(md, type.GetDeclaringType()))) return true;
            foreach (CustomAttributeHandle a in type.GetCustomAttributes())
            {
                if (PeTables.AttributeTypeName(md, md.GetCustomAttribute(a)) == "System.Runtime.CompilerServices.ExcludeTypeAttribute") return true;
            }

            return false;
        }

        private static void Visit(MetadataReader md, PEReaderBodies bodies, IEnumerable<TypeDefinitionHandle> types, HashSet<TypeDefinitionHandle> processed, List<TypeDefinitionHandle> order)
        {
            foreach (TypeDefinitionHandle h in types)
            {
                if (processed.Contains(h)) continue;
                TypeDefinition type = md.GetTypeDefinition(h);
                if (type.IsNested) Visit(md, bodies, new[] { type.GetDeclaringType() }, processed, order);
                var interfaces = new List<TypeDefinitionHandle>();
                foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
                {
                    EntityHandle implemented = md.GetInterfaceImplementation(i).Interface;
                    if (implemented.Kind == HandleKind.TypeDefinition) interfaces.Add((TypeDefinitionHandle)implemented);
                }

                Visit(md, bodies, interfaces, processed, order);
                if (!processed.Add(h)) continue;
                var used = new List<TypeDefinitionHandle>();
                foreach (MethodDefinitionHandle m in type.GetMethods())
                {
                    MethodBodyBlock body = bodies.Of(m);
                    if (body == null) continue;
                    foreach (EntityHandle token in NanoByteCode.Tokens(body)) used.AddRange(CalledTypes(md, token));
                }

                Visit(md, bodies, used, processed, order);
                order.Add(h);
            }
        }

        /// <summary>Cecil's <c>GetTypesList</c>: the assembly's own types among a called method's return type (not void) and parameter types.</summary>
        private static IEnumerable<TypeDefinitionHandle> CalledTypes(MetadataReader md, EntityHandle token)
        {
            BlobHandle signature;
            switch (token.Kind)
            {
                case HandleKind.MethodDefinition:
                    signature = md.GetMethodDefinition((MethodDefinitionHandle)token).Signature;
                    break;
                case HandleKind.MemberReference:
                    MemberReference reference = md.GetMemberReference((MemberReferenceHandle)token);
                    if (reference.GetKind() != MemberReferenceKind.Method) yield break;
                    signature = reference.Signature;
                    break;
                default:
                    yield break;
            }

            BlobReader reader = md.GetBlobReader(signature);
            byte header = reader.ReadByte();
            if ((header & 0x10) != 0) reader.ReadCompressedInteger();
            int parameters = reader.ReadCompressedInteger();
            for (int i = 0; i <= parameters && reader.RemainingBytes > 0; i++)
            {
                TypeDefinitionHandle own = OwnType(md, ref reader);
                if (!own.IsNil) yield return own;
            }
        }

        /// <summary>Reads one type of a signature; the type definition of this assembly it resolves to (arrays and references to their element), or nil.</summary>
        private static TypeDefinitionHandle OwnType(MetadataReader md, ref BlobReader reader)
        {
            int code = reader.ReadCompressedInteger();
            switch (code)
            {
                case 0x0F: case 0x10: case 0x1D: case 0x45:
                    return OwnType(md, ref reader);
                case 0x1F: case 0x20:
                    reader.ReadTypeHandle();
                    return OwnType(md, ref reader);
                case 0x11: case 0x12:
                    EntityHandle type = reader.ReadTypeHandle();
                    return type.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)type : default;
                case 0x13: case 0x1E:
                    reader.ReadCompressedInteger();
                    return default;
                case 0x15:
                    TypeDefinitionHandle generic = OwnType(md, ref reader);
                    int arguments = reader.ReadCompressedInteger();
                    for (int i = 0; i < arguments; i++) OwnType(md, ref reader);
                    return generic;
                default:
                    return default;
            }
        }
    }

    /// <summary>Method bodies of an image, by method.</summary>
    internal sealed class PEReaderBodies
    {
        private readonly System.Reflection.PortableExecutable.PEReader pe;
        private readonly MetadataReader md;
        private readonly Dictionary<MethodDefinitionHandle, MethodBodyBlock> cache = new Dictionary<MethodDefinitionHandle, MethodBodyBlock>();

        public PEReaderBodies(System.Reflection.PortableExecutable.PEReader pe, MetadataReader md)
        {
            this.pe = pe;
            this.md = md;
        }

        /// <summary>The body of a method, or null when it has none.</summary>
        public MethodBodyBlock Of(MethodDefinitionHandle method)
        {
            if (cache.TryGetValue(method, out MethodBodyBlock body)) return body;
            int rva = md.GetMethodDefinition(method).RelativeVirtualAddress;
            body = rva == 0 ? null : pe.GetMethodBody(rva);
            cache[method] = body;
            return body;
        }
    }
}
