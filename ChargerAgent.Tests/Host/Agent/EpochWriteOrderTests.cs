using System;
using System.Collections.Generic;
using ChargerAgent.Core;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Tests.Host.Runtime;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Agent
{
    /// <summary>
    /// The first clock sync of a boot writes the epoch of its timeline and the checkpoint: a power
    /// cut at every one of those writes must leave one epoch per timeline and no overlapping periods.
    /// </summary>
    [TestClass]
    public class EpochWriteOrderTests
    {
        private static PowerCutRig NewWorld() => new PowerCutRig(7, rig => new AgentRuntime(new AgentOptions { DeviceId = "cut-test" }, null,
            new RingOptions(), rig.Clock, rig.Meter, rig.Flash, null, new PowerCutRig.Constant(0x51ed)));

        private static Dictionary<ushort, HashSet<long>> EpochEntries(byte[] file)
        {
            var byBoot = new Dictionary<ushort, HashSet<long>>();
            // the append log's header entry first, then entries ending in their CRC-16 (SPEC.md, "Append log")
            for (int p = BootEpochLog.EntryBytes; file != null && p + BootEpochLog.EntryBytes <= file.Length; p += BootEpochLog.EntryBytes)
            {
                if (BitConverter.ToUInt16(file, p + 14) != Crc16.Compute(file, p, 14)) continue;
                ushort boot = (ushort)(file[p] | file[p + 1] << 8);
                long epoch = BitConverter.ToInt64(file, p + 4);
                if (!byBoot.TryGetValue(boot, out HashSet<long> set)) byBoot[boot] = set = new HashSet<long>();
                set.Add(epoch);
            }

            return byBoot;
        }

        [TestMethod]
        public void A_cut_at_any_write_of_the_first_clock_sync_leaves_one_epoch_per_timeline_and_no_overlap()
        {
            int cutsTried = 0;
            for (int k = 0; k < 40; k++)
            {
                var world = NewWorld();
                world.Boot();
                world.Run(2000, 0);
                world.Clock.Sync();
                world.Board.CutAt(k + 1);
                bool cut = world.Run(30, 600);
                if (!cut) break;
                cutsTried++;
                world.Run(120, 0);
                world.Clock.Sync();
                world.Run(4000, 0);

                foreach (var pair in EpochEntries(world.Flash.Content(BootEpochLog.FileName)))
                {
                    Assert.AreEqual(1, pair.Value.Count, $"cut at write {k} of the sync: boot {pair.Key}'s timeline has {pair.Value.Count} epochs");
                }

                var epochs = new BootEpochLog(world.Flash);
                RecordRing ring = world.Runtime.Ring;
                var all = new Record[4096];
                int n = ring.Read(1, all, 0, all.Length);
                long lastEnd = long.MinValue;
                for (int i = 0; i < n; i++)
                {
                    Record r = all[i];
                    long start = r.Start;
                    if (r.IsBootRelative)
                    {
                        Assert.IsTrue(epochs.TryGetEpoch(r.Boot, out long epoch, out bool _), $"cut at write {k}: no epoch for Seq {r.Seq} of boot {r.Boot} ({r.Start}+{r.DurationSeconds}); epochs for {string.Join(",", EpochEntries(world.Flash.Content(BootEpochLog.FileName)).Keys)}; boot now {world.Runtime.Agent.Boot}, pending {world.Runtime.Agent.State.PendingEpochBoot}");
                        start += epoch;
                    }

                    Assert.IsTrue(start >= lastEnd, $"cut at write {k}: Seq {r.Seq} starts at {start}, before the end of the one before ({lastEnd})");
                    lastEnd = start + r.DurationSeconds;
                }
            }

            Assert.IsTrue(cutsTried >= 3, "the sync made too few writes to cut: " + cutsTried);
        }
    }
}
