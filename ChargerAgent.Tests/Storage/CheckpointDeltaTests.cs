using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class CheckpointDeltaTests
    {
        private static Checkpoint Progress(uint n, long wh)
        {
            Checkpoint c = CheckpointStoreTests.Sample(n);
            c.LastMeterWh = wh;
            c.MeteredWh = (ulong)wh;
            c.SavedAt = 1643711999 + wh;
            return c;
        }

        [TestMethod]
        public void A_save_that_only_moves_the_meter_is_a_small_delta_and_loads_back_whole()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Progress(1, 0));
            for (long wh = 20; wh <= 400; wh += 20) store.Save(Progress(1, wh));
            Assert.AreEqual(20L, store.DeltaSaves);
            Assert.IsTrue(files.Content(CheckpointStore.DefaultDeltaA).Length <= CheckpointDelta.MaxSize);
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            CheckpointStoreTests.AssertSame(Progress(1, 400), loaded);
        }

        [TestMethod]
        public void A_save_that_changes_a_watermark_is_written_whole()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Progress(1, 0));
            store.Save(Progress(2, 20));
            Assert.AreEqual(0L, store.DeltaSaves);
        }

        [TestMethod]
        public void A_torn_delta_gives_back_the_save_before_it()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Progress(1, 0));
            store.Save(Progress(1, 20));
            store.Save(Progress(1, 40));
            string newest = store.DeltaSaves % 2 == 0 ? CheckpointStore.DefaultDeltaB : CheckpointStore.DefaultDeltaA;
            byte[] whole = files.Content(newest);
            for (int cut = 0; cut < whole.Length; cut++)
            {
                FakeFileStore copy = new FakeFileStore();
                copy.Plant(CheckpointStore.DefaultSlotA, files.Content(CheckpointStore.DefaultSlotA));
                copy.Plant(CheckpointStore.DefaultDeltaA, files.Content(CheckpointStore.DefaultDeltaA));
                byte[] torn = new byte[cut];
                System.Array.Copy(whole, torn, cut);
                copy.Plant(newest, torn);
                Checkpoint loaded = new Checkpoint();
                string problem;
                Assert.IsTrue(new CheckpointStore(copy).TryLoad(loaded, out problem), "cut " + cut.ToString());
                CheckpointStoreTests.AssertSame(Progress(1, 20), loaded);
            }
        }

        [TestMethod]
        public void Full_slots_without_deltas_load_as_before_and_stale_deltas_are_ignored()
        {
            FakeFileStore files = new FakeFileStore();
            CheckpointStore store = new CheckpointStore(files);
            store.Save(Progress(1, 0));
            store.Save(Progress(1, 20));
            store.Save(Progress(2, 40));
            Checkpoint loaded = new Checkpoint();
            string problem;
            Assert.IsTrue(new CheckpointStore(files).TryLoad(loaded, out problem));
            CheckpointStoreTests.AssertSame(Progress(2, 40), loaded);
        }
    }
}
