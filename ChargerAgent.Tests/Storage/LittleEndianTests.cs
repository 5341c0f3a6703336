using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class LittleEndianTests
    {
        [TestMethod]
        public void A_64_bit_value_is_written_least_significant_byte_first()
        {
            byte[] b = new byte[10];
            LittleEndian.WriteInt64(b, 1, 0x0102030405060708);
            byte[] expected = new byte[] { 0, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
            for (int i = 0; i < b.Length; i++) Assert.AreEqual(expected[i], b[i], "byte " + i);
        }

        [TestMethod]
        public void A_negative_64_bit_value_reads_back_as_written()
        {
            byte[] b = new byte[8];
            LittleEndian.WriteInt64(b, 0, -2);
            for (int i = 1; i < 8; i++) Assert.AreEqual((byte)0xFF, b[i], "byte " + i);
            Assert.AreEqual((byte)0xFE, b[0]);
            Assert.AreEqual(-2L, LittleEndian.ReadInt64(b, 0));
            LittleEndian.WriteInt64(b, 0, long.MinValue);
            Assert.AreEqual(long.MinValue, LittleEndian.ReadInt64(b, 0));
        }

        [TestMethod]
        public void The_entry_checksum_is_32_bit_FNV_1a_in_the_last_four_bytes()
        {
            // FNV-1a of the one byte 'a' is 0xE40C292C (the published test vector).
            byte[] entry = new byte[] { (byte)'a', 0, 0, 0, 0 };
            Fnv1aChecksum.Put(entry, entry.Length);
            Assert.AreEqual(0xE40C292Cu, LittleEndian.ReadUInt32(entry, 1));
            Assert.IsTrue(Fnv1aChecksum.IsValid(entry, entry.Length));
            entry[0] = (byte)'b';
            Assert.IsFalse(Fnv1aChecksum.IsValid(entry, entry.Length));
        }
    }
}
