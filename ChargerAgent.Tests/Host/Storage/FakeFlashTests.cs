using System;
using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Host.Storage;
using ChargerAgent.Simulation.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    [TestClass]
    public class FakeFlashTests
    {
        [TestMethod]
        public void A_cut_append_keeps_only_a_prefix_of_the_unflushed_bytes()
        {
            var flash = new FakeFlash(3);
            flash.Append("a", new byte[] { 1, 2, 3 }, 0, 3);
            flash.Flush("a");
            flash.CutAfterOperations = flash.Counters.Operations;
            flash.TearKeepBytes = 2;
            Assert.ThrowsExactly<PowerCutException>(() => flash.Append("a", new byte[] { 4, 5, 6, 7 }, 0, 4));
            Assert.ThrowsExactly<PowerCutException>(() => flash.Length("a"));
            flash.PowerOn();
            CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 5 }, flash.Content("a"));
        }

        [TestMethod]
        public void A_cut_before_a_flush_can_lose_every_unflushed_byte()
        {
            var flash = new FakeFlash(3);
            flash.Append("a", new byte[] { 1 }, 0, 1);
            flash.Flush("a");
            flash.Append("a", new byte[] { 2 }, 0, 1);
            flash.CutAfterOperations = flash.Counters.Operations;
            flash.TearKeepBytes = 0;
            Assert.ThrowsExactly<PowerCutException>(() => flash.Flush("a"));
            flash.PowerOn();
            CollectionAssert.AreEqual(new byte[] { 1 }, flash.Content("a"));
        }

        [TestMethod]
        public void Appending_after_a_sync_copies_the_partly_filled_last_block()
        {
            var flash = new FakeFlash(3);
            byte[] kilobyte = new byte[1024];
            flash.Append("f", kilobyte, 0, kilobyte.Length);
            flash.Flush("f");
            FlashCounters before = flash.Counters.Snapshot();
            flash.Append("f", kilobyte, 0, 20);
            flash.Flush("f");
            Assert.AreEqual(1, flash.Counters.BlocksErased - before.BlocksErased);
            Assert.IsTrue(flash.Counters.BytesProgrammed - before.BytesProgrammed >= 1024 + 20);
            Assert.AreEqual(1, flash.Counters.Syncs - before.Syncs);
        }

        [TestMethod]
        public void Small_files_live_in_metadata_and_fill_it_until_a_compaction()
        {
            var flash = new FakeFlash(3);
            byte[] slot = new byte[CheckpointCodec.Size];
            for (int i = 0; i < 200; i++)
            {
                flash.Write(i % 2 == 0 ? "cpa.bin" : "cpb.bin", slot, 0, slot.Length);
                flash.Flush(i % 2 == 0 ? "cpa.bin" : "cpb.bin");
            }

            Assert.AreEqual(200, flash.Counters.Syncs);
            Assert.IsTrue(flash.Counters.Compactions > 0);
            Assert.AreEqual(flash.Counters.Compactions, flash.Counters.BlocksErased);
        }

        [TestMethod]
        public void The_ring_works_over_a_desktop_directory()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ring-" + Guid.NewGuid().ToString("N"));
            try
            {
                var store = new DirectoryFileStore(dir);
                RecordRing ring = RecordRing.Open(store, new RingOptions(), new SystemRandomSource(5));
                for (int i = 0; i < 250; i++)
                {
                    var r = new Record { Start = 1643711400 + i * 1800L, DurationSeconds = 1800, Wh = (uint)i, Session = 1, ConfidencePercent = 100 };
                    ring.Append(ref r, 0);
                }

                var cp = new CheckpointStore(store);
                cp.Save(new Checkpoint { NextSeq = ring.NextSeq, Generation = ring.Generation });
                RecordRing again = RecordRing.Open(new DirectoryFileStore(dir), new RingOptions(), new SystemRandomSource(6));
                Assert.AreEqual(250, again.Count);
                Assert.AreEqual(ring.Generation, again.Generation);
                Assert.IsFalse(again.Recovery.HasProblems, again.Recovery.ToString());
                var loaded = new Checkpoint();
                Assert.IsTrue(new CheckpointStore(new DirectoryFileStore(dir)).TryLoad(loaded, out _));
                Assert.AreEqual(ring.NextSeq, loaded.NextSeq);
                Assert.AreEqual(4084L, new FileInfo(Path.Combine(dir, "r00000001.seg")).Length);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
