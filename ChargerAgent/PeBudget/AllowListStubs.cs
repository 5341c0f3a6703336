using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// C# reference source for the nanoFramework libraries that do not restore here
    /// (nanoFramework.System.Collections, nanoFramework.System.Text, System.Math, System.Threading),
    /// derived from the guard's allow-list (ChargerAgent/Guard/nanoframework-api.txt, generated from
    /// those libraries' sources): every listed type that mscorlib.dll does not define, with every
    /// listed member. The list names members without signatures, so each member gets the overloads
    /// the .NET type of the same name declares, kept only where every type in the signature exists
    /// on nanoFramework. Stub classes declare no interfaces and no virtual members: enough to bind
    /// calls, which is all a .pe's tables depend on. Types in nanoFramework's own namespaces have no
    /// .NET twin; the tests' bridge (ChargerAgent.Tests/Host/Bridge) declares those it uses.
    /// </summary>
    public sealed class AllowListStubs
    {
        private static readonly (string Prefix, string Assembly)[] AssemblyByNamespace =
        {
            ("System.Collections.", "nanoFramework.System.Collections"),
            ("System.Text.", "nanoFramework.System.Text"),
            ("System.Math", "System.Math"),
            ("System.Threading.Cancellation", "System.Threading"),
            ("System.OperationCanceledException", "System.Threading"),
        };

        private static readonly Assembly[] DotNetAssemblies =
        {
            typeof(object).Assembly, typeof(System.Collections.Hashtable).Assembly, typeof(System.Collections.Queue).Assembly,
            typeof(System.Text.StringBuilder).Assembly, typeof(System.Text.UTF8Encoding).Assembly,
        };

        /// <summary>
        /// Where nanoFramework's shape differs from the .NET type of the same name, and the difference
        /// changes the references a caller compiles to: nanoframework/System.Collections v1.5.75
        /// declares DictionaryEntry as a class with public fields Key and Value
        /// (Collections/DictionaryEntry.cs), and Hashtable.GetEnumerator returns IEnumerator
        /// (Collections/Hashtable.cs).
        /// </summary>
        private static readonly Dictionary<string, string> NanoDeclarations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.Collections.DictionaryEntry"] = "public class DictionaryEntry { public object Key; public object Value; public DictionaryEntry(object key, object value) { throw null; } }",
        };

        private static readonly Dictionary<string, string> NanoReturnTypes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.Collections.Hashtable.GetEnumerator"] = "global::System.Collections.IEnumerator",
        };

        /// <summary>Object's virtual methods: a library type overrides them, so a call binds to Object's.</summary>
        private static readonly HashSet<string> ObjectVirtuals = new HashSet<string>(StringComparer.Ordinal) { "ToString", "Equals", "GetHashCode" };

        private readonly HashSet<string> listedTypes;
        private readonly HashSet<string> listedMembers;
        private readonly HashSet<string> mscorlibTypes;

        private AllowListStubs(HashSet<string> listedTypes, HashSet<string> listedMembers, HashSet<string> mscorlibTypes)
        {
            this.listedTypes = listedTypes;
            this.listedMembers = listedMembers;
            this.mscorlibTypes = mscorlibTypes;
        }

        /// <summary>Reads the allow-list; <paramref name="mscorlibTypes"/> are the public types of mscorlib.dll.</summary>
        public static AllowListStubs Load(string allowListPath, HashSet<string> mscorlibTypes)
        {
            var types = new HashSet<string>(StringComparer.Ordinal);
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (string raw in File.ReadLines(allowListPath))
            {
                string line = raw.Trim();
                if (line.StartsWith("T ", StringComparison.Ordinal)) types.Add(line.Substring(2));
                else if (line.StartsWith("M ", StringComparison.Ordinal)) members.Add(line.Substring(2));
            }

            return new AllowListStubs(types, members, mscorlibTypes);
        }

        /// <summary>The library that holds a listed type, or null when it is not one of the stubbed libraries.</summary>
        public static string AssemblyOf(string typeFullName)
        {
            foreach ((string prefix, string assembly) in AssemblyByNamespace)
            {
                if (typeFullName.StartsWith(prefix, StringComparison.Ordinal)) return assembly;
            }

            return null;
        }

        /// <summary>True when <paramref name="assemblyName"/> is one of the libraries stubbed from the allow-list.</summary>
        public static bool HasLibrary(string assemblyName) => AssemblyByNamespace.Any(a => a.Assembly == assemblyName);

        /// <summary>
        /// The metadata names (types, namespaces, methods, property accessors) of the listed types of
        /// the libraries nanoFramework split out of mscorlib (System.Collections, System.Text, System.Math).
        /// </summary>
        public IEnumerable<string> NamesMovedOutOfMscorlib()
        {
            foreach (string typeName in listedTypes.Where(t => !mscorlibTypes.Contains(t) && !t.Contains('+')
                && (t.StartsWith("System.Collections.", StringComparison.Ordinal) || t.StartsWith("System.Text.", StringComparison.Ordinal) || t == "System.Math")))
            {
                Type type = FindDotNetType(typeName);
                if (type == null) continue;
                yield return type.Name;
                yield return type.Namespace;
                foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    if (!Listed(typeName, member.Name)) continue;
                    if (member is MethodInfo method && !method.IsSpecialName) yield return method.Name;
                    if (member is PropertyInfo property)
                    {
                        if (property.GetMethod != null) yield return property.GetMethod.Name;
                        if (property.SetMethod != null) yield return property.SetMethod.Name;
                    }
                }
            }
        }

        /// <summary>C# source declaring what the allow-list says <paramref name="assemblyName"/> provides.</summary>
        public string SourceFor(string assemblyName)
        {
            var text = new StringBuilder();
            text.AppendLine("#pragma warning disable");
            foreach (string typeName in listedTypes.Where(t => !mscorlibTypes.Contains(t) && AssemblyOf(t) == assemblyName && !t.Contains('+')).OrderBy(t => t, StringComparer.Ordinal))
            {
                Type type = FindDotNetType(typeName);
                if (type == null) continue;
                int dot = typeName.LastIndexOf('.');
                text.Append("namespace ").Append(typeName.Substring(0, dot)).AppendLine(" {");
                WriteType(text, type, typeName);
                text.AppendLine("}");
            }

            return text.ToString();
        }

        private static Type FindDotNetType(string fullName)
        {
            foreach (Assembly assembly in DotNetAssemblies)
            {
                Type type = assembly.GetType(fullName);
                if (type != null && type.IsPublic) return type;
            }

            return null;
        }

        private void WriteType(StringBuilder text, Type type, string listedName)
        {
            string name = type.Name;
            if (NanoDeclarations.TryGetValue(listedName, out string declaration))
            {
                text.AppendLine(declaration);
                return;
            }

            if (type.IsEnum)
            {
                text.Append("public enum ").Append(name).Append(" : ").Append(TypeName(Enum.GetUnderlyingType(type))).AppendLine(" {");
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    if (Listed(listedName, field.Name)) text.Append(field.Name).Append(" = ").Append(Convert.ToInt64(field.GetRawConstantValue())).AppendLine(",");
                }

                text.AppendLine("}");
                return;
            }

            if (typeof(Delegate).IsAssignableFrom(type))
            {
                MethodInfo invoke = type.GetMethod("Invoke");
                if (Representable(invoke)) text.Append("public delegate ").Append(TypeName(invoke.ReturnType)).Append(' ').Append(name).Append(Parameters(invoke)).AppendLine(";");
                return;
            }

            bool isStatic = type.IsAbstract && type.IsSealed;
            string kind = type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
            text.Append("public ");
            if (isStatic) text.Append("static ");
            else if (type.IsAbstract && !type.IsInterface) text.Append("abstract ");
            text.Append(kind).Append(' ').Append(name);
            string[] bases = type.IsInterface
                ? type.GetInterfaces().Where(RepresentableType).Select(TypeName).ToArray()
                : new[] { BaseOf(type) }.Where(b => b != null).ToArray();
            if (bases.Length > 0) text.Append(" : ").Append(string.Join(", ", bases));
            text.AppendLine(" {");

            const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            string body = type.IsInterface ? ";" : " { throw null; }";
            if (!type.IsInterface && !isStatic && Listed(listedName, ".ctor"))
            {
                foreach (ConstructorInfo ctor in type.GetConstructors(Declared).Where(c => c.IsPublic || c.IsFamily))
                {
                    if (!Representable(ctor)) continue;
                    text.Append(ctor.IsPublic ? "public " : "protected ").Append(name).Append(Parameters(ctor)).AppendLine(body);
                }
            }

            foreach (FieldInfo field in type.GetFields(Declared).Where(f => f.IsPublic && !f.IsLiteral && Listed(listedName, f.Name)))
            {
                if (!RepresentableType(field.FieldType)) continue;
                text.Append("public ").Append(field.IsStatic ? "static " : string.Empty).Append(field.IsInitOnly ? "readonly " : string.Empty)
                    .Append(TypeName(field.FieldType)).Append(' ').Append(field.Name).AppendLine(";");
            }

            foreach (PropertyInfo property in type.GetProperties(Declared).Where(p => Listed(listedName, p.Name)))
            {
                MethodInfo getter = property.GetGetMethod();
                MethodInfo setter = property.GetSetMethod();
                if (getter == null && setter == null) continue;
                ParameterInfo[] index = property.GetIndexParameters();
                if (!RepresentableType(property.PropertyType) || index.Any(p => !RepresentableType(p.ParameterType))) continue;
                bool isStaticProperty = (getter ?? setter).IsStatic;
                text.Append(type.IsInterface ? string.Empty : "public ").Append(isStaticProperty ? "static " : string.Empty).Append(TypeName(property.PropertyType)).Append(' ');
                text.Append(index.Length == 0 ? property.Name : "this[" + string.Join(", ", index.Select(p => TypeName(p.ParameterType) + " " + p.Name)) + "]");
                text.Append(" { ");
                if (getter != null) text.Append("get").Append(body).Append(' ');
                if (setter != null) text.Append("set").Append(body).Append(' ');
                text.AppendLine("}");
            }

            foreach (MethodInfo method in type.GetMethods(Declared).Where(m => (m.IsPublic || m.IsFamily) && !m.IsSpecialName && !m.IsGenericMethodDefinition && Listed(listedName, m.Name)))
            {
                if (!Representable(method) || !RepresentableType(method.ReturnType)) continue;
                bool overridesObject = !type.IsInterface && !type.IsValueType && method.IsVirtual && ObjectVirtuals.Contains(method.Name)
                    && method.GetBaseDefinition().DeclaringType == typeof(object);
                if (!NanoReturnTypes.TryGetValue(listedName + "." + method.Name, out string returnType)) returnType = TypeName(method.ReturnType);
                text.Append(type.IsInterface ? string.Empty : method.IsPublic ? "public " : "protected ").Append(method.IsStatic ? "static " : string.Empty)
                    .Append(overridesObject ? "override " : string.Empty)
                    .Append(returnType).Append(' ').Append(method.Name).Append(Parameters(method)).AppendLine(body);
            }

            foreach (MethodInfo op in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m.IsSpecialName && Listed(listedName, m.Name)))
            {
                string symbol = op.Name switch { "op_Equality" => "==", "op_Inequality" => "!=", _ => null };
                if (symbol == null || !Representable(op)) continue;
                text.Append("public static ").Append(TypeName(op.ReturnType)).Append(" operator ").Append(symbol).Append(Parameters(op)).AppendLine(body);
            }

            text.AppendLine("}");
        }

        private bool Listed(string typeName, string member) => listedMembers.Contains(typeName + "." + member);

        private string BaseOf(Type type)
        {
            Type baseType = type.BaseType;
            if (baseType == null || type.IsValueType || baseType == typeof(object)) return null;
            return RepresentableType(baseType) ? TypeName(baseType) : null;
        }

        private bool Representable(MethodBase method) => method.GetParameters().All(p => RepresentableType(p.ParameterType));

        private bool RepresentableType(Type type)
        {
            if (type.IsByRef || type.IsArray) return RepresentableType(type.GetElementType());
            if (type.IsPointer || type.IsGenericType || type.IsGenericParameter || type.IsByRefLike) return false;
            if (type == typeof(void)) return true;
            string name = type.FullName;
            return name != null && (mscorlibTypes.Contains(name) || (listedTypes.Contains(name) && AssemblyOf(name) != null));
        }

        private static string Parameters(MethodBase method)
        {
            ParameterInfo[] parameters = method.GetParameters();
            return "(" + string.Join(", ", parameters.Select((p, i) =>
            {
                string prefix = p.ParameterType.IsByRef ? (p.IsOut ? "out " : "ref ") : string.Empty;
                if (i == parameters.Length - 1 && p.GetCustomAttribute<ParamArrayAttribute>() != null) prefix = "params ";
                return prefix + TypeName(p.ParameterType) + " p" + i;
            })) + ")";
        }

        private static string TypeName(Type type)
        {
            if (type.IsByRef) return TypeName(type.GetElementType());
            if (type.IsArray) return TypeName(type.GetElementType()) + "[]";
            if (type == typeof(void)) return "void";
            return "global::" + type.FullName.Replace('+', '.');
        }
    }
}
