using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>
    /// The known meter models, one entry each: the one list the configuration, the console, <c>read-meter</c> and the
    /// documentation take their names from. Adding a model is one entry here and one line in <see cref="All"/> (see docs/adding-a-meter.md).
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

        /// <summary>
        /// Carlo Gavazzi EM340 (three phase). Register map as in volkszaehler/mbmd <c>meters/rs485/carlogavazzi-ex3x0.go</c>,
        /// which follows Carlo Gavazzi "EM330 EM340 ET330 ET340 communication protocol" (input registers, function 04,
        /// 32-bit values low word first): 0x0034 kWh (+) total, int32, 0.1 kWh; 0x0028 W system, int32, 0.1 W.
        /// Factory serial settings: not in that source; 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Em340 = new MeterProfile("em340", "Carlo Gavazzi EM340",
            ModbusLimits.ReadInputRegisters, 0x0034, RegisterDataType.Int32, WordOrder.LowWordFirst, 100, 1,
            0x0028, RegisterDataType.Int32, 1, 10, 9600);

        /// <summary>
        /// Carlo Gavazzi EM111 (single phase). Carlo Gavazzi "EM100 Series and ET100 Series Communication Protocol"
        /// (Version 2 Revision 14, and the public Version 4.0 of June 2025, as kept in OpenEMS/openems
        /// <c>io.openems.edge.meter.carlo.gavazzi/doc/</c>): table 2.4-1, functions 03 and 04, 0x0010 kWh (+) TOT,
        /// int32, kWh x 10; 0x0004 W, int32, W x 10; section 2.1, 32-bit values low word first. Factory 9600 baud,
        /// no parity, 1 stop bit, address 1 (table 2.7-6).
        /// </summary>
        public static readonly MeterProfile Em111 = new MeterProfile("em111", "Carlo Gavazzi EM111",
            ModbusLimits.ReadInputRegisters, 0x0010, RegisterDataType.Int32, WordOrder.LowWordFirst, 100, 1,
            0x0004, RegisterDataType.Int32, 1, 10, 9600);

        /// <summary>
        /// Finder 7M.38 (three phase). Register map as in SmartEVSE/SmartEVSE-3 <c>SmartEVSE-3/src/meter.cpp</c>, table
        /// <c>EMConfig</c>, entry "Finder 7M" (input registers, function 04, float32 high word first): 2638 (0x0A4E) import
        /// active energy in Wh; 2536 (0x09E8) total active power in W. Factory serial settings: not in that source;
        /// 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Finder7M = new MeterProfile("finder-7m", "Finder 7M.38",
            ModbusLimits.ReadInputRegisters, 2638, RegisterDataType.Float32, WordOrder.HighWordFirst, 1, 1,
            2536, RegisterDataType.Float32, 1, 1, 9600);

        /// <summary>
        /// Chint DDSU666 (single phase). Register map as in OpenEMS/openems
        /// <c>io.openems.edge.meter.chint/.../ddsu666/MeterChintDdsu666Impl.java</c> (holding registers, function 03,
        /// float32 high word first): 0x4000 import active energy, kWh; 0x2004 active power, kW. Factory serial
        /// settings: not in that source; 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Ddsu666 = new MeterProfile("ddsu666", "Chint DDSU666",
            ModbusLimits.ReadHoldingRegisters, 0x4000, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x2004, RegisterDataType.Float32, 1000, 1, 9600);

        /// <summary>
        /// Chint DTSU666 (three phase). Register map as in volkszaehler/mbmd <c>meters/rs485/dtsu666.go</c>, which follows
        /// the Chint "DTSU666 DSSU666 User Manual" (holding registers, function 03, float32 high word first): 0x101E
        /// positive (import) active energy, kWh; 0x2012 total active power, 0.1 W. Factory serial settings: not in that
        /// source; 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Dtsu666 = new MeterProfile("dtsu666", "Chint DTSU666",
            ModbusLimits.ReadHoldingRegisters, 0x101E, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x2012, RegisterDataType.Float32, 1, 10, 9600);

        /// <summary>
        /// Schneider Electric iEM3150/3155/3250/3255/3350/3355. Register map as in volkszaehler/mbmd
        /// <c>meters/rs485/iem3000.go</c>, which follows Schneider Electric user guide DOCA0005 (holding registers,
        /// function 03, float32 high word first): 0x600C total active energy import, kWh; 0x5012 total active power, kW.
        /// Factory serial settings: not in that source; 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Iem3x5x = new MeterProfile("iem3x5x", "Schneider Electric iEM3x5x",
            ModbusLimits.ReadHoldingRegisters, 0x600C, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x5012, RegisterDataType.Float32, 1000, 1, 9600);

        /// <summary>
        /// Orno OR-WE-516 (three phase). Register map as in volkszaehler/mbmd <c>meters/rs485/orno3p.go</c> ("ORNO WE-516
        /// &amp; WE-517"; holding registers, function 03, float32 high word first): 0x0108 total import active energy,
        /// kWh; 0x001C total active power, kW. Factory 9600 baud, odd parity, 1 stop bit, address 1, as in
        /// groupsky/ya-modbus <c>packages/driver-or-we-516/README.md</c>.
        /// </summary>
        public static readonly MeterProfile OrWe516 = new MeterProfile("or-we-516", "Orno OR-WE-516",
            ModbusLimits.ReadHoldingRegisters, 0x0108, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1,
            0x001C, RegisterDataType.Float32, 1000, 1, 9600, SerialSettings.ParityOdd, 1);

        /// <summary>
        /// Orno OR-WE-504 (single phase). Register map as in volkszaehler/mbmd <c>meters/rs485/orno1p504.go</c> (holding
        /// registers, function 03): 0x0007 total active energy, uint32 high word first, Wh. Its power register is 16
        /// bits wide, which profiles do not read: energy only. Factory serial settings: not in that source; 9600 8N1
        /// here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile OrWe504 = new MeterProfile("or-we-504", "Orno OR-WE-504",
            ModbusLimits.ReadHoldingRegisters, 0x0007, RegisterDataType.UInt32, WordOrder.HighWordFirst, 1, 1,
            MeterProfile.NoRegister, RegisterDataType.UInt32, 1, 1, 9600);

        /// <summary>
        /// Phoenix Contact EEM-350-D-MCB. Register map as in SmartEVSE/SmartEVSE-3 <c>SmartEVSE-3/src/meter.cpp</c>,
        /// table <c>EMConfig</c>, entry "Phoenix C" (input registers, function 04, int32 low word first): 0x003E import
        /// active energy, 0.1 kWh; 0x0028 total active power, 0.1 W. Factory serial settings: not in that source;
        /// 9600 8N1 here, check the meter's menu.
        /// </summary>
        public static readonly MeterProfile Eem350 = new MeterProfile("eem-350", "Phoenix Contact EEM-350-D-MCB",
            ModbusLimits.ReadInputRegisters, 0x003E, RegisterDataType.Int32, WordOrder.LowWordFirst, 100, 1,
            0x0028, RegisterDataType.Int32, 1, 10, 9600);

        // Older spellings still accepted (configurations written before the names were unified), each with its profile name.
        private static readonly string[] Aliases = { "abb_b21", "abb-b21", "abb_b23", "abb-b23" };

        /// <summary>Every named profile, for look-up and listing.</summary>
        public static MeterProfile[] All()
        {
            return new MeterProfile[] { Sdm120, Sdm230, Sdm630, Sdm72, AbbB21, AbbB23, Em340, Em111, Finder7M, Ddsu666, Dtsu666, Iem3x5x, OrWe516, OrWe504, Eem350 };
        }

        /// <summary>The profile names, in <see cref="All"/>'s order (allocates).</summary>
        public static string[] Names()
        {
            MeterProfile[] all = All();
            string[] names = new string[all.Length];
            for (int i = 0; i < all.Length; i++) names[i] = all[i].Name;
            return names;
        }

        /// <summary>The profile names as one line, "sdm120, sdm230, …" (allocates; for help and messages).</summary>
        public static string NameList()
        {
            string[] names = Names();
            string text = string.Empty;
            for (int i = 0; i < names.Length; i++) text += (i == 0 ? string.Empty : ", ") + names[i];
            return text;
        }

        /// <summary>Finds a named profile, without regard to case; older spellings (abb_b21) are accepted.</summary>
        /// <returns>False when no profile has that name.</returns>
        public static bool TryFind(string name, out MeterProfile profile)
        {
            profile = null;
            if (name == null) return false;
            string lower = name.ToLower();
            for (int i = 0; i < Aliases.Length; i += 2)
            {
                if (Aliases[i] == lower) lower = Aliases[i + 1];
            }

            MeterProfile[] all = All();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == lower)
                {
                    profile = all[i];
                    return true;
                }
            }

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
