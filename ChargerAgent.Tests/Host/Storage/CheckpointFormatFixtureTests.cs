using ChargerAgent.Core.Storage;
using ChargerAgent.Tests.Fakes;
using ChargerAgent.Tests.Storage;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// The checkpoint slots written by the firmware from before the split of the agent's checkpoint
    /// and the delivery's watermarks (the one fixture, <see cref="LegacyFileFixtures"/>; what loads
    /// from it is checked by <see cref="LegacyFileTests"/>): each owner saving into them keeps the other's record.
    /// </summary>
    [TestClass]
    public sealed class CheckpointFormatFixtureTests
    {
        [TestMethod]
        public void Each_owner_saving_into_an_old_checkpoint_keeps_the_other_owners_record()
        {
            FakeFileStore files = LegacyFileTests.LegacyCheckpointFiles();
            var store = new CheckpointStore(files);
            var state = new Checkpoint();
            Assert.IsTrue(store.TryLoad(state, out string problem), "not loaded: " + problem);
            var marks = new DeliveryWatermarks();
            Assert.IsTrue(store.TryLoad(marks));
            Assert.AreEqual(990u, marks.SentUpTo, "the fixture's watermarks");

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
            Assert.AreEqual(123520L, state2.LastMeterWh, "the old delta's meter baseline");
            Assert.AreEqual(0xA1B2C3D4u, state2.Generation);
            Assert.AreEqual(1225u, marks2.SentUpTo);
            Assert.AreEqual(1228u, marks2.AttemptedUpTo);
        }
    }
}
