using ChargerAgent.Simulation.Faults;

namespace ChargerAgent.Simulation.Whole;

/// <summary>The knobs of one simulated run.</summary>
/// <param name="Days">Days with faults; a fault-free drain period follows.</param>
/// <param name="Faults">How hard the run is.</param>
/// <param name="Seed">The seed: same seed, same report.</param>
/// <param name="PulseMeter">True for an S0 pulse meter, false for an SDM630 register meter.</param>
/// <param name="OnlyFault">Keep only this kind of fault (tests one fault kind at a time); null for all.</param>
/// <param name="ExternalApi">Another Flatpeak-compatible endpoint to talk real HTTPS to, or null for the in-process endpoint.</param>
/// <param name="FlashTrace">A file to write the agent's flash traffic to (docs/FLASH-TRACE.md), or null.</param>
/// <param name="FlashTraceData">True to write the bytes of every write into the trace too.</param>
/// <param name="KwhPerDay">Charging energy to aim for, kWh a day (sessions come closer together); 0 for the usual timetable.</param>
/// <param name="RingKilobytes">The ring's size, KB; 0 for the seed's choice (harsh runs: every fourth seed <see cref="SmallRingKilobytes"/>, the others 96).</param>
/// <param name="KnownDefectsCounted">True to count the violations of the open defects listed in <see cref="RecordChecks"/> (a clock step, a read gap, a session across a reboot, a ring stuck full) as known, not failed; false to fail them.</param>
public sealed record SimulationSettings(int Days, FaultLevel Faults, int Seed, bool PulseMeter, FaultKind? OnlyFault = null,
    IExternalApi ExternalApi = null, string FlashTrace = null, bool FlashTraceData = false, int KwhPerDay = 0, int RingKilobytes = 0,
    bool KnownDefectsCounted = true)
{
    /// <summary>The small ring some harsh seeds run with: 3 segments, 406 records, full within a 15-day offline period.</summary>
    public const int SmallRingKilobytes = 12;

    /// <summary>The ring size this run uses, KB.</summary>
    public int EffectiveRingKilobytes => RingKilobytes > 0 ? RingKilobytes
        : Faults == FaultLevel.Harsh && Seed % 4 == 0 ? SmallRingKilobytes : ChargerAgent.Core.Storage.RingOptions.DefaultTotalBytes / 1024;
}
