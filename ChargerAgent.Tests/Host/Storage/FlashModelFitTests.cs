using System;
using System.IO;
using System.Linq;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// The flash model held to real littlefs: each committed trace (recorded with
    /// <c>simulate --flash-trace</c>) was replayed on littlefs v2.11.2 built with the board's
    /// settings (read/prog 128, cache 512, lookahead 128, block_cycles 512, 8-byte mtime, 64 blocks of
    /// 4 KB, 4 blocks of device files), emulating the board's file layer; the figures below are what
    /// that replay counted. The model must stay within 10 % of every one.
    /// </summary>
    [TestClass]
    public class FlashModelFitTests
    {
        private const double Tolerance = 0.10;

        /// <summary>Trace, then real littlefs v2.11.2: blocks erased, bytes programmed, erases of the most-worn block.</summary>
        internal static (string Trace, long Erases, long Bytes, long MostWorn)[] RealFigures => Real;

        private static readonly (string Trace, long Erases, long Bytes, long MostWorn)[] Real =
        {
            ("register-3d.trace", 290, 822_272, 48),
            ("s0-2d.trace", 805, 2_981_120, 314),
        };

        [TestMethod]
        public void The_model_comes_within_ten_percent_of_real_littlefs_on_every_committed_trace()
        {
            foreach (var real in Real)
            {
                FlashTraceFigures model = Replay(real.Trace);
                System.Console.WriteLine($"{real.Trace}: erases {model.Erases} (littlefs {real.Erases}), bytes programmed {model.BytesProgrammed} (littlefs {real.Bytes}), most-worn block {model.MostWornErases} (littlefs {real.MostWorn})");
                Within(real.Trace, "blocks erased", real.Erases, model.Erases);
                Within(real.Trace, "bytes programmed", real.Bytes, model.BytesProgrammed);
                Within(real.Trace, "most-worn block", real.MostWorn, model.MostWornErases);
            }
        }

        [TestMethod]
        public void The_committed_traces_stay_small()
        {
            long total = Real.Sum(r => new FileInfo(TracePath(r.Trace)).Length);
            Assert.IsTrue(total < 1_000_000, $"committed traces take {total} bytes");
        }

        [TestMethod]
        public void A_recorded_trace_replays_to_the_costs_the_fake_flash_charged()
        {
            var flash = new FakeFlash(3);
            var text = new StringWriter();
            long now = 0;
            var recorder = new FlashTraceRecorder(flash, text, () => now, withData: false);
            var buffer = new byte[700];
            for (int i = 0; i < 300; i++)
            {
                now += 60;
                recorder.Append("r00000001.seg", buffer, 0, 20);
                recorder.Flush("r00000001.seg");
                recorder.Write("cpa.bin", buffer, 0, 170);
                recorder.Flush("cpa.bin");
                recorder.Read("r00000001.seg", 0, buffer, 0, 20);
                if (i % 50 == 49) recorder.Delete("r00000001.seg");
            }

            FlashTraceFigures replayed = FlashTraceReplay.Run(new StringReader(text.ToString()));
            Assert.AreEqual(flash.Counters.BlocksErased, replayed.Erases);
            Assert.AreEqual(flash.Counters.BytesProgrammed, replayed.BytesProgrammed);
            Assert.AreEqual(flash.FileSystem.MostWornErases, replayed.MostWornErases);
        }

        [TestMethod]
        public void A_line_that_is_not_of_the_format_is_named_by_its_number()
        {
            var e = Assert.ThrowsExactly<FormatException>(() => FlashTraceReplay.Run(new StringReader(FlashTraceRecorder.Header + "\nA r00000001.seg\n")));
            StringAssert.StartsWith(e.Message, "line 2:");
            e = Assert.ThrowsExactly<FormatException>(() => FlashTraceReplay.Run(new StringReader("hello\n")));
            StringAssert.StartsWith(e.Message, "line 1: not a flash trace");
        }

        internal static FlashTraceFigures Replay(string trace)
        {
            using var reader = new StreamReader(TracePath(trace));
            return FlashTraceReplay.Run(reader);
        }

        internal static string TracePath(string trace) => RepositoryPaths.Combine("ChargerAgent.Tests", "Host", "Storage", "Traces", trace);

        private static void Within(string trace, string figure, long real, long model)
        {
            double off = Math.Abs(model - real) / (double)real;
            Assert.IsTrue(off <= Tolerance, $"{trace}: the model's {figure} is {model}, real littlefs {real} ({off:P1} off, at most {Tolerance:P0})");
        }
    }
}
