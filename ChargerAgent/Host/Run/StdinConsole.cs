using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace ChargerAgent.Host.Run;

/// <summary>Reads the console commands typed on standard input on a background thread; the agent loop takes them.</summary>
internal sealed class StdinConsole : ITypedInput
{
    private readonly ConcurrentQueue<byte[]> chunks = new();

    public void Start()
    {
        var reader = new Thread(() =>
        {
            using Stream input = Console.OpenStandardInput();
            var buffer = new byte[256];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                chunks.Enqueue(buffer.AsSpan(0, read).ToArray());
            }
        })
        { IsBackground = true, Name = "stdin console" };
        reader.Start();
    }

    /// <summary>Takes the next chunk of typed bytes, if any.</summary>
    public bool TryTake(out byte[] chunk) => chunks.TryDequeue(out chunk);
}
