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
    /// hold in its strings table; mscorlib's own name when its .pe header refers to it by number;
    /// and the names of what nanoFramework moved out of mscorlib into System.Collections,
    /// System.Text and System.Math (their types, methods and property accessors, from the guard's
    /// allow-list), which the runtime still knows. Other well-known names are missed, so a few
    /// names are counted that the device would not store: the figures err high, by about 1 %.
    /// </summary>
    public static class WellKnownStrings
    {
        /// <summary>Derives the set from mscorlib.dll and mscorlib.pe.</summary>
        public static HashSet<string> FromCoreLibrary(string mscorlibDll, string mscorlibPe, IEnumerable<string> movedOutOfMscorlib)
        {
            NanoPeFile corePe = NanoPeFile.Load(mscorlibPe);
            HashSet<string> stored = corePe.Strings();
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
            if (corePe.NameIsWellKnown) names.Add(md.GetString(md.GetAssemblyDefinition().Name));
            names.UnionWith(movedOutOfMscorlib);
            return names;
        }
    }
}
