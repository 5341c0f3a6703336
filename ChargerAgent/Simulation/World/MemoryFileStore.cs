using System;
using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Simulation.World;

/// <summary>An in-memory file store that survives simulated reboots; counts flushes (syncs).</summary>
public sealed class MemoryFileStore : IFileStore
{
    private readonly Dictionary<string, List<byte>> files = new();

    /// <summary>Flushes done.</summary>
    public long Flushes { get; private set; }

    /// <inheritdoc />
    public string[] List() => files.Keys.ToArray();

    /// <inheritdoc />
    public bool Exists(string name) => files.ContainsKey(name);

    /// <inheritdoc />
    public long Length(string name) => files.TryGetValue(name, out List<byte> f) ? f.Count : -1;

    /// <inheritdoc />
    public void Append(string name, byte[] buffer, int offset, int count)
    {
        if (!files.TryGetValue(name, out List<byte> f)) files[name] = f = new List<byte>();
        f.AddRange(new ArraySegment<byte>(buffer, offset, count));
    }

    /// <inheritdoc />
    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        if (!files.TryGetValue(name, out List<byte> f) || position >= f.Count) return 0;
        int n = (int)Math.Min(count, f.Count - position);
        f.CopyTo((int)position, buffer, offset, n);
        return n;
    }

    /// <inheritdoc />
    public void Write(string name, byte[] buffer, int offset, int count) =>
        files[name] = new List<byte>(new ArraySegment<byte>(buffer, offset, count));

    /// <inheritdoc />
    public void Flush(string name) => Flushes++;

    /// <inheritdoc />
    public void Delete(string name) => files.Remove(name);
}
