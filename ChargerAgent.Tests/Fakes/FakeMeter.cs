using ChargerAgent.Core.Metering;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A meter whose total the test sets: a register (survives reboots) or a pulse count.</summary>
    public sealed class FakeMeter : IEnergySource
    {
        /// <summary>The value the next read returns, Wh.</summary>
        public long TotalWh;

        /// <summary>Power the next read returns, W.</summary>
        public int PowerW;

        /// <summary>The event the next read returns (cleared after it).</summary>
        public MeterEvent NextEvent;

        /// <summary>When true, reads fail.</summary>
        public bool Failing;

        private readonly bool register;

        /// <summary>Creates a register (true) or pulse (false) meter.</summary>
        public FakeMeter(bool register)
        {
            this.register = register;
        }

        /// <inheritdoc />
        public bool CountSurvivesReboot
        {
            get { return register; }
        }

        /// <inheritdoc />
        public int MaxReadMilliseconds
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public void Read(ref EnergyReading reading)
        {
            reading.Health = Failing ? MeterHealth.NoAnswer : MeterHealth.Ok;
            reading.TotalWh = TotalWh;
            reading.PowerW = PowerW;
            reading.HasPower = true;
            reading.Event = NextEvent;
            NextEvent = MeterEvent.None;
        }
    }
}
