using System;
using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// Where a Modbus meter keeps its import energy (and power), as data: function, register, data type,
    /// word order and a rational scale to Wh (and W). One instance per meter model; see <see cref="MeterProfiles"/>.
    /// </summary>
    public sealed class MeterProfile
    {
        /// <summary>Register value meaning "no power register".</summary>
        public const int NoRegister = -1;

        /// <summary>Creates a profile; checks every field up front.</summary>
        /// <param name="name">Lower-case name used on the command line ("sdm120").</param>
        /// <param name="description">Manufacturer and model, for people.</param>
        /// <param name="function">03 (holding) or 04 (input registers).</param>
        /// <param name="energyRegister">First register of the import active energy.</param>
        /// <param name="energyType">Layout of the energy value.</param>
        /// <param name="wordOrder">Word order of multi-register values.</param>
        /// <param name="whPerUnitNumerator">Wh per register unit, numerator (1000 for kWh, 10 for 0.01 kWh).</param>
        /// <param name="whPerUnitDenominator">Wh per register unit, denominator (≥ 1).</param>
        /// <param name="powerRegister">First register of the total active power, or <see cref="NoRegister"/>.</param>
        /// <param name="powerType">Layout of the power value.</param>
        /// <param name="wPerUnitNumerator">W per register unit, numerator.</param>
        /// <param name="wPerUnitDenominator">W per register unit, denominator (≥ 1).</param>
        /// <param name="defaultBaud">The meter's factory baud rate.</param>
        /// <exception cref="ArgumentException">A field outside its range.</exception>
        public MeterProfile(string name, string description, byte function, int energyRegister, RegisterDataType energyType,
            WordOrder wordOrder, long whPerUnitNumerator, long whPerUnitDenominator, int powerRegister, RegisterDataType powerType,
            long wPerUnitNumerator, long wPerUnitDenominator, int defaultBaud)
            : this(name, description, function, energyRegister, energyType, wordOrder, whPerUnitNumerator, whPerUnitDenominator,
                powerRegister, powerType, wPerUnitNumerator, wPerUnitDenominator, defaultBaud, SerialSettings.ParityNone, 1)
        {
        }

        /// <summary>Creates a profile with the meter's factory parity and stop bits; checks every field up front.</summary>
        /// <param name="name">Lower-case name used on the command line ("sdm120").</param>
        /// <param name="description">Manufacturer and model, for people.</param>
        /// <param name="function">03 (holding) or 04 (input registers).</param>
        /// <param name="energyRegister">First register of the import active energy.</param>
        /// <param name="energyType">Layout of the energy value.</param>
        /// <param name="wordOrder">Word order of multi-register values.</param>
        /// <param name="whPerUnitNumerator">Wh per register unit, numerator (1000 for kWh, 10 for 0.01 kWh).</param>
        /// <param name="whPerUnitDenominator">Wh per register unit, denominator (≥ 1).</param>
        /// <param name="powerRegister">First register of the total active power, or <see cref="NoRegister"/>.</param>
        /// <param name="powerType">Layout of the power value.</param>
        /// <param name="wPerUnitNumerator">W per register unit, numerator.</param>
        /// <param name="wPerUnitDenominator">W per register unit, denominator (≥ 1).</param>
        /// <param name="defaultBaud">The meter's factory baud rate (one of <see cref="SerialSettings.AllowedBauds"/>).</param>
        /// <param name="defaultParity">The meter's factory parity: none, even or odd.</param>
        /// <param name="defaultStopBits">The meter's factory stop bits: 1 or 2.</param>
        /// <exception cref="ArgumentException">A field outside its range.</exception>
        public MeterProfile(string name, string description, byte function, int energyRegister, RegisterDataType energyType,
            WordOrder wordOrder, long whPerUnitNumerator, long whPerUnitDenominator, int powerRegister, RegisterDataType powerType,
            long wPerUnitNumerator, long wPerUnitDenominator, int defaultBaud, string defaultParity, int defaultStopBits)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("a profile needs a name", nameof(name));
            }

            if (function != ModbusLimits.ReadHoldingRegisters && function != ModbusLimits.ReadInputRegisters)
            {
                throw new ArgumentOutOfRangeException(nameof(function), "function must be 03 or 04");
            }

            CheckRegister(energyRegister, energyType, nameof(energyRegister));
            if (powerRegister != NoRegister)
            {
                CheckRegister(powerRegister, powerType, nameof(powerRegister));
                if (wPerUnitNumerator <= 0 || wPerUnitDenominator <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(wPerUnitNumerator), "power scale must be positive");
                }
            }

            if (whPerUnitNumerator <= 0 || whPerUnitDenominator <= 0 || whPerUnitNumerator > 1000000)
            {
                throw new ArgumentOutOfRangeException(nameof(whPerUnitNumerator), "energy scale must be positive (at most 1e6 Wh per unit)");
            }

            string serialProblem = SerialSettings.Problem(defaultBaud, defaultParity, defaultStopBits);
            if (serialProblem != null)
            {
                throw new ArgumentOutOfRangeException(nameof(defaultBaud), serialProblem);
            }

            Name = name;
            Description = description == null ? name : description;
            Function = function;
            EnergyRegister = (ushort)energyRegister;
            EnergyType = energyType;
            WordOrder = wordOrder;
            WhPerUnitNumerator = whPerUnitNumerator;
            WhPerUnitDenominator = whPerUnitDenominator;
            HasPower = powerRegister != NoRegister;
            PowerRegister = HasPower ? (ushort)powerRegister : (ushort)0;
            PowerType = powerType;
            WPerUnitNumerator = HasPower ? wPerUnitNumerator : 1;
            WPerUnitDenominator = HasPower ? wPerUnitDenominator : 1;
            DefaultBaud = defaultBaud;
            DefaultParity = defaultParity;
            DefaultStopBits = defaultStopBits;
        }

        /// <summary>Lower-case name used on the command line.</summary>
        public string Name { get; }

        /// <summary>Manufacturer and model, for people.</summary>
        public string Description { get; }

        /// <summary>03 (holding registers) or 04 (input registers).</summary>
        public byte Function { get; }

        /// <summary>First register of the import active energy.</summary>
        public ushort EnergyRegister { get; }

        /// <summary>Layout of the energy value.</summary>
        public RegisterDataType EnergyType { get; }

        /// <summary>Word order of multi-register values.</summary>
        public WordOrder WordOrder { get; }

        /// <summary>Wh per register unit: numerator.</summary>
        public long WhPerUnitNumerator { get; }

        /// <summary>Wh per register unit: denominator.</summary>
        public long WhPerUnitDenominator { get; }

        /// <summary>True when the meter has a total active power register.</summary>
        public bool HasPower { get; }

        /// <summary>First register of the total active power (when <see cref="HasPower"/>).</summary>
        public ushort PowerRegister { get; }

        /// <summary>Layout of the power value.</summary>
        public RegisterDataType PowerType { get; }

        /// <summary>W per register unit: numerator.</summary>
        public long WPerUnitNumerator { get; }

        /// <summary>W per register unit: denominator.</summary>
        public long WPerUnitDenominator { get; }

        /// <summary>The meter's factory baud rate.</summary>
        public int DefaultBaud { get; }

        /// <summary>The meter's factory parity: none, even or odd.</summary>
        public string DefaultParity { get; }

        /// <summary>The meter's factory stop bits: 1 or 2.</summary>
        public int DefaultStopBits { get; }

        /// <summary>Registers the energy value takes.</summary>
        public int EnergyRegisterCount
        {
            get { return RegisterValue.RegisterCount(EnergyType); }
        }

        /// <summary>Registers the power value takes.</summary>
        public int PowerRegisterCount
        {
            get { return RegisterValue.RegisterCount(PowerType); }
        }

        private static void CheckRegister(int register, RegisterDataType type, string name)
        {
            if (type != RegisterDataType.Float32 && type != RegisterDataType.Int32 && type != RegisterDataType.UInt32
                && type != RegisterDataType.Int64 && type != RegisterDataType.UInt64)
            {
                throw new ArgumentOutOfRangeException(name, "unknown data type");
            }

            if (register < 0 || register + RegisterValue.RegisterCount(type) > 0x10000)
            {
                throw new ArgumentOutOfRangeException(name, "register must be 0..0xFFFF");
            }
        }
    }
}
