using ChargerAgent.Simulation.Faults;

namespace ChargerAgent.Host.Simulate;

/// <summary>The knobs of one simulated run.</summary>
/// <param name="Days">Days with faults; a fault-free drain period follows.</param>
/// <param name="Faults">How hard the run is.</param>
/// <param name="Seed">The seed: same seed, same report.</param>
/// <param name="PulseMeter">True for an S0 pulse meter, false for an SDM630 register meter.</param>
/// <param name="OnlyFault">Keep only this kind of fault (tests one fault kind at a time); null for all.</param>
/// <param name="ApiUrl">Another Flatpeak-compatible endpoint to talk real HTTPS to (credentials from the environment), or null for the in-process endpoint.</param>
/// <param name="CaFile">Extra root certificates (PEM) for <paramref name="ApiUrl"/>, or null.</param>
/// <param name="FlashTrace">A file to write the agent's flash traffic to (docs/FLASH-TRACE.md), or null.</param>
/// <param name="FlashTraceData">True to write the bytes of every write into the trace too.</param>
/// <param name="KwhPerDay">Charging energy to aim for, kWh a day (sessions come closer together); 0 for the usual timetable.</param>
public sealed record SimulationSettings(int Days, FaultLevel Faults, int Seed, bool PulseMeter, FaultKind? OnlyFault = null,
    string ApiUrl = null, string CaFile = null, string FlashTrace = null, bool FlashTraceData = false, int KwhPerDay = 0);
