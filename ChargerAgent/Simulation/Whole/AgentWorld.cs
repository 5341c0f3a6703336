using System;
using System.Collections.Generic;
using ChargerAgent.Core;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Flash;
using ChargerAgent.Simulation.Meters;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// A seeded world around the agent alone (no delivery): the agent's runtime on a
/// <see cref="SimulatedBoard"/> (its clock, and its flash that loses power during any write), a
/// simulated meter that knows the true energy, and a driver that plays days of charging sessions
/// asked for on the console, clean reboots, power cuts, meter failures and clock jumps. One seed
/// gives one reproducible run; <see cref="Log"/> tells what happened.
/// </summary>
public sealed class AgentWorld
{
    /// <summary>Start of every run: 2024-02-28T22:00:00Z (crosses the leap day and a month end).</summary>
    public const long StartUnixSeconds = 1709157600;

    private readonly Random random;
    private readonly AgentOptions options;
    private bool wantSession;
    private long syncAtMs;
    private long nextCommandMs;

    /// <summary>Builds the world for <paramref name="seed"/>; <paramref name="register"/> picks the meter kind.</summary>
    public AgentWorld(int seed, bool register, AgentOptions options = null)
    {
        Seed = seed;
        random = new Random(seed);
        this.options = options ?? new AgentOptions { DeviceId = "sim-" + (register ? "reg" : "pulse") };
        Board = new SimulatedBoard(StartUnixSeconds, random.Next());
        Meter = new SimulatedMeter(register, random.Next(0, 5_000_000));
        InitialTrueWh = Meter.TrueWh;
        InitialTrueMilliWh = Meter.TrueMilliWh;
        Boot();
    }

    /// <summary>The seed of this run.</summary>
    public int Seed { get; }

    /// <summary>The board: its clock and its flash.</summary>
    public SimulatedBoard Board { get; }

    /// <summary>The board's clock.</summary>
    public SimulatedClock Clock => Board.Clock;

    /// <summary>The meter.</summary>
    public SimulatedMeter Meter { get; }

    /// <summary>The running agent's runtime (a new one after every reboot), on the board's flash.</summary>
    public AgentRuntime Runtime { get; private set; }

    /// <summary>The running agent.</summary>
    public Agent Agent => Runtime.Agent;

    /// <summary>The ring on the board's flash.</summary>
    public RecordRing Ring => Runtime.Ring;

    /// <summary>True energy when the agent first read the meter (a new board owes nothing before), Wh.</summary>
    public long InitialTrueWh { get; private set; }

    /// <summary>True energy at the start, mWh.</summary>
    public long InitialTrueMilliWh { get; }

    /// <summary>True once the first agent read the meter.</summary>
    public bool FirstReadDone { get; private set; }

    /// <summary>Power cuts so far.</summary>
    public int PowerCuts { get; private set; }

    /// <summary>Clean reboots so far.</summary>
    public int CleanReboots { get; private set; }

    /// <summary>Seconds the agent was down, summed.</summary>
    public long DowntimeSeconds { get; private set; }

    /// <summary>Seconds the agent was up but could not read the meter (before its first read, or while it failed), summed.</summary>
    public long BlindSeconds { get; private set; }

    /// <summary>Clock jumps so far.</summary>
    public int ClockJumps { get; private set; }

    /// <summary>Sessions asked for.</summary>
    public int SessionsAsked { get; private set; }

    /// <summary>Called after every tick (and every reboot): a test's per-step check.</summary>
    public Action<AgentWorld> AfterTick { get; set; }

    /// <summary>What happened, one line an event.</summary>
    public List<string> Log { get; } = new();

    /// <summary>Plays <paramref name="seconds"/> of simulated time with the fault rates given.</summary>
    public void Run(long seconds, bool faults)
    {
        long endMs = Clock.TrueMs + seconds * 1000;
        while (Clock.TrueMs < endMs)
        {
            int stepMs = random.Next(1, 16) * 1000;
            Clock.Advance(stepMs);
            Meter.Advance(stepMs);
            if (!Clock.Synced && Clock.MonotonicMilliseconds >= syncAtMs) Clock.Sync();
            DriveSessions();
            if (faults) InjectFaults();
            TickSafely();
            if ((!Agent.IsRecovered || Meter.Failing) && FirstReadDone) BlindSeconds += stepMs / 1000;
        }
    }

    /// <summary>Lets the clock sync and time pass without faults, so pending work resolves.</summary>
    public void Settle()
    {
        Board.Disarm();
        Meter.Failing = false;
        Clock.Sync();
        for (int i = 0; i < 5; i++)
        {
            if (!Clock.Synced) Clock.Sync();
            Clock.Advance(1000);
            Meter.Advance(1000);
            TickSafely();
        }
    }

