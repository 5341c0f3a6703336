namespace ChargerAgent.Core.Console
{
    /// <summary>What a byte fed to the <see cref="LineEditor"/> completed.</summary>
    public enum LineEvent : byte
    {
        /// <summary>Nothing yet.</summary>
        None = 0,

        /// <summary>A line was entered: read it from <see cref="LineEditor.Line"/>.</summary>
        Line = 1,

        /// <summary>The line was cleared with Ctrl-C.</summary>
        Cancelled = 2,

        /// <summary>The line was longer than <see cref="LineEditor.MaxLineLength"/> and was thrown away.</summary>
        TooLong = 3,
    }
}
