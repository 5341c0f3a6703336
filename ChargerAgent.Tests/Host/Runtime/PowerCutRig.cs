using System;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Flash;
using ChargerAgent.Simulation.Whole;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Host.Runtime
{
    /// <summary>
    /// The agent's runtime on a <see cref="SimulatedBoard"/> with a register meter, for the tests that
    /// cut the power at every write of a stretch: <see cref="Run"/> ticks a second at a time and,
    /// when the flash loses power, keeps the board down and boots it again.
    /// </summary>
    internal sealed class PowerCutRig
    {
        public const long T0 = 1709157600;

        private readonly Func<PowerCutRig, AgentRuntime> build;

        /// <summary>A rig whose flash is seeded with <paramref name="flashSeed"/>; <paramref name="build"/> makes the runtime at each boot.</summary>
        public PowerCutRig(int flashSeed, Func<PowerCutRig, AgentRuntime> build)
        {
            Board = new SimulatedBoard(T0, flashSeed);
            this.build = build;
        }

        public SimulatedBoard Board { get; }

        public FakeFlash Flash => Board.Flash;

        public SimulatedClock Clock => Board.Clock;

        public FakeMeter Meter { get; } = new FakeMeter(true) { TotalWh = 5000 };

        public AgentRuntime Runtime { get; private set; }

        /// <summary>Wh the meter gains a second while the board runs (1 Wh a second while it is down).</summary>
        public int WhPerSecond { get; set; } = 1;

        /// <summary>Called before each tick with the true time in Unix seconds; a power cut inside it counts as one in the tick.</summary>
        public Action<long> BeforeTick { get; set; }

        public void Boot()
        {
            Board.PowerOn();
            Runtime = build(this);
        }

        /// <summary>Runs <paramref name="seconds"/>, one tick every <paramref name="stepSeconds"/>; true when the power was cut on the way (the board is then booted again after <paramref name="downSeconds"/>).</summary>
        public bool Run(long seconds, long downSeconds, int stepSeconds = 1)
        {
            for (long i = 0; i < seconds; i += stepSeconds)
            {
                Clock.Advance(1000L * stepSeconds);
                Meter.TotalWh += WhPerSecond * stepSeconds;
                try
                {
                    BeforeTick?.Invoke(Clock.TrueMs / 1000);
                    Runtime.Tick();
                    // The ring answers a failed write with a refusal; a cut board stops all the same.
                    if (Flash.IsCut) throw new PowerCutException(Flash.Counters.Operations);
                }
                catch (PowerCutException)
                {
                    Clock.Advance(downSeconds * 1000);
                    Meter.TotalWh += downSeconds;
                    Boot();
                    return true;
                }
            }

            return false;
        }

        /// <summary>A random source that always answers the same value.</summary>
        public sealed class Constant : IRandomSource
        {
            private readonly uint value;

            public Constant(uint value) => this.value = value;

            public uint NextUInt32() => value;
        }
    }
}
