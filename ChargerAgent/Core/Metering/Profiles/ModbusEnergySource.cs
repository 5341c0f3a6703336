using System;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// A Modbus register meter as an <see cref="IEnergySource"/>: one read of the import energy register
    /// (and one of the power register where the profile has one), converted to exact Wh by
    /// <see cref="RegisterValue"/>. The meter keeps its total: the count survives the agent's reboot.
    /// </summary>
    public sealed class ModbusEnergySource : IEnergySource
    {
        /// <summary>Reason when the energy register holds a negative value.</summary>
        public const string NegativeEnergy = "meter reports negative energy";

        private readonly ModbusRtuMaster master;
        private readonly MeterProfile profile;
        private readonly byte slave;
        private readonly IClock clock;
        private readonly ushort[] registers = new ushort[4];
        private ModbusResult lastResult;
        private long resolutionMilliWh;

        /// <summary>Creates a source for <paramref name="profile"/> at <paramref name="slaveAddress"/> on <paramref name="master"/>.</summary>
        /// <exception cref="ArgumentException">A missing argument or a slave address outside 1..247.</exception>
        public ModbusEnergySource(ModbusRtuMaster master, MeterProfile profile, byte slaveAddress, IClock clock)
        {
            if (master == null)
            {
                throw new ArgumentNullException(nameof(master));
            }

            if (profile == null)
            {
                throw new ArgumentNullException(nameof(profile));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (slaveAddress < ModbusLimits.MinSlaveAddress || slaveAddress > ModbusLimits.MaxSlaveAddress)
            {
                throw new ArgumentOutOfRangeException(nameof(slaveAddress), "slave address must be 1..247");
            }

            this.master = master;
            this.profile = profile;
            slave = slaveAddress;
            this.clock = clock;
        }

        /// <inheritdoc />
        public bool CountSurvivesReboot
        {
            get { return true; }
        }

        /// <inheritdoc />
        public int MaxReadMilliseconds
        {
            get
            {
                int total = master.MaxTransactionMs(profile.EnergyRegisterCount);
                if (profile.HasPower)
                {
                    total += master.MaxTransactionMs(profile.PowerRegisterCount);
                }

                return total;
            }
        }

        /// <summary>The profile read.</summary>
        public MeterProfile Profile
        {
            get { return profile; }
        }

        /// <summary>The Modbus outcome of the last energy (or, when energy succeeded, power) transaction.</summary>
        public ModbusResult LastResult
        {
            get { return lastResult; }
        }

        /// <summary>
        /// The energy register's resolution at the last good reading, in thousandths of a Wh: for float32 kWh
        /// one unit in the last place (about 977 mWh at 10 MWh, 7813 mWh at 100 MWh); for integers one count.
        /// </summary>
        public long ResolutionMilliWh
        {
            get { return resolutionMilliWh; }
        }

        /// <inheritdoc />
        public void Read(ref EnergyReading reading)
        {
            reading.Event = MeterEvent.None;
            reading.HasPower = false;
            reading.PowerW = 0;
            if (!master.TryReadRegisters(slave, profile.Function, profile.EnergyRegister, profile.EnergyRegisterCount, registers, ref lastResult))
            {
                reading.TakenAtMs = clock.MonotonicMilliseconds;
                reading.Health = lastResult.Error == ModbusError.NoAnswer || lastResult.Error == ModbusError.LineFault
                    ? MeterHealth.NoAnswer
                    : MeterHealth.BadData;
                reading.Reason = lastResult.Reason;
                return;
            }

            reading.TakenAtMs = clock.MonotonicMilliseconds;
            long wh;
            long resolution;
            string problem = RegisterValue.TryScale(registers, profile.EnergyType, profile.WordOrder,
                profile.WhPerUnitNumerator, profile.WhPerUnitDenominator, out wh, out resolution);
            if (problem == null && wh < 0)
            {
                problem = NegativeEnergy;
            }

            if (problem != null)
            {
                reading.Health = MeterHealth.BadData;
                reading.Reason = problem;
                return;
            }

            resolutionMilliWh = resolution;
            reading.TotalWh = wh;
            reading.Health = MeterHealth.Ok;
            reading.Reason = null;
            if (profile.HasPower)
            {
                ModbusResult powerResult = default(ModbusResult);
                if (master.TryReadRegisters(slave, profile.Function, profile.PowerRegister, profile.PowerRegisterCount, registers, ref powerResult))
                {
                    long watts;
                    long ignored;
                    if (RegisterValue.TryScale(registers, profile.PowerType, profile.WordOrder, profile.WPerUnitNumerator,
                        profile.WPerUnitDenominator, out watts, out ignored) == null && watts >= int.MinValue && watts <= int.MaxValue)
                    {
                        reading.PowerW = (int)watts;
                        reading.HasPower = true;
                    }
                }
            }
        }
    }
}
