using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.IO;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The names nanoCLR knows by number: the metadata processor refers to them by a fixed index and
    /// stores them in no .pe. They are mostly mscorlib's own names, so they are read off the
    /// CoreLibrary package itself: every type, namespace, method and field name of mscorlib.dll that
    /// its mscorlib.pe (built by the metadata processor, which always stores those names) does not
    /// hold in its strings table. Well-known names that mscorlib does not use are missed, so a few
    /// names may be counted that the device would not store (the figures err high).
    /// </summary>
    public static class WellKnownStrings
    {
        /// <summary>Derives the set from mscorlib.dll and mscorlib.pe.</summary>
        public static HashSet<string> FromCoreLibrary(string mscorlibDll, string mscorlibPe)
        {
            HashSet<string> stored = NanoPeFile.Load(mscorlibPe).Strings();
            var names = new HashSet<string>(StringComparer.Ordinal);
            using var pe = new PEReader(File.OpenRead(mscorlibDll));
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                names.Add(md.GetString(type.Name));
                names.Add(md.GetString(type.Namespace));
                foreach (MethodDefinitionHandle mh in type.GetMethods()) names.Add(md.GetString(md.GetMethodDefinition(mh).Name));
                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    if ((field.Attributes & FieldAttributes.Literal) == 0) names.Add(md.GetString(field.Name));
                }
            }

            names.ExceptWith(stored);
            names.Remove(string.Empty);
            return names;
        }
    }
}