    private void TickSafely()
    {
        try
        {
            try
            {
                Runtime.Tick();
                // The ring answers a failed write with a refusal; a cut board stops all the same.
                if (Board.Flash.IsCut) throw new PowerCutException(Board.Flash.Counters.Operations);
            }
            finally
            {
                if (!FirstReadDone && Agent.IsRecovered)
                {
                    FirstReadDone = true;
                    InitialTrueWh = Meter.TrueWh;
                }
            }

            if (Agent.RebootRequested)
            {
                CleanReboots++;
                Log.Add(At() + " clean reboot");
                Reboot(random.Next(5, 60));
            }

            AfterTick?.Invoke(this);
        }
        catch (PowerCutException cut)
        {
            PowerCuts++;
            long down = random.Next(0, 4) == 0 ? random.Next(60, 36 * 3600) : random.Next(1, 120);
            Log.Add(At() + " " + cut.Message + ", down " + down + " s");
            Reboot(down);
        }
    }

    private void Reboot(long downSeconds)
    {
        Clock.Advance(downSeconds * 1000);
        Meter.Advance(downSeconds * 1000);
        DowntimeSeconds += downSeconds;
        Boot();
    }

    private void Boot()
    {
        Board.PowerOn();
        Meter.AgentRebooted();
        syncAtMs = random.Next(0, 3) == 0 ? random.Next(0, 3 * 3600) * 1000L : random.Next(0, 120) * 1000L;
        Runtime = new AgentRuntime(options, null, new RingOptions(), Clock, Meter, Board.Flash, null, new SystemRandomSource(random.Next()));
    }

    private void DriveSessions()
    {
        if (Clock.TrueMs < nextCommandMs)
        {
            Meter.PowerW = wantSession ? Meter.PowerW : random.Next(0, 20);
            return;
        }

        wantSession = !wantSession;
        if (wantSession)
        {
            SessionsAsked++;
            string id = random.Next(0, 2) == 0 ? null : "car-" + random.Next(0, 1_000_000);
            Agent.StartSession(id, out _);
            Meter.PowerW = random.Next(0, 2) == 0 ? 7400 : 11000;
            nextCommandMs = Clock.TrueMs + (random.Next(0, 4) == 0 ? random.Next(1, 60) : random.Next(600, 6 * 3600)) * 1000L;
        }
        else
        {
            Agent.StopSession(out _);
            Meter.PowerW = random.Next(0, 20);
            nextCommandMs = Clock.TrueMs + random.Next(60, 8 * 3600) * 1000L;
        }
    }

    private void InjectFaults()
    {
        int dice = random.Next(0, 4000);
        if (dice < 3)
        {
            // The power goes during one of the next few writes; a cut during the write after one
            // leaves that one durable and nothing after it.
            Board.CutAt(random.Next(1, 6) + random.Next(0, 2));
        }
        else if (dice < 4)
        {
            Agent.RequestReboot();
        }
        else if (dice < 6 && Clock.Synced)
        {
            long jump = random.Next(0, 3) switch
            {
                0 => random.Next(-30, 31) * 1000L,
                1 => random.Next(-3 * 3600, 3 * 3600) * 1000L,
                _ => random.Next(-3 * 86400, 3 * 86400) * 1000L,
            };
            ClockJumps++;
            Log.Add(At() + " clock jumps " + jump / 1000 + " s");
            Clock.Jump(jump);
        }
        else if (dice < 7 && Clock.Synced && Clock.WallOffsetMs != 0)
        {
            Log.Add(At() + " SNTP corrects the clock");
            Clock.Sync();
        }
        else if (dice < 9)
        {
            Meter.Failing = !Meter.Failing;
        }
    }

    private string At() => Core.Time.Rfc3339.Format(Clock.TrueMs / 1000);

    /// <summary>Every record in the ring, oldest first.</summary>
    public Record[] Records()
    {
        var all = new Record[Ring.Count];
        int n = Ring.Read(1, all, 0, all.Length);
        Array.Resize(ref all, n);
        return all;
    }

    /// <summary>Records resolved to UTC where their epoch is known: (start, end, record, resolved).</summary>
    public List<(long Start, long End, Record Record, bool Resolved)> ResolvedRecords()
    {
        var list = new List<(long, long, Record, bool)>();
        foreach (Record r in Records())
        {
            if (!r.IsBootRelative)
            {
                list.Add((r.Start, r.End, r, true));
            }
            else if (Agent.Epochs.TryGetEpoch(r.Boot, out long epoch, out _))
            {
                list.Add((epoch + r.Start, epoch + r.End, r, true));
            }
            else
            {
                list.Add((r.Start, r.End, r, false));
            }
        }

        return list;
    }
}
