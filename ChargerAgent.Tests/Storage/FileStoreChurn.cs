using System;
using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>
    /// Drives a file store through a fixed pseudo-random mix of writes, appends, deletes and flushes
    /// over a dozen names and checks after every step that it lists each file once with the right
    /// length. On nanoFramework a store kept in a Hashtable set by index fails this: the native
    /// Hashtable can hold a key twice once another key was removed.
    /// </summary>
    public static class FileStoreChurn
    {
        private const int Names = 12;

        /// <summary>Runs <paramref name="steps"/> operations on <paramref name="store"/>.</summary>
        public static void Run(IFileStore store, int steps)
        {
            long[] lengths = new long[Names];
            for (int i = 0; i < Names; i++) lengths[i] = -1;
            byte[] bytes = new byte[8];
            uint seed = 12345;
            for (int step = 0; step < steps; step++)
            {
                seed = seed * 1103515245u + 12345u;
                int which = (int)((seed >> 8) % Names);
                int action = (int)((seed >> 20) % 4);
                string name = NameOf(which);
                if (action == 0)
                {
                    store.Delete(name);
                    lengths[which] = -1;
                }
                else if (action == 1)
                {
                    int count = 1 + step % 8;
                    store.Write(name, bytes, 0, count);
                    lengths[which] = count;
                }
                else if (action == 2)
                {
                    store.Append(name, bytes, 0, 3);
                    lengths[which] = (lengths[which] < 0 ? 0 : lengths[which]) + 3;
                }
                else if (lengths[which] >= 0)
                {
                    store.Flush(name);
                }

                Check(store, lengths, step);
            }
        }

        private static void Check(IFileStore store, long[] lengths, int step)
        {
            string[] listed = store.List();
            int expected = 0;
            for (int i = 0; i < Names; i++)
            {
                if (lengths[i] >= 0) expected++;
                Assert.AreEqual(lengths[i] >= 0, store.Exists(NameOf(i)), "step " + step + ": exists " + NameOf(i));
                Assert.AreEqual(lengths[i], store.Length(NameOf(i)), "step " + step + ": length of " + NameOf(i));
            }

            Assert.AreEqual(expected, listed.Length, "step " + step + ": files listed");
            for (int a = 0; a < listed.Length; a++)
            {
                for (int b = a + 1; b < listed.Length; b++)
                {
                    Assert.AreNotEqual(listed[a], listed[b], "step " + step + ": listed twice");
                }
            }
        }

        private static string NameOf(int i) => "f" + i + ".bin";
    }
}
