using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// The known meter models, one entry each. Adding a model is one entry here (and one line in <see cref="All"/>).
    /// Registers are protocol addresses as sent on the wire (0-based; Eastron's "30073" is 0x0048).
    /// </summary>
    public static class MeterProfiles
    {
        /// <summary>
        /// Eastron SDM120-Modbus (single phase, 45 A). Eastron "SDM120 Modbus Protocol" (input registers,
        /// function 04, IEEE 754 float32, high word first): 0x0048 import active energy kWh, 0x000C active power W.
        /// Factory setting 2400 baud, 8N1, address 1.
        /// </summary>
        public static readonly MeterProfile Sdm120 = new MeterProfile("sdm120", "Eastron SDM120-Modbus",
            ModbusLimits.ReadInputRegisters, 0x0048, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x000C, RegisterDataType.Float32, 1, 1, 2400);

        /// <summary>
        /// Eastron SDM230-Modbus (single phase, 100 A). Eastron "SDM230-Modbus Protocol" (function 04, float32):
        /// 0x0048 import active energy kWh, 0x000C active power W. Factory 9600 baud, 8N1, address 1.
        /// </summary>
        public static readonly MeterProfile Sdm230 = new MeterProfile("sdm230", "Eastron SDM230-Modbus",
            ModbusLimits.ReadInputRegisters, 0x0048, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x000C, RegisterDataType.Float32, 1, 1, 9600);

        /// <summary>
        /// Eastron SDM630-Modbus (three phase). Eastron "SDM630 Modbus Protocol" V1.5 (function 04, float32):
        /// 0x0048 total import kWh, 0x0034 total system power W. Factory 9600 baud, 8N1, address 1.
        /// </summary>
        public static readonly MeterProfile Sdm630 = new MeterProfile("sdm630", "Eastron SDM630-Modbus",
            ModbusLimits.ReadInputRegisters, 0x0048, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x0034, RegisterDataType.Float32, 1, 1, 9600);

        /// <summary>
        /// Eastron SDM72D-M (three phase). Eastron "SDM72D-M Modbus Protocol" (function 04, float32):
        /// 0x0048 total import kWh, 0x0034 total system power W. Factory 9600 baud, 8N1, address 1.
        /// </summary>
        public static readonly MeterProfile Sdm72 = new MeterProfile("sdm72", "Eastron SDM72D-M",
            ModbusLimits.ReadInputRegisters, 0x0048, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x0034, RegisterDataType.Float32, 1, 1, 9600);

        /// <summary>
        /// ABB B21 (single phase). ABB "B21 User Manual", chapter "Communication with Modbus", mapping tables
        /// (function 03): 0x5000 active import energy, 4 registers unsigned, 0.01 kWh; 0x5B14 total active
        /// power, 2 registers signed, 0.01 W. Default here 19200 baud, address 1: check the meter's communication menu.
        /// </summary>
        public static readonly MeterProfile AbbB21 = new MeterProfile("abb-b21", "ABB B21",
            ModbusLimits.ReadHoldingRegisters, 0x5000, RegisterDataType.UInt64, WordOrder.HighWordFirst, 10, 1,
            0x5B14, RegisterDataType.Int32, 1, 100, 19200);

        /// <summary>
        /// ABB B23 (three phase). ABB "B23/B24 User Manual" 2CMC485003M0201, section 9 "Communication with Modbus",
        /// mapping tables (function 03): 0x5000 active import energy, 4 registers unsigned, 0.01 kWh; 0x5B14
        /// total active power, 2 registers signed, 0.01 W. Default here 19200 baud, address 1: check the meter's communication menu.
        /// </summary>
        public static readonly MeterProfile AbbB23 = new MeterProfile("abb-b23", "ABB B23",
            ModbusLimits.ReadHoldingRegisters, 0x5000, RegisterDataType.UInt64, WordOrder.HighWordFirst, 10, 1,
            0x5B14, RegisterDataType.Int32, 1, 100, 19200);

        /// <summary>Every named profile, for look-up and listing.</summary>
        public static MeterProfile[] All()
        {
            return new MeterProfile[] { Sdm120, Sdm230, Sdm630, Sdm72, AbbB21, AbbB23 };
        }

        /// <summary>Finds a named profile (case-sensitive, lower case).</summary>
        /// <returns>False when no profile has that name.</returns>
        public static bool TryFind(string name, out MeterProfile profile)
        {
            MeterProfile[] all = All();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name)
                {
                    profile = all[i];
                    return true;
                }
            }

            profile = null;
            return false;
        }

        /// <summary>
        /// A generic energy-only profile: any function (03/04), register, data type, word order, and a scale
        /// to Wh as a fraction (e.g. kWh as float32: 1000/1; 0.1 kWh as uint32: 100/1; Wh: 1/1).
        /// </summary>
        public static MeterProfile Generic(byte function, int energyRegister, RegisterDataType type, WordOrder order,
            long whPerUnitNumerator, long whPerUnitDenominator, int defaultBaud)
        {
            return new MeterProfile("generic", "Generic Modbus meter", function, energyRegister, type, order,
                whPerUnitNumerator, whPerUnitDenominator, MeterProfile.NoRegister, RegisterDataType.Float32, 1, 1, defaultBaud);
        }
    }
}
