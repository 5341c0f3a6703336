namespace ChargerAgent.Core.Json
{
    /// <summary>Receives every scalar value that <see cref="JsonScanner.Scan"/> meets, with its path available on the scanner.</summary>
    public interface IJsonVisitor
    {
        /// <summary>A scalar at <see cref="JsonScanner.Depth"/>; <paramref name="start"/>/<paramref name="length"/> locate its text in the scanned buffer.</summary>
        void OnScalar(JsonScanner scanner, JsonKind kind, int start, int length);
    }
}
