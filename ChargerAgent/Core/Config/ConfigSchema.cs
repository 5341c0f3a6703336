using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// Every configuration key the agent knows, in the order <c>config show</c> lists them. A key not
    /// listed here is an error in <c>config.txt</c>: a misspelt key must never be silently ignored.
    /// </summary>
    public static class ConfigSchema
    {
        /// <summary>Longest text value, characters.</summary>
        public const int MaxTextLength = 64;

        private static readonly string[] TariffDirections = { "IMPORT", "EXPORT", "LOCAL" };
        private static readonly string[] FlowDirections = { "INBOUND", "OUTBOUND" };
        private static readonly string[] MeterKinds = { "s0", "modbus" };
        private static readonly string[] PhaseCounts = { "1", "3" };
        private static readonly string[] GenericFunctions = { "3", "4" };
        private static readonly string[] GenericTypes = { "float32", "int32", "uint32", "int64", "uint64" };
        private static readonly string[] GenericWordOrders = { "high_first", "low_first" };
        private static readonly string[] SessionSources = { "manual", "power", "both" };
        private static readonly string[] ConsoleBauds = { "9600", "19200", "38400", "57600", "115200" };
        private static readonly string[] LogLevels = { "error", "warn", "info", "debug" };

        // Built on first use, not by a static initializer: the list reads the meter profiles and the serial settings,
        // and nanoCLR runs static constructors in its own order, so another type's fields may not be set yet.
        private static ConfigKey[] keys;

        private static ConfigKey[] Keys
        {
            get
            {
                if (keys == null) keys = Build();
                return keys;
            }
        }

        private static ConfigKey[] Build()
        {
            string[] profiles = ProfileChoices();
            string[] modbusBauds = Words(SerialSettings.AllowedBauds());
            string[] parities = SerialSettings.AllowedParities();
            string[] stopBits = Words(SerialSettings.AllowedStopBits());
            return new ConfigKey[]
            {
            Text(ConfigKeys.WifiSsid, null, false, 1, 32, "Wi-Fi network name"),
            Text(ConfigKeys.WifiPassword, "", true, 0, 63, "Wi-Fi password (8-63 characters, empty for an open network)"),
            Text(ConfigKeys.AccountId, null, false, 1, MaxTextLength, "Flatpeak account id"),
            Text(ConfigKeys.ApiKey, null, true, 8, 128, "Flatpeak API key (sk_test_... or sk_live_...)"),
            Text(ConfigKeys.LocationId, null, false, 1, MaxTextLength, "Flatpeak location id"),
            new ConfigKey(ConfigKeys.AgentId, ConfigValueKind.Identifier, null, false, 1, Records.ReferenceIds.MaxDeviceIdLength, null, "this charger's own id: prefix of every reference id"),
            new ConfigKey(ConfigKeys.DeviceId, ConfigValueKind.Identifier, null, false, 1, Records.ReferenceIds.MaxDeviceIdLength, null, "old name of agent.id (still read; keeps the reference ids)"),
            new ConfigKey(ConfigKeys.FlatpeakDevice, ConfigValueKind.Identifier, null, false, 5, Records.ReferenceIds.MaxDeviceIdLength, null, "Flatpeak device id (dev_...), sent as device_id on every record"),
            new ConfigKey(ConfigKeys.FlatpeakDeviceReference, ConfigValueKind.Identifier, null, false, 1, Records.ReferenceIds.MaxDeviceIdLength, null, "reference_id to register this charger once through POST /devices"),
            new ConfigKey(ConfigKeys.BaseUrl, ConfigValueKind.Url, "https://api.flatpeak.com", false, 10, 128, null, "API base address"),
            Choice(ConfigKeys.TariffDirection, "IMPORT", TariffDirections, "tariff_direction of every record"),
            Choice(ConfigKeys.FlowDirection, "INBOUND", FlowDirections, "energy_flow_direction of every record"),
            Boolean(ConfigKeys.SendConfidence, "false", "send the confidence field (beta; ask Flatpeak first)"),
            Boolean(ConfigKeys.ShowPrices, "false", "read POST /prices and show the current and next half-hour price"),
            Choice(ConfigKeys.MeterKind, null, MeterKinds, "meter: s0 (pulse output) or modbus (RS485)"),
            Integer(ConfigKeys.Voltage, "230", 100, 480, "supply voltage, V (power bound)"),
            Integer(ConfigKeys.MaxCurrent, "32", 1, 125, "maximum current per phase, A (power bound)"),
            Choice(ConfigKeys.Phases, "1", PhaseCounts, "phases: 1 or 3"),
            Pin(ConfigKeys.S0Pin, "26", "GPIO of the S0 input"),
            Integer(ConfigKeys.S0ImpulsesPerKwh, "1000", 1, 100000, "S0 meter constant, impulses per kWh"),
            Integer(ConfigKeys.S0CheckpointWh, "20", 1, 1000, "pulse meter: energy between checkpoints, Wh"),
            new ConfigKey(ConfigKeys.ModbusProfile, ConfigValueKind.MeterProfile, null, false, 0, 0, profiles, "Modbus meter: " + Join(profiles)),
            Pin(ConfigKeys.ModbusTxPin, "17", "GPIO of the RS485 UART TX (transceiver DI)"),
            Pin(ConfigKeys.ModbusRxPin, "16", "GPIO of the RS485 UART RX (transceiver RO)"),
            Pin(ConfigKeys.ModbusRtsPin, "4", "GPIO of the RS485 UART RTS (transceiver DE and /RE)"),
            Choice(ConfigKeys.ModbusBaud, null, modbusBauds, "Modbus baud rate (unset: the profile's factory setting)"),
            Choice(ConfigKeys.ModbusParity, null, parities, "Modbus parity: none, even, odd (unset: the profile's factory setting)"),
            Choice(ConfigKeys.ModbusStopBits, null, stopBits, "Modbus stop bits: 1 or 2 (unset: the profile's factory setting)"),
            Integer(ConfigKeys.ModbusAddress, "1", 1, 247, "Modbus slave address"),
            Choice(ConfigKeys.GenericFunction, null, GenericFunctions, "generic profile: function 3 (holding) or 4 (input registers)"),
            Integer(ConfigKeys.GenericRegister, null, 0, 65535, "generic profile: first register of the import energy (wire address, decimal)"),
            Choice(ConfigKeys.GenericType, null, GenericTypes, "generic profile: float32, int32, uint32, int64, uint64"),
            Choice(ConfigKeys.GenericWordOrder, "high_first", GenericWordOrders, "generic profile: word order, high_first or low_first"),
            new ConfigKey(ConfigKeys.GenericWhPerUnit, ConfigValueKind.Decimal, null, false, 0, 0, null, "generic profile: Wh per register unit (1000 for kWh, 0.1 for 0.1 Wh)"),
            Integer(ConfigKeys.GenericPowerRegister, null, 0, 65535, "generic profile: first register of the total power (unset: none)"),
            new ConfigKey(ConfigKeys.GenericWPerUnit, ConfigValueKind.Decimal, "1", false, 0, 0, null, "generic profile: W per power register unit"),
            Integer(ConfigKeys.ModbusPollSeconds, "10", 1, 300, "seconds between meter polls"),
            Integer(ConfigKeys.ModbusTimeoutMs, "500", 50, 5000, "Modbus answer timeout, ms"),
            Choice(ConfigKeys.SessionSource, "manual", SessionSources, "sessions from: manual (console/API), power, both"),
            Integer(ConfigKeys.SessionStartWatts, "1000", 1, 100000, "power above which a session starts, W"),
            Integer(ConfigKeys.SessionStopWatts, "200", 0, 100000, "power below which a session may stop, W"),
            Integer(ConfigKeys.SessionStopDelaySeconds, "120", 0, 3600, "seconds below the stop power before the session stops"),
            Pin(ConfigKeys.LedPin, "25", "GPIO of the status LED"),
            Boolean(ConfigKeys.LedActiveLow, "false", "true when the LED lights with the pin low"),
            Integer(ConfigKeys.UploadMinGapMs, "1000", 0, Upload.UploadOptions.DefaultMaxPaceMs, "least time between two upload requests, ms"),
            Integer(ConfigKeys.UploadTimeoutSeconds, "60", 5, 300, "deadline of one upload request, s"),
            Integer(ConfigKeys.UploadMaxBackoffSeconds, "3600", 60, 86400, "longest wait between retries, s"),
            Pin(ConfigKeys.ConsoleTxPin, "32", "GPIO of the console UART TX (COM3)"),
            Pin(ConfigKeys.ConsoleRxPin, "33", "GPIO of the console UART RX (COM3)"),
            Choice(ConfigKeys.ConsoleBaud, "115200", ConsoleBauds, "console baud rate"),
            Integer(ConfigKeys.WatchdogTimeoutSeconds, "120", 10, 3600, "seconds without a loop tick before the watchdog reboots"),
            Integer(ConfigKeys.FlashPartitionKb, "256", 16, 16384, "size of the flash partition the agent's files live on, KB (256 on 4 MB boards; the 64 of 2 MB boards cannot hold the ring)"),
            Choice(ConfigKeys.LogLevel, "info", LogLevels, "console log level: error, warn, info, debug"),
            };
        }

        /// <summary>Number of keys.</summary>
        public static int Count => Keys.Length;

        /// <summary>The key at <paramref name="index"/> (0 to <see cref="Count"/> - 1), in display order.</summary>
        public static ConfigKey At(int index)
        {
            return Keys[index];
        }

        /// <summary>The key named <paramref name="name"/> (case-insensitive), or null when there is none.</summary>
        public static ConfigKey Find(string name)
        {
            if (name == null) return null;
            string lower = name.ToLower();
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i].Name == lower) return Keys[i];
            }

            return null;
        }

        /// <summary>True when <paramref name="name"/> names a secret key.</summary>
        public static bool IsSecret(string name)
        {
            ConfigKey key = Find(name);
            return key != null && key.Secret;
        }

        /// <summary>The name a configuration uses for the generic profile.</summary>
        public const string GenericProfileName = "generic";

        private static string[] ProfileChoices()
        {
            string[] names = MeterProfiles.Names();
            string[] choices = new string[names.Length + 1];
            for (int i = 0; i < names.Length; i++) choices[i] = names[i];
            choices[names.Length] = GenericProfileName;
            return choices;
        }

        private static string[] Words(int[] numbers)
        {
            string[] words = new string[numbers.Length];
            for (int i = 0; i < numbers.Length; i++) words[i] = numbers[i].ToString();
            return words;
        }

        private static string Join(string[] words)
        {
            string text = string.Empty;
            for (int i = 0; i < words.Length; i++) text += (i == 0 ? string.Empty : ", ") + words[i];
            return text;
        }

        private static ConfigKey Text(string name, string defaultValue, bool secret, int minLength, int maxLength, string help)
        {
            return new ConfigKey(name, ConfigValueKind.Text, defaultValue, secret, minLength, maxLength, null, help);
        }

        private static ConfigKey Integer(string name, string defaultValue, int minimum, int maximum, string help)
        {
            return new ConfigKey(name, ConfigValueKind.Integer, defaultValue, false, minimum, maximum, null, help);
        }

        private static ConfigKey Choice(string name, string defaultValue, string[] choices, string help)
        {
            return new ConfigKey(name, ConfigValueKind.Choice, defaultValue, false, 0, 0, choices, help);
        }

        private static ConfigKey Boolean(string name, string defaultValue, string help)
        {
            return new ConfigKey(name, ConfigValueKind.Boolean, defaultValue, false, 0, 0, null, help);
        }

        private static ConfigKey Pin(string name, string defaultValue, string help)
        {
            return new ConfigKey(name, ConfigValueKind.Pin, defaultValue, false, 0, 39, null, help);
        }
    }
}
