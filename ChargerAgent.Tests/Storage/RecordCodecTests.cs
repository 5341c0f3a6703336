using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class RecordCodecTests
    {
        internal static Record Sample()
        {
            Record r = new Record();
            r.Seq = 7;
            r.SeqCount = 1;
            r.Start = 1643711400;
            r.DurationSeconds = 1800;
            r.Wh = 3456;
            r.Session = 42;
            r.ConfidencePercent = 100;
            r.Flags = RecordFlags.SessionEnd;
            return r;
        }

        [TestMethod]
        public void Crc16_matches_the_published_check_value_of_ccitt_false()
        {
            byte[] digits = new byte[] { (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9' };
            Assert.AreEqual((ushort)0x29B1, Crc16.Compute(digits, 0, digits.Length));
        }

        [TestMethod]
        public void A_record_and_its_share_of_a_4_KB_segment_fit_in_22_bytes()
        {
            int slots = SegmentFormat.SlotsPerSegment(4096);
            Assert.AreEqual(203, slots);
            Assert.IsTrue(RecordCodec.Size <= 22);
            Assert.IsTrue(4096 <= 22 * slots);
        }

        [TestMethod]
        public void Every_field_survives_a_round_trip_with_the_implied_seq()
        {
            Record r = Sample();
            byte[] buffer = new byte[RecordCodec.Size + 3];
            RecordCodec.Encode(ref r, buffer, 3);
            Record back = new Record();
            Assert.IsTrue(RecordCodec.TryDecode(buffer, 3, 99, ref back));
            Assert.AreEqual((uint)99, back.Seq);
            Assert.AreEqual((ushort)1, back.SeqCount);
            Assert.AreEqual(r.Start, back.Start);
            Assert.AreEqual(r.DurationSeconds, back.DurationSeconds);
            Assert.AreEqual(r.Wh, back.Wh);
            Assert.AreEqual(r.Session, back.Session);
            Assert.AreEqual(r.ConfidencePercent, back.ConfidencePercent);
            Assert.AreEqual((byte)r.Flags, (byte)back.Flags);
        }

        [TestMethod]
        public void Boot_relative_and_coalesced_records_keep_boot_and_seq_count()
        {
            Record r = Sample();
            r.Flags = RecordFlags.BootRelativeTime;
            r.Boot = 513;
            r.Start = 12;
            byte[] buffer = new byte[RecordCodec.Size];
            RecordCodec.Encode(ref r, buffer, 0);
            Record back = new Record();
            Assert.IsTrue(RecordCodec.TryDecode(buffer, 0, 5, ref back));
            Assert.AreEqual((ushort)513, back.Boot);
            Assert.IsTrue(back.IsBootRelative);

            r = Sample();
            r.Flags = RecordFlags.Coalesced;
            r.SeqCount = 300;
            RecordCodec.Encode(ref r, buffer, 0);
            Assert.IsTrue(RecordCodec.TryDecode(buffer, 0, 5, ref back));
            Assert.AreEqual((ushort)300, back.SeqCount);
            Assert.AreEqual((uint)304, back.LastSeq);
        }

        [TestMethod]
        public void Every_single_flipped_bit_is_detected()
        {
            Record r = Sample();
            byte[] buffer = new byte[RecordCodec.Size];
            RecordCodec.Encode(ref r, buffer, 0);
            Record back = new Record();
            for (int bit = 0; bit < RecordCodec.Size * 8; bit++)
            {
                buffer[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.IsFalse(RecordCodec.TryDecode(buffer, 0, 1, ref back), "bit " + bit);
                buffer[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Assert.IsTrue(RecordCodec.TryDecode(buffer, 0, 1, ref back));
        }

        [TestMethod]
        public void Zeros_and_erased_bytes_are_not_records()
        {
            byte[] buffer = new byte[RecordCodec.Size];
            Record back = new Record();
            Assert.IsFalse(RecordCodec.TryDecode(buffer, 0, 1, ref back));
            for (int i = 0; i < buffer.Length; i++) buffer[i] = 0xFF;
            Assert.IsFalse(RecordCodec.TryDecode(buffer, 0, 1, ref back));
        }

        [TestMethod]
        public void Fields_beyond_the_slot_widths_are_refused()
        {
            Record r = Sample();
            r.Session = RecordCodec.MaxSession + 1;
            Assert.IsFalse(RecordCodec.CanEncode(ref r));
            r = Sample();
            r.DurationSeconds = Record.MaxDurationSeconds + 1;
            Assert.IsFalse(RecordCodec.CanEncode(ref r));
            r = Sample();
            r.Flags = RecordFlags.Coalesced | RecordFlags.BootRelativeTime;
            r.SeqCount = 2;
            Assert.IsFalse(RecordCodec.CanEncode(ref r));
            r = Sample();
            r.Start = RecordCodec.MaxStart + 1;
            Assert.IsFalse(RecordCodec.CanEncode(ref r));
            byte[] buffer = new byte[RecordCodec.Size];
            Assert.ThrowsException(typeof(System.ArgumentException), () => RecordCodec.Encode(ref r, buffer, 0));
        }

        [TestMethod]
        public void Segment_names_carry_the_first_seq_in_hex()
        {
            Assert.AreEqual("r00000001.seg", SegmentFormat.Name(1, false));
            Assert.AreEqual("r0000abcd.sec", SegmentFormat.Name(0xABCD, true));
            uint first;
            bool alternate;
            Assert.IsTrue(SegmentFormat.TryParseName("r0000abcd.sec", out first, out alternate));
            Assert.AreEqual((uint)0xABCD, first);
            Assert.IsTrue(alternate);
            Assert.IsFalse(SegmentFormat.TryParseName("cpa.bin", out first, out alternate));
            Assert.IsFalse(SegmentFormat.TryParseName("r0000ABCD.seg", out first, out alternate));
        }
    }
}
