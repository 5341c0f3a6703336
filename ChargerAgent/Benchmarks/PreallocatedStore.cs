#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Benchmarks;

/// <summary>An <see cref="IFileStore"/> whose files live in reused 4 KB buffers: no allocation per call once warm.</summary>
public sealed class PreallocatedStore : IFileStore
{
    private readonly Dictionary<string, Slot> files = new(StringComparer.Ordinal);
    private readonly Stack<Slot> spare = new();

    private sealed class Slot
    {
        public byte[] Data = new byte[4096];
        public int Length;
    }

    public string[] List() => files.Keys.ToArray();

    public bool Exists(string name) => files.ContainsKey(name);

    public long Length(string name) => files.TryGetValue(name, out Slot? s) ? s.Length : -1;

    public void Append(string name, byte[] buffer, int offset, int count)
    {
        Slot s = Get(name);
        if (s.Length + count > s.Data.Length) Array.Resize(ref s.Data, Math.Max(s.Data.Length * 2, s.Length + count));
        Array.Copy(buffer, offset, s.Data, s.Length, count);
        s.Length += count;
    }

    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        Slot s = files[name];
        if (position >= s.Length) return 0;
        int n = (int)Math.Min(count, s.Length - position);
        Array.Copy(s.Data, position, buffer, offset, n);
        return n;
    }

    public void Write(string name, byte[] buffer, int offset, int count)
    {
        Slot s = Get(name);
        s.Length = 0;
        Append(name, buffer, offset, count);
    }

    public void Flush(string name)
    {
    }

    public void Delete(string name)
    {
        if (files.Remove(name, out Slot? s))
        {
            s.Length = 0;
            spare.Push(s);
        }
    }

    private Slot Get(string name)
    {
        if (files.TryGetValue(name, out Slot? s)) return s;
        s = spare.Count > 0 ? spare.Pop() : new Slot();
        files.Add(name, s);
        return s;
    }
}
