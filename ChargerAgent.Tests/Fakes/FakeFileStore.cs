using System;
using System.Collections;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// Files in memory. Made with a power line (even null), it keeps the durability rule of the
    /// port: reads see every write at once, only flushed content survives <see cref="PowerCut"/>,
    /// and a flush can be cut by the power line. Made without, every write is durable at once and
    /// nothing is copied (so a memory test counts the files once). <see cref="Failing"/> makes
    /// every call throw, as a failing flash would.
    /// </summary>
    public sealed class FakeFileStore : IFileStore
    {
        private readonly FakePowerLine power;
        private readonly Hashtable live = new Hashtable();
        private readonly Hashtable durable;

        /// <summary>Files that never lose anything: every write is durable at once.</summary>
        public FakeFileStore()
        {
        }

        /// <summary>Files durable only once flushed; flushes count as durable writes on <paramref name="power"/> (null: none).</summary>
        public FakeFileStore(FakePowerLine power)
        {
            this.power = power;
            durable = new Hashtable();
        }

        /// <summary>Flushes done so far.</summary>
        public int Flushes;

        /// <summary>Makes every call throw <see cref="IOException"/>, as a failing flash would.</summary>
        public bool Failing;

        /// <summary>Makes every read throw <see cref="IOException"/> (a flash read error); listing and writing still work.</summary>
        public bool ReadsFailing;

        /// <summary>Forgets everything not flushed, as a power cut does (nothing, for a store made without a power line).</summary>
        public void PowerCut()
        {
            if (durable == null) return;
            live.Clear();
            foreach (DictionaryEntry e in durable)
            {
                live.Add(e.Key, Copy((byte[])e.Value));
            }
        }

        /// <inheritdoc />
        public string[] List()
        {
            Check();
            string[] names = new string[live.Count];
            int i = 0;
            foreach (DictionaryEntry e in live) names[i++] = (string)e.Key;
            return names;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            Check();
            return live.Contains(name);
        }

        /// <inheritdoc />
        public long Length(string name)
        {
            Check();
            return live.Contains(name) ? ((byte[])live[name]).Length : -1;
        }

        /// <inheritdoc />
        public void Append(string name, byte[] buffer, int offset, int count)
        {
            Check();
            byte[] old = live.Contains(name) ? (byte[])live[name] : new byte[0];
            byte[] grown = new byte[old.Length + count];
            Array.Copy(old, 0, grown, 0, old.Length);
            Array.Copy(buffer, offset, grown, old.Length, count);
            live.Remove(name);
            live.Add(name, grown);
        }

        /// <inheritdoc />
        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            Check();
            if (ReadsFailing) throw new IOException("flash read error (test)");
            if (!live.Contains(name)) throw new IOException("no file " + name);
            byte[] data = (byte[])live[name];
            long left = data.Length - position;
            int n = left <= 0 ? 0 : (left < count ? (int)left : count);
            if (n > 0) Array.Copy(data, (int)position, buffer, offset, n);
            return n;
        }

        /// <inheritdoc />
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            Check();
            byte[] data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            live.Remove(name);
            live.Add(name, data);
        }

        /// <inheritdoc />
        public void Flush(string name)
        {
            Check();
            if (power != null) power.BeforeDurableWrite();
            Flushes++;
            if (durable != null && live.Contains(name))
            {
                durable.Remove(name);
                durable.Add(name, Copy((byte[])live[name]));
            }
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            Check();
            live.Remove(name);
            if (durable != null) durable.Remove(name);
        }

        /// <summary>The file's bytes, or null (the stored array itself: tests change it to plant damage).</summary>
        public byte[] Content(string name)
        {
            return (byte[])live[name];
        }

        /// <summary>Replaces a file's bytes, durably, without counting anything.</summary>
        public void Plant(string name, byte[] content)
        {
            live.Remove(name);
            live.Add(name, content);
            if (durable == null) return;
            durable.Remove(name);
            durable.Add(name, Copy(content));
        }

        /// <summary>The file's content as UTF-8 text, or null.</summary>
        public string TextOf(string name)
        {
            if (!live.Contains(name)) return null;
            byte[] data = (byte[])live[name];
            return System.Text.Encoding.UTF8.GetString(data, 0, data.Length);
        }

        /// <summary>Puts UTF-8 text in a file, durably, without counting anything.</summary>
        public void Put(string name, string text)
        {
            Plant(name, System.Text.Encoding.UTF8.GetBytes(text));
        }

        private void Check()
        {
            if (Failing) throw new IOException("flash failure (test)");
        }

        private static byte[] Copy(byte[] data)
        {
            byte[] copy = new byte[data.Length];
            Array.Copy(data, 0, copy, 0, data.Length);
            return copy;
        }
    }
}
