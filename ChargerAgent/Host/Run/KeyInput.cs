using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using ChargerAgent.Core.Console;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The live view's keyboard: keys read without the terminal's echo (the view draws the line being
/// typed), a line handed to the console on Enter, PageUp/PageDown scrolling the console's lines.
/// </summary>
internal sealed class KeyInput(ConsoleLines lines) : ITypedInput
{
    private readonly ConcurrentQueue<byte[]> chunks = new();
    private readonly StringBuilder typed = new();

    /// <summary>The line being typed.</summary>
    public string Typed
    {
        get
        {
            lock (typed) return typed.ToString();
        }
    }

    public void Start()
    {
        new Thread(Read) { IsBackground = true, Name = "live view keys" }.Start();
    }

    public bool TryTake(out byte[] chunk) => chunks.TryDequeue(out chunk);

    private void Read()
    {
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true);
            }
            catch (InvalidOperationException)
            {
                return; // stdin is not a terminal any more
            }

            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    string line;
                    lock (typed)
                    {
                        line = typed.ToString();
                        typed.Clear();
                    }

                    lines.WriteLine(ConsoleShell.Prompt + line);
                    lines.ScrollToEnd();
                    chunks.Enqueue(Encoding.UTF8.GetBytes(line + "\r"));
                    break;
                case ConsoleKey.Backspace:
                    lock (typed)
                    {
                        if (typed.Length > 0) typed.Length--;
                    }

                    break;
                case ConsoleKey.Escape:
                    lock (typed) typed.Clear();
                    break;
                case ConsoleKey.PageUp:
                    lines.Scroll(+10);
                    break;
                case ConsoleKey.PageDown:
                    lines.Scroll(-10);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        lock (typed) typed.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
