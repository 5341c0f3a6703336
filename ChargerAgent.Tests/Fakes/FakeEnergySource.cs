using ChargerAgent.Core.Metering;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>An energy source that returns the next total and time a test sets.</summary>
    public sealed class FakeEnergySource : IEnergySource
    {
        public long NextWh;

        public long NextMs;

        public MeterHealth NextHealth = MeterHealth.Ok;

        public MeterEvent NextEvent = MeterEvent.None;

        public bool CountSurvivesReboot
        {
            get { return true; }
        }

        public int MaxReadMilliseconds
        {
            get { return 0; }
        }

        public void Read(ref EnergyReading reading)
        {
            reading.TotalWh = NextWh;
            reading.TakenAtMs = NextMs;
            reading.Health = NextHealth;
            reading.Event = NextEvent;
            reading.Reason = NextHealth == MeterHealth.Ok ? null : "scripted fault";
        }
    }
}
