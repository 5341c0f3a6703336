using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The type and member references the .pe keeps. The metadata processor's minimizing pass
    /// (<c>nanoAssemblyBuilder.Minimize</c>, <c>BuildDependencyList</c>) keeps what the kept type
    /// definitions reach: base types, interfaces, the types in field, method and local signatures,
    /// the operands of the byte code, catch types, the constructors of the attributes it keeps, the
    /// owner and signature types of each kept member reference, and the enclosing type of a nested
    /// reference. What only the assembly's own attributes or the attributes it drops (Extension,
    /// the Debugger* family...) use is dropped. Each kept type reference is numbered by its row order.
    /// </summary>
    internal sealed class UsedReferences
    {
        private readonly MetadataReader md;
        private readonly HashSet<TypeReferenceHandle> typeRefs = new HashSet<TypeReferenceHandle>();
        private readonly HashSet<MemberReferenceHandle> memberRefs = new HashSet<MemberReferenceHandle>();

        private UsedReferences(MetadataReader md)
        {
            this.md = md;
        }

        /// <summary>Kept type references, in row order.</summary>
        public List<TypeReferenceHandle> TypeReferences { get; } = new List<TypeReferenceHandle>();

        /// <summary>Kept member references (fields and methods), in row order.</summary>
        public List<MemberReferenceHandle> MemberReferences { get; } = new List<MemberReferenceHandle>();

        /// <summary>True when the type reference is kept.</summary>
        public bool Keeps(TypeReferenceHandle h) => typeRefs.Contains(h);

        /// <summary>Walks what the kept type definitions use.</summary>
        public static UsedReferences Find(MetadataReader md, PEReaderBodies bodies, IEnumerable<TypeDefinitionHandle> types)
        {
            var used = new UsedReferences(md);
            foreach (TypeDefinitionHandle th in types)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                used.Type(type.BaseType);
                foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations()) used.Type(md.GetInterfaceImplementation(i).Interface);
                used.Attributes(type.GetCustomAttributes());
                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    if ((field.Attributes & System.Reflection.FieldAttributes.Literal) != 0) continue;
                    used.Signature(field.Signature);
                    used.Attributes(field.GetCustomAttributes());
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    used.Signature(method.Signature);
                    used.Attributes(method.GetCustomAttributes());
                    MethodBodyBlock body = bodies.Of(mh);
                    if (body == null) continue;
                    if (!body.LocalSignature.IsNil) used.Signature(md.GetStandaloneSignature(body.LocalSignature).Signature);
                    foreach (EntityHandle token in NanoByteCode.Tokens(body)) used.Operand(token);
                    foreach (ExceptionRegion region in body.ExceptionRegions) used.Type(region.CatchType);
                }
            }

            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                if (used.typeRefs.Contains(h)) used.TypeReferences.Add(h);
            }

            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                if (used.memberRefs.Contains(h)) used.MemberReferences.Add(h);
            }

            return used;
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle h in attributes)
            {
                CustomAttribute attribute = md.GetCustomAttribute(h);
                if (PeTables.KeepsAttribute(md, attribute)) Operand(attribute.Constructor);
            }
        }

        private void Operand(EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.TypeReference:
                    Type(token);
                    break;
                case HandleKind.MemberReference:
                    if (!memberRefs.Add((MemberReferenceHandle)token)) break;
                    MemberReference member = md.GetMemberReference((MemberReferenceHandle)token);
                    Type(member.Parent);
                    Signature(member.Signature);
                    break;
                case HandleKind.MethodSpecification:
                    Operand(md.GetMethodSpecification((MethodSpecificationHandle)token).Method);
                    break;
            }
        }

        private void Signature(BlobHandle signature)
        {
            foreach (EntityHandle type in NanoTypeEncoder.ReferencedTypes(md, signature)) Type(type);
        }

        private void Type(EntityHandle type)
        {
            if (type.IsNil || type.Kind != HandleKind.TypeReference) return;
            var h = (TypeReferenceHandle)type;
            if (!typeRefs.Add(h)) return;
            EntityHandle scope = md.GetTypeReference(h).ResolutionScope;
            if (scope.Kind == HandleKind.TypeReference) Type(scope);
        }
    }
}
