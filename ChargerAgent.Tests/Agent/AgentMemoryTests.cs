using ChargerAgent.Core;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// The whole agent (agent, ring, checkpoints and uploader over in-memory fakes) for a simulated
    /// week of charging: the managed heap it holds after day 1 and after day 7, measured with
    /// nanoFramework.Runtime.Native.GC.Run (free bytes after a full collection), minus the bytes the
    /// fake flash holds. On nanoCLR these are the device's own figures (see docs/DEVICE-TESTS.md).
    /// </summary>
    [TestClass]
    public class AgentMemoryTests
    {
        private const long T0 = 1767225600; // 2026-01-01T00:00:00Z
        private const int StepSeconds = 10;

        [TestMethod]
        public void A_week_of_charging_and_uploading_holds_no_more_heap_after_day_7_than_after_day_1()
        {
            Rig rig = new Rig("mem-1");
            rig.Transport.HistoryLimit = 0;
            rig.Transport.KeepLedger = false;

            uint before = nanoFramework.Runtime.Native.GC.Run(false);
            AgentRuntime runtime = rig.Start(7);

            // Printed only after the week: the test's output must not grow the heap being measured.
            long[] heldAfterDay = new long[8];
            long[] freeAfterDay = new long[8];
            long[] flashAfterDay = new long[8];
            for (int day = 1; day <= 7; day++)
            {
                RunDay(rig, day);
                uint free = nanoFramework.Runtime.Native.GC.Run(false);
                freeAfterDay[day] = free;
                flashAfterDay[day] = FlashBytes(rig.Files);
                heldAfterDay[day] = (long)before - free - flashAfterDay[day];
            }

            for (int day = 1; day <= 7; day++)
            {
                OutputHelper.WriteLine("day " + day + ": agent holds " + heldAfterDay[day] + " bytes of heap (free " + freeAfterDay[day] + ", fake flash " + flashAfterDay[day] + " bytes)");
            }

            OutputHelper.WriteLine("records sent: " + runtime.Uploader.Counters.Acknowledged);

            Assert.IsTrue(runtime.Uploader.Counters.Acknowledged >= 7 * 10, "the week's records went out: " + runtime.Uploader.Counters.Acknowledged);
            Assert.AreEqual(runtime.Uploader.Counters.Acknowledged, rig.Transport.StoredTotal);
            // On .NET the bridge's GC.Run measures the whole test host's heap, which its own threads
            // change at will: the budget holds on nanoFramework, where the launcher is all there is.
            if (!OnNanoFramework())
            {
                OutputHelper.WriteLine("on .NET: the heap figures include the test host's; the budget is checked on nanoFramework");
                return;
            }

            Assert.IsTrue(heldAfterDay[7] <= heldAfterDay[1] + 1024, "the heap grew from " + heldAfterDay[1] + " bytes after day 1 to " + heldAfterDay[7] + " after day 7");
            Assert.IsTrue(heldAfterDay[7] < 64 * 1024, "the agent holds " + heldAfterDay[7] + " bytes (budget 64 KB)");
        }

        [TestMethod]
        public void Five_out_of_memory_uploads_within_ten_minutes_save_the_state_and_ask_for_a_reboot_noted_out_of_memory()
        {
            Rig rig = new Rig("mem-2");
            rig.Transport.OutOfMemoryStarts = Uploader.MemoryFaultLimit;
            AgentRuntime runtime = rig.Start(3);
            for (int i = 0; i < 2 * 3600 / StepSeconds && !runtime.Agent.RebootRequested; i++)
            {
                rig.Step(20, 0);
            }

            Assert.AreEqual(Uploader.MemoryFaultLimit, runtime.Uploader.Counters.OutOfMemory);
            Assert.IsTrue(runtime.Agent.RebootRequested, "the agent asks for the reboot");
            Assert.AreEqual(RebootReason.OutOfMemory, runtime.Agent.RebootRequestReason);
            Assert.AreEqual(RebootReason.OutOfMemory, runtime.Agent.State.LastRebootReason, "the saved state says why");
        }

        /// <summary>The whole agent over in-memory fakes: a trusted clock at <see cref="T0"/>, a register meter, flash and a transport.</summary>
        private sealed class Rig
        {
            public readonly FakeClock Clock = new FakeClock();
            public readonly FakeMeter Meter = new FakeMeter(true);
            public readonly FakeFileStore Files = new FakeFileStore();
            public readonly FakeHttpTransport Transport = new FakeHttpTransport();
            public AgentRuntime Runtime;
            private readonly string device;

            public Rig(string device)
            {
                this.device = device;
                Clock.Utc = T0;
                Clock.Trusted = true;
                Meter.TotalWh = 1000;
            }

            /// <summary>Starts the agent with its uploader, the network up.</summary>
            public AgentRuntime Start(int seed)
            {
                AgentOptions options = new AgentOptions();
                options.DeviceId = device;
                UploadOptions upload = new UploadOptions
                {
                    BaseUrl = "https://api.example.test",
                    AccountId = "acc_661677911f2197045e6cf1b1",
                    ApiKey = "sk_test_MEMORY_abcdef0123456789",
                    LocationId = "loc_641b90b758fb8e6293716e40",
                    ReferenceDeviceId = device,
                };
                Runtime = new AgentRuntime(options, upload, new RingOptions(), Clock, Meter, Files, Transport, new SystemRandomSource(seed));
                Runtime.SetNetworkUp(true);
                return Runtime;
            }

            /// <summary>One tick <see cref="StepSeconds"/> later, <paramref name="wh"/> more on the meter at <paramref name="powerW"/>.</summary>
            public void Step(int wh, int powerW)
            {
                Clock.Utc += StepSeconds;
                Clock.Monotonic += StepSeconds * 1000L;
                Transport.Now = Clock.Monotonic;
                Meter.TotalWh += wh;
                Meter.PowerW = powerW;
                Runtime.Tick();
            }
        }

        /// <summary>One day: two charging sessions of a few kWh, the meter idle in between, uploads as they come.</summary>
        private static void RunDay(Rig rig, int day)
        {
            long dayStart = T0 + (day - 1) * 86400L;
            long end = dayStart + 86400L;
            while (rig.Clock.Utc < end)
            {
                long secondOfDay = rig.Clock.Utc - dayStart;
                bool charging = (secondOfDay >= 7 * 3600 && secondOfDay < 9 * 3600) || (secondOfDay >= 18 * 3600 && secondOfDay < 21 * 3600);
                rig.Step(charging ? 20 : 0, charging ? 7200 : 0); // 7.2 kW while charging
            }
        }

        /// <summary>True on nanoFramework, whose core library is mscorlib (.NET's is System.Private.CoreLib).</summary>
        private static bool OnNanoFramework() => typeof(object).Assembly.GetName().Name == "mscorlib";

        private static long FlashBytes(FakeFileStore files)
        {
            long total = 0;
            string[] names = files.List();
            for (int i = 0; i < names.Length; i++) total += files.Length(names[i]);
            return total;
        }
    }
}
