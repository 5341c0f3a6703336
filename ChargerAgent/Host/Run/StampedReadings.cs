using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Host.Run;

/// <summary>
/// Stamps each reading of the demo's simulated register with the time it was taken, as a Modbus
/// meter's reading is: the plausibility filter bounds a rise by the maximum power over that time,
/// so an unstamped reading (time 0) is held as a jump as soon as a tick takes longer than usual.
/// </summary>
internal sealed class StampedReadings(IEnergySource inner, IClock clock) : IEnergySource
{
    public bool CountSurvivesReboot => inner.CountSurvivesReboot;

    public int MaxReadMilliseconds => inner.MaxReadMilliseconds;

    public void Read(ref EnergyReading reading)
    {
        inner.Read(ref reading);
        reading.TakenAtMs = clock.MonotonicMilliseconds;
    }
}
