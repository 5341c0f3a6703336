using System;
using System.Collections.Generic;
using ChargerAgent.Core.Console;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The console's output on the desktop: straight to stdout in plain mode, or kept as the last lines
/// under the live status view.
/// </summary>
internal sealed class ConsoleLines(bool keepForView) : IConsoleOutput
{
    private const int Kept = 12;
    private readonly Queue<string> lines = new();
    private string partial = string.Empty;

    public IReadOnlyCollection<string> Lines
    {
        get
        {
            lock (lines) return lines.ToArray();
        }
    }

    public void Write(string text)
    {
        if (!keepForView)
        {
            Console.Write(text);
            return;
        }

        lock (lines) partial += text;
    }

    public void WriteLine(string line)
    {
        if (!keepForView)
        {
            Console.WriteLine(line);
            return;
        }

        lock (lines)
        {
            lines.Enqueue(partial + line);
            partial = string.Empty;
            while (lines.Count > Kept) lines.Dequeue();
        }
    }
}
