using System;
using System.Collections.Generic;

namespace ChargerAgent.Host.Simulate;

/// <summary>
/// The drivers of a simulated charger: a seeded timetable of charging sessions (a few a day, from
/// under a minute to several hours, at 3.7, 7.4 or 11 kW) and the charger's own standby draw between them.
/// </summary>
internal sealed class ChargingDriver
{
    /// <summary>The charger's own draw between sessions, W.</summary>
    public const int StandbyW = 5;

    private readonly List<(long Start, long End, int PowerW)> sessions = new();
    private readonly Random jitter;
    private int index;

    public ChargingDriver(int seed, long untilSeconds, long firstSessionSeconds = -1, int kwhPerDay = 0)
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
            long end = Math.Min(t + length, untilSeconds);
            sessions.Add((t, end, powers[random.Next(powers.Length)]));
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
internal static class SimulationSeedParts
{
    public static int Faults(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 1);
    public static int Sessions(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 2);
    public static int Jitter(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 3);
    public static int World(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 4);
    public static int Flash(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 5);
    public static int Endpoint(int seed) => ChargerAgent.Simulation.SimulationSeed.Derive(seed, 6);
}
