using System;
using System.Collections;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>Files in memory for table tests.</summary>
    public sealed class TestFileStore : IFileStore
    {
        private readonly Hashtable files = new Hashtable();

        /// <summary>Flushes done.</summary>
        public int Flushes;

        /// <inheritdoc />
        public string[] List()
        {
            string[] names = new string[files.Count];
            files.Keys.CopyTo(names, 0);
            return names;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            return files.Contains(name);
        }

        /// <inheritdoc />
        public long Length(string name)
        {
            return files.Contains(name) ? ((byte[])files[name]).Length : -1;
        }

        /// <inheritdoc />
        public void Append(string name, byte[] buffer, int offset, int count)
        {
            byte[] old = files.Contains(name) ? (byte[])files[name] : new byte[0];
            byte[] grown = new byte[old.Length + count];
            Array.Copy(old, 0, grown, 0, old.Length);
            Array.Copy(buffer, offset, grown, old.Length, count);
            files.Remove(name);
            files.Add(name, grown);
        }

        /// <inheritdoc />
        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            if (!files.Contains(name)) return 0;
            byte[] data = (byte[])files[name];
            if (position >= data.Length) return 0;
            int n = (int)(data.Length - position < count ? data.Length - position : count);
            Array.Copy(data, (int)position, buffer, offset, n);
            return n;
        }

        /// <inheritdoc />
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            byte[] data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            files.Remove(name);
            files.Add(name, data);
        }

        /// <inheritdoc />
        public void Flush(string name)
        {
            Flushes++;
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            files.Remove(name);
        }
    }
}
