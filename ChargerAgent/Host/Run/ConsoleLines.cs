using System;
using System.Collections.Generic;
using ChargerAgent.Core.Console;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The console's and the log's lines behind the live view: a scroll-back of the last
/// <see cref="Kept"/> lines, of which the view shows the ones that fit, scrolled by PageUp/PageDown.
/// The prompt and the echo are the view's own (the line being typed), so <see cref="Write"/> keeps nothing.
/// </summary>
internal sealed class ConsoleLines : IConsoleOutput
{
    /// <summary>Lines kept: far more than <c>help</c> or <c>config show</c> print.</summary>
    public const int Kept = 500;

    private readonly List<string> lines = new();
    private int scrolledBack;

    public void Write(string text)
    {
    }

    public void WriteLine(string line)
    {
        // The console's line end after an Enter: the view has already shown the typed line.
        if (line.Length == 0) return;
        lock (lines)
        {
            lines.Add(line);
            if (lines.Count > Kept) lines.RemoveAt(0);
            if (scrolledBack > 0) scrolledBack++;
        }
    }

    /// <summary>Moves the view <paramref name="count"/> lines back (positive) or forward (negative).</summary>
    public void Scroll(int count)
    {
        lock (lines) scrolledBack = Math.Clamp(scrolledBack + count, 0, Math.Max(0, lines.Count - 1));
    }

    /// <summary>Back to the newest lines.</summary>
    public void ScrollToEnd()
    {
        lock (lines) scrolledBack = 0;
    }

    /// <summary>The <paramref name="count"/> lines to show, oldest first, and whether newer ones are below them.</summary>
    public string[] Window(int count, out bool more)
    {
        lock (lines)
        {
            int end = Math.Max(0, lines.Count - scrolledBack);
            int start = Math.Max(0, end - count);
            more = end < lines.Count;
            return lines.GetRange(start, end - start).ToArray();
        }
    }
}
