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

        /// <summary>A value of an unsigned type reinterpreted as int, then widened: nanoCLR zero-extends it.</summary>
        public static readonly DiagnosticDescriptor UnsignedWidening = Rule("NF1011", "Unsigned value widened through an int",
            "nanoCLR zero-extends an int that came from an unsigned value: {0} (sign-extend in 64-bit arithmetic, as RegisterValue.Int32FromBits does; a local read once does not help, an optimized build keeps it on the stack)");

        /// <summary>A Hashtable entry set by index.</summary>
        public static readonly DiagnosticDescriptor HashtableIndexerSet = Rule("NF1012", "Hashtable entry set by index",
            "nanoFramework's native Hashtable can hold a key twice when it is set by index after another key was removed: {0} (Remove the key, then Add it)");

        /// <summary>Other language features the nanoFramework runtime lacks.</summary>
        public static readonly DiagnosticDescriptor Unsupported = Rule("NF1010", "Language feature not on nanoFramework 1.x",
            "not supported on nanoFramework 1.x: {0}");
    }
}
