using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    [TestClass]
    public class AgentSyncFaultTests
    {
        private static long UtcStart(Record r, long epoch)
        {
            return r.IsBootRelative ? r.Start + epoch : r.Start;
        }

        private static long UtcEnd(Record r, long epoch)
        {
            return r.IsBootRelative ? r.End + epoch : r.End;
        }

        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        [TestMethod]
        public void A_clock_sync_that_a_full_flash_interrupts_is_finished_later_with_the_same_epoch_and_no_overlap()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            // Down for three hours (the meter counts 3 Wh a second meanwhile); the clock is not known at boot.
            rig.Reboot(3 * 3600, 3 * 3600 * 3, false);
            ushort timeline = rig.Agent.State.TimelineBoot;
            rig.Run(2400, 1);

            // The clock becomes known while the flash is full: the sync's cut and the downtime's first record
            // are appended, then the flash refuses.
            rig.Ring.FailAfterAppends = 2;
            rig.Clock.Trusted = true;
            bool threw = false;
            try
            {
                rig.Run(1, 1);
            }
            catch (IOException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
            Assert.IsTrue(rig.Agent.MayStillLearnEpoch(timeline), "an unfinished sync must not let the epoch be estimated");
            for (int i = 0; i < 5; i++)
            {
                try
                {
                    rig.Run(1, 1);
                }
                catch (IOException)
                {
                }
            }

            rig.Ring.FailAfterAppends = -1;
            rig.Run(3600, 1);

            Assert.IsFalse(rig.Agent.MayStillLearnEpoch(timeline));
            long epoch;
            bool estimated;
            Assert.IsTrue(rig.Agent.Epochs.TryGetEpoch(timeline, out epoch, out estimated), "the epoch is logged");
            Assert.IsFalse(rig.Agent.State.DowntimePending, "the downtime is spread");
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    Assert.IsTrue(UtcEnd(rig.At(j), epoch) <= UtcStart(rig.At(i), epoch) || UtcEnd(rig.At(i), epoch) <= UtcStart(rig.At(j), epoch),
                        "Seq " + rig.At(i).Seq + " overlaps Seq " + rig.At(j).Seq);
                }
            }

            Assert.AreEqual((ulong)(rig.Ring.TotalWh() + rig.Agent.OpenIntervalWh), (ulong)(600 + 3 * 3600 * 3 + 2400 + 6 + 3600));
            Assert.AreEqual(0u, rig.Agent.State.Violations);
        }
    }
}
