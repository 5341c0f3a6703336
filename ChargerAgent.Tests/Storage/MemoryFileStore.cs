using System;
using System.Collections;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>A plain in-memory <see cref="IFileStore"/> for portable tests: no costs, no faults.</summary>
    public sealed class MemoryFileStore : IFileStore
    {
        private readonly Hashtable files = new Hashtable();

        /// <summary>Flush calls so far.</summary>
        public int Flushes;

        public string[] List()
        {
            string[] names = new string[files.Count];
            int i = 0;
            foreach (object key in files.Keys) names[i++] = (string)key;
            return names;
        }

        public bool Exists(string name)
        {
            return files.Contains(name);
        }

        public long Length(string name)
        {
            byte[] content = (byte[])files[name];
            return content == null ? -1 : content.Length;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            byte[] old = (byte[])files[name];
            if (old == null) old = new byte[0];
            byte[] next = new byte[old.Length + count];
            Array.Copy(old, next, old.Length);
            Array.Copy(buffer, offset, next, old.Length, count);
            files.Remove(name);
            files.Add(name, next);
        }

        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            byte[] content = (byte[])files[name];
            if (content == null) throw new IOException("no file " + name);
            if (position >= content.Length) return 0;
            int n = count;
            if (n > content.Length - (int)position) n = content.Length - (int)position;
            Array.Copy(content, (int)position, buffer, offset, n);
            return n;
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            byte[] next = new byte[count];
            Array.Copy(buffer, offset, next, 0, count);
            files.Remove(name);
            files.Add(name, next);
        }

        public void Flush(string name)
        {
            Flushes++;
        }

        public void Delete(string name)
        {
            files.Remove(name);
        }

        /// <summary>The file's bytes (the stored array itself: tests change it to plant damage).</summary>
        public byte[] Content(string name)
        {
            return (byte[])files[name];
        }

        /// <summary>Replaces a file's bytes without counting anything.</summary>
        public void Plant(string name, byte[] content)
        {
            files.Remove(name);
            files.Add(name, content);
        }
    }

    /// <summary>A fixed-sequence random source so generation choice is reproducible.</summary>
    public sealed class CountingRandom : IRandomSource
    {
        private uint next;

        public CountingRandom(uint first)
        {
            next = first;
        }

        public uint NextUInt32()
        {
            return next++;
        }
    }
}
