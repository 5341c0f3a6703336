using System.IO;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>A session's start and stop are edges, told once: a tick that fails while it carries one must not drop it.</summary>
    [TestClass]
    public class AgentSessionEdgeTests
    {
        private static long T(int hour, int minute, int second)
        {
            return CivilTime.ToUnixSeconds(2022, 2, 1, hour, minute, second);
        }

        private static bool TickThrows(AgentRig rig)
        {
            try
            {
                rig.Agent.Tick();
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        [TestMethod]
        public void A_start_signal_that_arrives_while_the_flash_is_full_starts_the_session_once_it_has_room()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.RunUntil(T(10, 10, 0), 1);
            rig.Ring.FailAfterAppends = 0;
            rig.Agent.SetSessionSignal(true);
            Assert.IsTrue(TickThrows(rig), "the start's cut needs an append, which fails");
            rig.Ring.FailAfterAppends = -1;
            rig.Run(60, 1);
            Assert.AreNotEqual(0u, rig.Agent.Status.Session, "the session started once the flash had room");
        }

        [TestMethod]
        public void A_stop_signal_that_arrives_while_the_flash_is_full_stops_the_session_once_it_has_room()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Agent.SetSessionSignal(true);
            rig.RunUntil(T(10, 10, 0), 1);
            Assert.AreNotEqual(0u, rig.Agent.Status.Session);
            rig.Ring.FailAfterAppends = 0;
            rig.Agent.SetSessionSignal(false);
            Assert.IsTrue(TickThrows(rig), "the stop's cut needs an append, which fails");
            rig.Ring.FailAfterAppends = -1;
            rig.Run(60, 1);
            Assert.AreEqual(0u, rig.Agent.Status.Session, "the session stopped once the flash had room");
        }

        [TestMethod]
        public void A_car_that_arrives_while_a_refused_write_holds_the_last_ones_stop_gets_its_own_session_at_once()
        {
            AgentRig rig = new AgentRig(T(10, 0, 0), true, true);
            rig.Agent.SetSessionSignal(true);
            rig.RunUntil(T(10, 10, 0), 1);
            uint first = rig.Agent.Status.Session;
            Assert.AreNotEqual(0u, first);
            rig.Ring.WriteFails = true;
            rig.Agent.SetSessionSignal(false);
            rig.Run(60, 1);
            Assert.AreEqual(0u, rig.Agent.Status.Session, "the stop waits for the flash");
            rig.Agent.SetSessionSignal(true);
            rig.Run(60, 1);
            uint second = rig.Agent.Status.Session;
            Assert.AreNotEqual(0u, second, "the second car's start waits behind the held stop");
            Assert.AreNotEqual(first, second, "the second car charges in the first one's session");
            rig.Ring.WriteFails = false;
            rig.Run(120, 1);
            Assert.AreEqual(second, rig.Agent.Status.Session);
            bool ended = false;
            for (int i = 0; i < rig.Ring.Count; i++)
            {
                Record r = rig.At(i);
                if (r.Session == first && (r.Flags & RecordFlags.SessionEnd) != 0) ended = r.End == T(10, 10, 1);
            }

            Assert.IsTrue(ended, "the first session's last record does not end it where its car stopped");
        }
    }
}
