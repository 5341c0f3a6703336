using System;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Tests.Storage
{
    /// <summary>
    /// The bytes of every small file the agent keeps on flash as the firmware before the shared
    /// append log wrote them (commit 3359b87): the cost store, the side records, the boot epochs, the
    /// session ids and the checkpoint. A board updated from that firmware finds exactly these
    /// formats; the tests that load them prove an update loses nothing. Generated once, from fixed
    /// scenarios, by the program in LegacyFileFixtures.md (the command is there); never edit by hand.
    /// </summary>
    public static class LegacyFileFixtures
    {
        /// <summary>upload-costs.bin: costs of Seqs 1-4 (sessions 4 and 5, Seq 3 without a cost), session 4 ended and checked, session 5 ended (168 bytes).</summary>
        public const string CostsAppended =
            "01010000010000000400000060e316000000000049679b0c01010000020000000400000020a1070000000000f1df87e4" +
            "0100000003000000040000000000000000000000030592560200000000000000040000000000000000000000336e68d0" +
            "01010000040000000500000090d003000000000085bb654a0300000000000000040000000000000000000000e2c81a1e" +
            "020000000000000005000000000000000000000002fedbfc";

        /// <summary>upload-costs.bin: the same rewritten at SentUpTo 2 (format 2), then the cost of Seq 5 (session 6) appended (144 bytes).</summary>
        public const string CostsRewritten =
            "0500020002000000000000000200000000000000d230c11004030000020000000400000080841e00000000004cf28624" +
            "04010000000000000500000000000000000000007362da5e010000000300000004000000000000000000000003059256" +
            "01010000040000000500000090d003000000000085bb654a0101000005000000060000002a000000000000004611d5e3";

        /// <summary>upload-side.bin: Seqs 10 and 12 quarantined then released (set aside), 11 set aside then removed, 15 set aside (boot-relative), 20 quarantined (288 bytes).</summary>
        public const string SideRecords =
            "010001000a00000080da2c6900000000080700000000d2040000070000006400929cd244020101000b00000088e12c69" +
            "0000000008070000000063000000070000005a001d98d969010603000c00000090e82c6900000000181500000000ffff" +
            "ffff080000000a00b76ccd98030101000b00000088e12c690000000008070000000063000000070000005a0080177986" +
            "023801000f000000805101000000000008070000030000000000ffffff003700c3f4b273020001000a00000080da2c69" +
            "00000000080700000000d2040000070000006400f1c39e2d020603000c00000090e82c6900000000181500000000ffff" +
            "ffff080000000a00787b73090100010014000000800c2d69000000003c00000000000500000009000000640047c3ac5d";

        /// <summary>epochs.bin: boot 1 at 1764547200 measured, boot 2 at 1764633600 estimated then 1764633611 measured, boot 65535 at -5 measured (64 bytes).</summary>
        public const string Epochs =
            "0100010080da2c6900000000ef7dd63302000200002c2e6900000000fd8f284e020001000b2c2e6900000000730c8cd0" +
            "ffff0100fbffffffffffffff5dd82525";

        /// <summary>sessions.txt: session 1 alpha, 2 bravo-2 then bravo_3, 4000000000 a 64-character id (104 bytes).</summary>
        public const string SessionIds =
            "3120616c7068610a3220627261766f2d320a3220627261766f5f330a34303030303030303030207a7a7a7a7a7a7a7a7a" +
            "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a" +
            "7a7a7a7a7a7a390a";

        /// <summary>cpa.bin: the first full save (save 1) (170 bytes).</summary>
        public const string CheckpointA =
            "4341435001009c0001000000d4c3b2a1e9030000de030000d40300000c0000000c00000080da2c690000000000000040" +
            "e20100000000006ce2010000000000e4da2c6900000000090020222c69000000000000020700000000000000100e0000" +
            "0000000001000000b8d92c6900000000090020222c69000000000101809b2a690000000090c22a690000000032000000" +
            "000000000b0000009f860100000000003c860100000000006d67";

        /// <summary>cpb.bin: the second full save (NextSeq 1002, SentUpTo 990) (170 bytes).</summary>
        public const string CheckpointB =
            "4341435001009c0002000000d4c3b2a1ea030000de030000de0300000c0000000c00000080da2c690000000000000040" +
            "e20100000000006ce2010000000000e4da2c6900000000090020222c69000000000000020700000000000000100e0000" +
            "0000000001000000b8d92c6900000000090020222c69000000000101809b2a690000000090c22a690000000032000000" +
            "000000000b0000009f860100000000003c86010000000000e111";

        /// <summary>cda.bin: the third save, a delta (LastMeterWh 123520, SavedAt 1764547400, MeteredWh 100019) (38 bytes).</summary>
        public const string CheckpointDelta =
            "4341444c0104000003000000020000000a000000800c000000480ddb2c690023b38601007148";

        /// <summary>True when the file starts with an append log header of the store's format <paramref name="version"/> (SPEC.md, "Append log").</summary>
        public static bool IsAppendLog(IFileStore files, string name, int version)
        {
            byte[] head = new byte[6];
            if (files.Read(name, 0, head, 0, head.Length) != head.Length) return false;
            return head[0] == 0x43 && head[1] == 0x41 && head[2] == 0x4C && head[3] == 0x47 && head[4] == AppendLog.LogVersion && head[5] == version;
        }

        /// <summary>The bytes a hex string stands for (two lowercase digits a byte).</summary>
        public static byte[] Bytes(string hex)
        {
            if (hex == null || hex.Length % 2 != 0) throw new ArgumentException("hex needs two digits a byte");
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(Digit(hex[2 * i]) << 4 | Digit(hex[2 * i + 1]));
            return bytes;
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            throw new ArgumentException("not a hex digit: " + c);
        }
    }
}
