using ChargerAgent.Core.Time;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Time
{
    [TestClass]
    public class AgentTimeTests
    {
        [TestMethod]
        public void Time_follows_the_wall_clock_and_takes_forward_jumps_at_once()
        {
            AgentTime t = new AgentTime();
            t.Anchor(1000, 0);
            Assert.AreEqual(1001L, t.Advance(true, 1001, 1000));
            Assert.AreEqual(5000L, t.Advance(true, 5000, 2000));
            Assert.AreEqual(1, t.Jumps);
        }

        [TestMethod]
        public void A_small_step_back_stands_still_and_a_big_one_runs_on_the_monotonic_clock()
        {
            AgentTime t = new AgentTime();
            t.Anchor(1000, 0);
            Assert.AreEqual(1000L, t.Advance(true, 990, 1000));
            Assert.AreEqual(1000L, t.Advance(true, 995, 2000));
            Assert.AreEqual(1001L, t.Advance(true, 1001, 3000));
            Assert.AreEqual(1002L, t.Advance(true, 1, 4000));
            Assert.AreEqual(1003L, t.Advance(true, 2, 5000));
            Assert.AreEqual(1, t.BackJumpsAbsorbed);
            Assert.AreEqual(1004L, t.Advance(false, 0, 6000));
        }
    }
}
