using System.IO;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// Checkpoint slots written by the firmware from before the split of the agent's checkpoint and
    /// the delivery's watermarks (Fixtures/checkpoint-v1): today's store reads both records from them.
    /// </summary>
    [TestClass]
    public sealed class CheckpointFormatFixtureTests
    {
        private static MemoryFileStore FixtureFiles()
        {
            var files = new MemoryFileStore();
            string dir = RepositoryPaths.Combine("ChargerAgent.Tests", "Host", "Storage", "Fixtures", "checkpoint-v1");
            foreach (string name in new[] { "cpa.bin", "cpb.bin", "cda.bin" })
            {
                byte[] bytes = File.ReadAllBytes(Path.Combine(dir, name));
                files.Write(name, bytes, 0, bytes.Length);
            }

            return files;
        }

        [TestMethod]
        public void A_checkpoint_written_by_the_firmware_before_the_split_loads_with_its_agent_state_and_its_watermarks()
        {
            var store = new CheckpointStore(FixtureFiles());
            var state = new Checkpoint();
            Assert.IsTrue(store.TryLoad(state, out string problem), "not loaded: " + problem);
            var marks = new DeliveryWatermarks();
            Assert.IsTrue(store.TryLoad(marks));

            Assert.AreEqual(0x5EEDF00Du, state.Generation);
            Assert.AreEqual(1234u, state.NextSeq);
            Assert.AreEqual(41u, state.SessionCounter);
            Assert.AreEqual(41u, state.OpenSession);
            Assert.AreEqual(1709161200L, state.IntervalStart);
            Assert.AreEqual(9876543L, state.IntervalBaselineWh);
            Assert.AreEqual(9876620L, state.LastMeterWh, "the delta on the newest full save");
            Assert.AreEqual(1709161560L, state.SavedAt);
            Assert.AreEqual((ushort)17, state.BootCount);
            Assert.AreEqual(1709150000L, state.BootEpoch);
            Assert.AreEqual(RebootReason.Watchdog, state.LastRebootReason);
            Assert.AreEqual(40UL, state.UnaccountedWhBound);
            Assert.AreEqual(65UL, state.UnseenSeconds);
            Assert.AreEqual(1709161200L, state.UtcFloor);
            Assert.AreEqual(123476UL, state.MeteredWh);
            Assert.AreEqual(123399UL, state.RecordedWh);

            Assert.AreEqual(0x5EEDF00Du, marks.Generation);
            Assert.AreEqual(1220u, marks.AttemptedUpTo);
            Assert.AreEqual(1218u, marks.SentUpTo);
        }

        [TestMethod]
        public void Each_owner_saving_into_an_old_checkpoint_keeps_the_other_owners_record()
        {
            MemoryFileStore files = FixtureFiles();
            var store = new CheckpointStore(files);
            var state = new Checkpoint();
            Assert.IsTrue(store.TryLoad(state, out _));
            var marks = new DeliveryWatermarks();
            Assert.IsTrue(store.TryLoad(marks));

            state.NextSeq = 1240;
            store.Save(state);
            marks.SentUpTo = 1225;
            marks.AttemptedUpTo = 1228;
            store.Save(marks);

            var reloaded = new CheckpointStore(files);
            var state2 = new Checkpoint();
            var marks2 = new DeliveryWatermarks();
            Assert.IsTrue(reloaded.TryLoad(state2, out _));
            Assert.IsTrue(reloaded.TryLoad(marks2));
            Assert.AreEqual(1240u, state2.NextSeq);
            Assert.AreEqual(9876620L, state2.LastMeterWh);
            Assert.AreEqual(1225u, marks2.SentUpTo);
            Assert.AreEqual(1228u, marks2.AttemptedUpTo);
        }
    }
}
