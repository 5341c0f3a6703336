using System;
using System.Collections;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Upload.Fakes
{
    /// <summary>
    /// Files in memory with the durability rule of the port: writes become durable only at Flush.
    /// <see cref="PowerCut"/> forgets everything not flushed; a flush can be cut by the power line.
    /// </summary>
    public class FakeFileStore : IFileStore
    {
        private readonly PowerLine power;
        private readonly Hashtable live = new Hashtable();
        private readonly Hashtable durable = new Hashtable();

        public FakeFileStore(PowerLine power)
        {
            this.power = power;
        }

        public int Flushes;

        public void PowerCut()
        {
            live.Clear();
            foreach (DictionaryEntry e in durable)
            {
                live.Remove(e.Key);
                live.Add(e.Key, Copy((byte[])e.Value, ((byte[])e.Value).Length));
            }
        }

        public string[] List()
        {
            string[] names = new string[live.Count];
            int i = 0;
            foreach (DictionaryEntry e in live) names[i++] = (string)e.Key;
            return names;
        }

        public bool Exists(string name)
        {
            return live.Contains(name);
        }

        public long Length(string name)
        {
            return live.Contains(name) ? ((byte[])live[name]).Length : -1;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            byte[] old = live.Contains(name) ? (byte[])live[name] : new byte[0];
            byte[] grown = new byte[old.Length + count];
            Array.Copy(old, grown, old.Length);
            Array.Copy(buffer, offset, grown, old.Length, count);
            live.Remove(name);
            live.Add(name, grown);
        }

        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            if (!live.Contains(name)) throw new IOException("no such file");
            byte[] data = (byte[])live[name];
            long left = data.Length - position;
            int n = left <= 0 ? 0 : (left < count ? (int)left : count);
            Array.Copy(data, (int)position, buffer, offset, n);
            return n;
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            byte[] data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            live.Remove(name);
            live.Add(name, data);
        }

        public void Flush(string name)
        {
            if (power != null) power.BeforeDurableWrite();
            Flushes++;
            if (live.Contains(name))
            {
                byte[] data = (byte[])live[name];
                durable.Remove(name);
                durable.Add(name, Copy(data, data.Length));
            }
        }

        public void Delete(string name)
        {
            live.Remove(name);
            durable.Remove(name);
        }

        private static byte[] Copy(byte[] data, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(data, copy, length);
            return copy;
        }
    }
}
