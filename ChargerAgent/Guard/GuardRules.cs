using Microsoft.CodeAnalysis;

namespace ChargerAgent.Guard
{
    /// <summary>The rules of the nanoFramework 1.x guard, one id each. All are errors.</summary>
    public static class GuardRules
    {
        private const string Category = "nanoFramework";

        private static DiagnosticDescriptor Rule(string id, string title, string format) =>
            new DiagnosticDescriptor(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>Generic types or methods.</summary>
        public static readonly DiagnosticDescriptor Generics = Rule("NF1001", "No generics on nanoFramework 1.x",
            "no generics on nanoFramework 1.x: {0} (use ArrayList, Hashtable, an array or a purpose-built type)");

        /// <summary>async, await, Task.</summary>
        public static readonly DiagnosticDescriptor Async = Rule("NF1002", "No async/await on nanoFramework 1.x",
            "no async/await/Task on nanoFramework 1.x: {0} (use a thread or a state machine stepped by Tick)");

        /// <summary>LINQ.</summary>
        public static readonly DiagnosticDescriptor Linq = Rule("NF1003", "No LINQ on nanoFramework 1.x",
            "no LINQ on nanoFramework 1.x: {0} (write the loop)");

        /// <summary>Nullable value types.</summary>
        public static readonly DiagnosticDescriptor NullableValue = Rule("NF1004", "No nullable value types on nanoFramework 1.x",
            "no nullable value types on nanoFramework 1.x: {0} (use a flag beside the value, or the Try-pattern)");

        /// <summary>Span, Memory, stackalloc, ref structs.</summary>
        public static readonly DiagnosticDescriptor SpanLike = Rule("NF1005", "No Span/Memory/stackalloc on nanoFramework 1.x",
            "no Span/Memory/stackalloc/ref struct on nanoFramework 1.x: {0} (use an array with offset and count)");

        /// <summary>Tuples.</summary>
        public static readonly DiagnosticDescriptor Tuples = Rule("NF1006", "No tuples on nanoFramework 1.x",
            "no tuples on nanoFramework 1.x: {0} (use out parameters or a small struct)");

        /// <summary>Records.</summary>
        public static readonly DiagnosticDescriptor Records = Rule("NF1007", "No records on nanoFramework 1.x",
            "no record types on nanoFramework 1.x: {0} (use a class or struct)");

        /// <summary>A BCL type nanoFramework does not have.</summary>
        public static readonly DiagnosticDescriptor MissingType = Rule("NF1008", "Type not in nanoFramework 1.x",
            "type not provided by nanoFramework 1.x: {0}");

        /// <summary>A member of a BCL type that nanoFramework's version of the type does not have.</summary>
        public static readonly DiagnosticDescriptor MissingMember = Rule("NF1009", "Member not in nanoFramework 1.x",
            "member not provided by nanoFramework 1.x: {0}");

        /// <summary>Other language features the nanoFramework runtime lacks.</summary>
        public static readonly DiagnosticDescriptor Unsupported = Rule("NF1010", "Language feature not on nanoFramework 1.x",
            "not supported on nanoFramework 1.x: {0}");
    }
}
