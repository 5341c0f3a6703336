using System;
using System.Collections.Generic;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The drivers of a simulated charger: a seeded timetable of charging sessions (a few a day, from
/// under a minute to several hours, at 3.7, 7.4 or 11 kW; with long sessions also overnight and
/// multi-day ones) and the charger's own standby draw between them.
/// </summary>
public sealed class ChargingDriver
{
    /// <summary>The charger's own draw between sessions, W.</summary>
    public const int StandbyW = 5;

    private readonly List<DriverSession> sessions = new();
    private readonly Random jitter;
    private int index;

    /// <summary>The timetable of <paramref name="seed"/> up to <paramref name="untilSeconds"/>.</summary>
    /// <param name="seed">Seed of the run.</param>
    /// <param name="untilSeconds">End of the timetable, simulated seconds.</param>
    /// <param name="firstSessionSeconds">Start of the first session, or -1 for a seeded one.</param>
    /// <param name="kwhPerDay">Energy a day to aim for, kWh; 0 for the usual timetable.</param>
    /// <param name="longSessions">True to make one session in eight an overnight one (8 to 14 h) and one in forty a multi-day one (1 to 3 days), at a lower power.</param>
    public ChargingDriver(int seed, long untilSeconds, long firstSessionSeconds = -1, int kwhPerDay = 0, bool longSessions = false)
    {
        int longestGap = kwhPerDay > 0 ? GapForDailyEnergy(kwhPerDay) : 14 * 3600;
        var random = new Random(SimulationSeedParts.Sessions(seed));
        jitter = new Random(SimulationSeedParts.Jitter(seed));
        long t = random.Next(600, 6 * 3600);
        if (firstSessionSeconds >= 0) t = firstSessionSeconds;
        int[] powers = [3700, 7400, 11000];
        while (t < untilSeconds)
        {
            long length = random.Next(0, 10) == 0 ? random.Next(5, 60) : random.Next(600, 5 * 3600);
            int power = powers[random.Next(powers.Length)];
            int kind = longSessions ? random.Next(0, 40) : -1;
            if (kind == 0)
            {
                length = random.Next(86400, 3 * 86400);
                power = 1400;
            }
            else if (kind > 0 && kind <= 5)
            {
                length = random.Next(8 * 3600, 14 * 3600);
                power = 3700;
            }

            long end = Math.Min(t + length, untilSeconds);
            sessions.Add(new DriverSession(t, end, power));
            t = end + random.Next(120, longestGap);
        }
    }

    /// <summary>
    /// The longest gap between sessions that gives about <paramref name="kwhPerDay"/> a day: a session
    /// averages 8,373 s at 7.37 kW, but a gap can fall inside the session before it, so 17.4 kWh per session gives the aimed energy (measured over 365 days), and gaps are uniform from 120 s to the result.
    /// </summary>
    private static int GapForDailyEnergy(int kwhPerDay)
    {
        double sessionsPerDay = kwhPerDay / 17.4;
        double meanGap = 86400 / sessionsPerDay - 8373;
        return (int)Math.Max(240, 2 * meanGap - 120);
    }

    /// <summary>Sessions in the timetable.</summary>
    public int Count => sessions.Count;

    /// <summary>The timetable, in order.</summary>
    public IReadOnlyList<DriverSession> Sessions => sessions;

    /// <summary>The session running at <paramref name="seconds"/>, or -1 (no state kept: any order of calls).</summary>
    public int SessionAt(long seconds)
    {
        int lo = 0, hi = sessions.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sessions[mid].End <= seconds) lo = mid + 1;
            else hi = mid;
        }

        return lo < sessions.Count && sessions[lo].Start <= seconds ? lo : -1;
    }

    /// <summary>True when a session runs at <paramref name="seconds"/>, with the power drawn then.</summary>
    public bool Charging(long seconds, out int powerW)
    {
        while (index < sessions.Count && sessions[index].End <= seconds) index++;
        if (index < sessions.Count && sessions[index].Start <= seconds)
        {
            int nominal = sessions[index].PowerW;
            powerW = nominal - nominal / 20 + jitter.Next(0, nominal / 10);
            return true;
        }

        powerW = StandbyW;
        return false;
    }
}

/// <summary>Named sub-seeds of a simulated run.</summary>
public static class SimulationSeedParts
{
    /// <summary>The sub-seed of the faults.</summary>
    public static int Faults(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 1);
    /// <summary>The sub-seed of the sessions.</summary>
    public static int Sessions(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 2);
    /// <summary>The sub-seed of the jitter.</summary>
    public static int Jitter(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 3);
    /// <summary>The sub-seed of the world.</summary>
    public static int World(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 4);
    /// <summary>The sub-seed of the flash.</summary>
    public static int Flash(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 5);
    /// <summary>The sub-seed of the endpoint.</summary>
    public static int Endpoint(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 6);
}
