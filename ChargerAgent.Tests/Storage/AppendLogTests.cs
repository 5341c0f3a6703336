using System;
using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class AppendLogTests
    {
        private const string Name = "log.bin";

        [TestMethod]
        public void Appended_entries_are_read_back_after_a_reopen()
        {
            FakeFileStore files = new FakeFileStore();
            AppendLog log = new AppendLog(files, Name, 7, 16, 10);
            Assert.AreEqual((int)AppendLogContent.None, (int)log.Open());
            Assert.IsTrue(log.MustRewrite, "a new file starts with a rewrite, which writes the header");
            log.Rewrite(log.RewriteBuffer(0));
            for (byte i = 1; i <= 3; i++) log.Append(Entry(i));
            Assert.AreEqual(4L * 16, files.Length(Name));
            AppendLog again = new AppendLog(files, Name, 7, 16, 10);
            Assert.AreEqual((int)AppendLogContent.Log, (int)again.Open());
            Assert.AreEqual((byte)7, again.FileVersion);
            Assert.AreEqual(3, again.Entries);
            byte[] e = new byte[16];
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(again.Read(i, e));
                Assert.AreEqual((byte)(i + 1), e[0]);
            }

            Assert.AreEqual(0, again.Damaged);
            Assert.IsFalse(again.MustRewrite);
        }

        [TestMethod]
        public void A_torn_tail_is_counted_and_makes_the_store_rewrite()
        {
            FakeFileStore files = new FakeFileStore();
            AppendLog log = Started(files);
            log.Append(Entry(1));
            files.Append(Name, Entry(2), 0, 9);
            AppendLog again = new AppendLog(files, Name, 7, 16, 10);
            Assert.AreEqual((int)AppendLogContent.Log, (int)again.Open());
            Assert.AreEqual(1, again.Entries, "only whole entries count");
            Assert.AreEqual(1, again.Damaged);
            Assert.IsTrue(again.MustRewrite);
            Assert.ThrowsException(typeof(InvalidOperationException), () => again.Append(Entry(3)));
            byte[] all = again.RewriteBuffer(1);
            Array.Copy(Entry(1), 0, all, again.EntryOffset(0), 16);
            again.Rewrite(all);
            Assert.AreEqual(2L * 16, files.Length(Name));
            again.Append(Entry(3));
            Assert.AreEqual(2, again.Entries);
        }

        [TestMethod]
        public void An_entry_with_a_flipped_bit_fails_its_crc()
        {
            FakeFileStore files = new FakeFileStore();
            AppendLog log = Started(files);
            log.Append(Entry(1));
            log.Append(Entry(2));
            files.Content(Name)[16 + 5] ^= 0x10;
            AppendLog again = new AppendLog(files, Name, 7, 16, 10);
            again.Open();
            byte[] e = new byte[16];
            Assert.IsFalse(again.Read(0, e));
            Assert.IsTrue(again.Read(1, e));
            Assert.AreEqual(1, again.Damaged);
        }

        [TestMethod]
        public void A_full_log_takes_no_more_entries_and_a_rewrite_over_its_budget_is_refused()
        {
            FakeFileStore files = new FakeFileStore();
            AppendLog log = Started(files);
            for (byte i = 0; i < 10; i++) log.Append(Entry(i));
            Assert.AreEqual((long)log.MaxFileBytes, files.Length(Name));
            Assert.IsTrue(log.MustRewrite);
            Assert.ThrowsException(typeof(InvalidOperationException), () => log.Append(Entry(11)));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => log.RewriteBuffer(11));
            Assert.AreEqual((long)log.MaxFileBytes, files.Length(Name), "nothing written past the budget");
        }

        [TestMethod]
        public void Bytes_without_a_header_are_foreign_and_a_header_cut_short_is_nothing()
        {
            FakeFileStore files = new FakeFileStore();
            files.Plant(Name, new byte[] { 1, 0, 1, 0, 0x80, 0xDA, 0x2C, 0x69, 0, 0, 0, 0, 1, 2, 3, 4 });
            AppendLog log = new AppendLog(files, Name, 7, 16, 10);
            Assert.AreEqual((int)AppendLogContent.Foreign, (int)log.Open());
            Assert.IsTrue(log.MustRewrite, "never appended to");
            FakeFileStore cut = new FakeFileStore();
            byte[] header = new byte[16];
            AppendLog source = new AppendLog(cut, Name, 7, 16, 10);
            source.Rewrite(source.RewriteBuffer(0));
            Array.Copy(cut.Content(Name), header, 16);
            for (int n = 1; n < 16; n++)
            {
                byte[] prefix = new byte[n];
                Array.Copy(header, prefix, n);
                cut.Plant(Name, prefix);
                AppendLog torn = new AppendLog(cut, Name, 7, 16, 10);
                Assert.AreEqual((int)AppendLogContent.None, (int)torn.Open(), n + " bytes of a header");
                Assert.AreEqual(1, torn.Damaged);
            }
        }

        [TestMethod]
        public void An_append_whose_sync_failed_makes_the_next_write_a_rewrite_so_no_entry_is_kept_twice()
        {
            FakePowerLine power = new FakePowerLine();
            FakeFileStore files = new FakeFileStore(power);
            AppendLog log = new AppendLog(files, Name, 7, 16, 3);
            log.Open();
            log.Rewrite(log.RewriteBuffer(0));
            power.CutAtWrite = power.Writes + 1;
            Assert.ThrowsException(typeof(FakePowerCutException), () => log.Append(Entry(1)));

            // The store's way of writing: a rewrite holds every live entry, an append adds one.
            for (byte value = 1; value <= 3; value++)
            {
                if (log.MustRewrite)
                {
                    byte[] all = log.RewriteBuffer(value);
                    for (byte k = 1; k <= value; k++) Array.Copy(Entry(k), 0, all, log.EntryOffset(k - 1), 16);
                    log.Rewrite(all);
                }
                else
                {
                    log.Append(Entry(value));
                }
            }

            Assert.IsTrue(files.Length(Name) <= log.MaxFileBytes, "the file holds " + files.Length(Name).ToString() + " bytes, its budget is " + log.MaxFileBytes.ToString());
            AppendLog again = new AppendLog(files, Name, 7, 16, 3);
            again.Open();
            Assert.AreEqual(3, again.Entries, "each entry once");
            byte[] e = new byte[16];
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(again.Read(i, e));
                Assert.AreEqual((byte)(i + 1), e[0]);
            }
        }

        private static AppendLog Started(FakeFileStore files)
        {
            AppendLog log = new AppendLog(files, Name, 7, 16, 10);
            log.Open();
            log.Rewrite(log.RewriteBuffer(0));
            return log;
        }

        private static byte[] Entry(byte value)
        {
            byte[] e = new byte[16];
            e[0] = value;
            e[7] = (byte)(value * 3);
            return e;
        }
    }
}
