using ChargerAgent.Core;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Agent
{
    /// <summary>
    /// An agent on test doubles, stepped second by second: the wall clock is trusted from the start
    /// unless told otherwise, and the meter gains the energy the test gives each step.
    /// </summary>
    public sealed class AgentRig
    {
        /// <summary>The clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The meter.</summary>
        public readonly FakeMeter Meter;

        /// <summary>The ring (survives <see cref="Reboot"/>).</summary>
        public readonly FakeRecordRing Ring = new FakeRecordRing();

        /// <summary>The checkpoint store (survives <see cref="Reboot"/>).</summary>
        public readonly FakeCheckpointStore Store = new FakeCheckpointStore();

        /// <summary>The file store (survives <see cref="Reboot"/>).</summary>
        public readonly FakeFileStore Files = new FakeFileStore();

        /// <summary>The options every agent of this rig gets.</summary>
        public readonly AgentOptions Options = new AgentOptions();

        /// <summary>The running agent.</summary>
        public ChargerAgent.Core.Agent Agent;

        /// <summary>Creates a rig whose true time is <paramref name="unixSeconds"/>; <paramref name="register"/> picks the meter kind.</summary>
        public AgentRig(long unixSeconds, bool register, bool clockTrusted)
        {
            Meter = new FakeMeter(register);
            Meter.TotalWh = 1000;
            Options.DeviceId = "test-1";
            Options.SessionSources = SessionSources.Console | SessionSources.Signal;
            Clock.Utc = unixSeconds;
            Clock.Trusted = clockTrusted;
            Agent = new ChargerAgent.Core.Agent(Options, Clock, Meter, Ring, Store, Files);
            Agent.Tick();
        }

        /// <summary>Lets <paramref name="seconds"/> pass, one tick a second, the meter gaining <paramref name="whPerSecond"/> each.</summary>
        public void Run(long seconds, long whPerSecond)
        {
            for (long i = 0; i < seconds; i++)
            {
                Clock.Monotonic += 1000;
                Clock.Utc++;
                Meter.TotalWh += whPerSecond;
                Agent.Tick();
            }
        }

        /// <summary>Runs until the wall clock reads <paramref name="unixSeconds"/>.</summary>
        public void RunUntil(long unixSeconds, long whPerSecond)
        {
            Run(unixSeconds - Clock.Utc, whPerSecond);
        }

        /// <summary>Starts a session through the console; returns false if refused.</summary>
        public bool Start(string id)
        {
            string problem;
            bool ok = Agent.StartSession(id, out problem);
            Agent.Tick();
            return ok;
        }

        /// <summary>Stops the session through the console.</summary>
        public bool Stop()
        {
            string problem;
            bool ok = Agent.StopSession(out problem);
            Agent.Tick();
            return ok;
        }

        /// <summary>The board loses power for <paramref name="downSeconds"/> (meter still counting <paramref name="downWh"/>) and boots again.</summary>
        public void Reboot(long downSeconds, long downWh, bool clockTrusted)
        {
            Clock.Utc += downSeconds;
            Clock.Monotonic = 0;
            Clock.Trusted = clockTrusted;
            Meter.TotalWh = Meter.CountSurvivesReboot ? Meter.TotalWh + downWh : 0;
            Agent = new ChargerAgent.Core.Agent(Options, Clock, Meter, Ring, Store, Files);
            Agent.Tick();
        }

        /// <summary>Record <paramref name="index"/>.</summary>
        public Record At(int index)
        {
            return Ring.At(index);
        }

        /// <summary>Checks no record not flagged estimated holds more than flowed over its own duration, for a test that runs the meter at 1 Wh a second (2 Wh of slack).</summary>
        public void AssertNoUnflaggedRecordHoldsEnergyOfOutsideIt()
        {
            for (int i = 0; i < Ring.Count; i++)
            {
                Record r = At(i);
                if ((r.Flags & RecordFlags.EstimatedOverDowntime) != 0) continue;
                Assert.IsTrue((long)r.Wh <= r.DurationSeconds + 2, "Seq " + r.Seq + " holds " + r.Wh + " Wh over " + r.DurationSeconds + " s, unflagged");
            }
        }
    }
}
