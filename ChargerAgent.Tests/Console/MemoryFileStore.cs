using System.Collections;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Console
{
    /// <summary>An in-memory file store for configuration and console tests (written content is durable at once).</summary>
    public sealed class MemoryFileStore : IFileStore
    {
        private readonly Hashtable _files = new Hashtable();

        /// <summary>Makes every call throw IOException, as a failing flash would.</summary>
        public bool Failing;

        /// <summary>Flushes done so far.</summary>
        public int Flushes;

        public string[] List()
        {
            string[] names = new string[_files.Count];
            int i = 0;
            foreach (DictionaryEntry entry in _files) names[i++] = (string)entry.Key;
            return names;
        }

        public bool Exists(string name)
        {
            Check();
            return _files.Contains(name);
        }

        public long Length(string name)
        {
            Check();
            return _files.Contains(name) ? ((byte[])_files[name]).Length : -1;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            Check();
            byte[] old = _files.Contains(name) ? (byte[])_files[name] : new byte[0];
            byte[] joined = new byte[old.Length + count];
            System.Array.Copy(old, 0, joined, 0, old.Length);
            System.Array.Copy(buffer, offset, joined, old.Length, count);
            _files.Remove(name);
            _files.Add(name, joined);
        }

        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            Check();
            if (!_files.Contains(name)) throw new IOException("no file " + name);
            byte[] data = (byte[])_files[name];
            int available = (int)(data.Length - position);
            int n = available < count ? available : count;
            if (n <= 0) return 0;
            System.Array.Copy(data, (int)position, buffer, offset, n);
            return n;
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            Check();
            byte[] data = new byte[count];
            System.Array.Copy(buffer, offset, data, 0, count);
            _files.Remove(name);
            _files.Add(name, data);
        }

        public void Flush(string name)
        {
            Check();
            Flushes++;
        }

        public void Delete(string name)
        {
            Check();
            _files.Remove(name);
        }

        /// <summary>The file's content as text, or null.</summary>
        public string TextOf(string name)
        {
            if (!_files.Contains(name)) return null;
            byte[] data = (byte[])_files[name];
            return System.Text.Encoding.UTF8.GetString(data, 0, data.Length);
        }

        /// <summary>Puts text in a file.</summary>
        public void Put(string name, string text)
        {
            byte[] data = System.Text.Encoding.UTF8.GetBytes(text);
            _files.Remove(name);
            _files.Add(name, data);
        }

        private void Check()
        {
            if (Failing) throw new IOException("flash failure (test)");
        }
    }
}
