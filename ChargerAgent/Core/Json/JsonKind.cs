namespace ChargerAgent.Core.Json
{
    /// <summary>Kind of a scalar JSON value reported by <see cref="JsonScanner"/>.</summary>
    public enum JsonKind : byte
    {
        /// <summary>A string; the reported span is inside the quotes, escapes still raw.</summary>
        String = 0,

        /// <summary>A number; the span is its text.</summary>
        Number = 1,

        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean = 2,

        /// <summary><c>null</c>.</summary>
        Null = 3,
    }
}
