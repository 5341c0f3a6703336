using ChargerAgent.Core;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Runtime
{
    [TestClass]
    public class AgentRuntimeRecoveryTests
    {
        private sealed class FixedRandom : IRandomSource
        {
            public uint NextUInt32()
            {
                return 0x2468ace0;
            }
        }

        private static AgentRuntime Open(FakeFileStore files, FakeClock clock, FakeMeter meter)
        {
            AgentOptions options = new AgentOptions();
            options.DeviceId = "test-1";
            RingOptions ring = new RingOptions();
            ring.SegmentBytes = 1024;
            AgentRuntime runtime = new AgentRuntime(options, null, ring, clock, meter, files, null, new FixedRandom());
            runtime.Tick();
            return runtime;
        }

        private static void Run(AgentRuntime runtime, FakeClock clock, FakeMeter meter, long seconds)
        {
            for (long i = 0; i < seconds; i++)
            {
                clock.Monotonic += 1000;
                clock.Utc++;
                meter.TotalWh++;
                runtime.Tick();
            }
        }

        [TestMethod]
        public void A_lost_newest_segment_never_makes_a_Seq_be_used_again()
        {
            FakeFileStore files = new FakeFileStore();
            FakeClock clock = new FakeClock();
            clock.Utc = CivilTime.ToUnixSeconds(2022, 2, 1, 0, 0, 0);
            clock.Trusted = true;
            FakeMeter meter = new FakeMeter(true);
            meter.TotalWh = 1000;
            AgentRuntime runtime = Open(files, clock, meter);
            Run(runtime, clock, meter, 70 * 1800L);
            uint newest = runtime.Ring.NextSeq - 1;
            Assert.IsTrue(runtime.Ring.SegmentCount >= 2, "the test needs two segments: " + runtime.Ring.SegmentCount + " for " + newest + " records, " + runtime.Ring.SlotsPerSegment + " slots each");

            // Everything so far was acknowledged; then the newest segment file is lost.
            runtime.Watermarks.SentUpTo = newest;
            runtime.Watermarks.AttemptedUpTo = newest;
            runtime.Checkpoints.Save(runtime.Watermarks);
            uint newestFirst = 0;
            string newestName = null;
            string[] names = files.List();
            for (int i = 0; i < names.Length; i++)
            {
                if (SegmentFormat.TryParseName(names[i], out uint first, out bool alternate) && first >= newestFirst)
                {
                    newestFirst = first;
                    newestName = names[i];
                }
            }

            files.Delete(newestName);
            clock.Monotonic = 0;
            runtime = Open(files, clock, meter);
            Run(runtime, clock, meter, 3 * 1800L);
            Record[] one = new Record[1];
            Assert.IsTrue(runtime.Ring.Read(newest + 1, one, 0, 1) == 1, "no record above the acknowledged ones");
            Assert.IsTrue(one[0].Seq > newest, "Seq " + one[0].Seq + " reused (acknowledged up to " + newest + ")");
            Assert.IsTrue(runtime.Agent.State.NextSeq > newest + 1);
        }
    }
}
