using System;
using System.Collections;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// Checks a configuration as a whole (required keys, keys that depend on the meter kind, pins
    /// that clash or cannot drive an output, thresholds that contradict each other) and fills the
    /// typed <see cref="AgentConfig"/>. Every problem names the key and the reason and never a
    /// secret's value. The last step builds what the agent itself builds from the configuration
    /// (<see cref="AgentConfigCheck"/>), so <c>config check</c> and the agent accept exactly the same files.
    /// </summary>
    public static class ConfigValidator
    {
        /// <summary>Most problems collected in one pass.</summary>
        public const int MaxProblems = 16;

        /// <summary>Validates <paramref name="values"/>; on success fills <paramref name="into"/>.</summary>
        /// <param name="values">The configuration.</param>
        /// <param name="forDevice">True on the ESP32: Wi-Fi and pins are checked too.</param>
        /// <param name="into">Filled; usable only when the result is true.</param>
        /// <param name="problems">Every problem found ("key: reason"), empty when valid.</param>
        public static bool Validate(ConfigValues values, bool forDevice, AgentConfig into, out string[] problems)
        {
            if (values == null) throw new System.ArgumentNullException(nameof(values));
            if (into == null) throw new System.ArgumentNullException(nameof(into));

            ArrayList found = new ArrayList();
            if (values.Count == 0)
            {
                problems = new string[] { "no configuration: set the keys with config set, then config save" };
                return false;
            }

            if (forDevice) Require(values, ConfigKeys.WifiSsid, found);
            Require(values, ConfigKeys.AccountId, found);
            Require(values, ConfigKeys.ApiKey, found);
            Require(values, ConfigKeys.LocationId, found);
            CheckDeviceKeys(values, found);
            Require(values, ConfigKeys.MeterKind, found);

            bool modbus = values.Get(ConfigKeys.MeterKind) == "modbus";
            if (modbus) Require(values, ConfigKeys.ModbusProfile, found);
            bool generic = modbus && values.Get(ConfigKeys.ModbusProfile) == ConfigSchema.GenericProfileName;
            if (generic)
            {
                Require(values, ConfigKeys.GenericFunction, found);
                Require(values, ConfigKeys.GenericRegister, found);
                Require(values, ConfigKeys.GenericType, found);
                Require(values, ConfigKeys.GenericWhPerUnit, found);
                if (values.Get(ConfigKeys.GenericFunction) != null && values.Get(ConfigKeys.GenericRegister) != null
                    && values.Get(ConfigKeys.GenericType) != null && values.Get(ConfigKeys.GenericWhPerUnit) != null)
                {
                    try
                    {
                        ProfileOf(values);
                    }
                    catch (ArgumentException e)
                    {
                        Add(found, e.Message);
                    }
                }
            }

            string source = values.Get(ConfigKeys.SessionSource);
            if (source != "manual" && Number(values, ConfigKeys.SessionStopWatts) >= Number(values, ConfigKeys.SessionStartWatts))
            {
                Add(found, ConfigKeys.SessionStopWatts + ": must be below " + ConfigKeys.SessionStartWatts + " when sessions come from power");
            }

            string apiKey = values.Get(ConfigKeys.ApiKey);
            string baseUrl = values.Get(ConfigKeys.BaseUrl);
            if (apiKey != null && apiKey.StartsWith("sk_live_") && baseUrl != null && !baseUrl.ToLower().StartsWith("https://"))
            {
                Add(found, ConfigKeys.BaseUrl + ": a live key is only sent over https://");
            }

            if (forDevice) CheckPins(values, modbus, found);

            problems = new string[found.Count];
            for (int i = 0; i < found.Count; i++) problems[i] = (string)found[i];
            if (found.Count > 0) return false;

            Fill(values, modbus, into);
            string refused = AgentConfigCheck.Problem(into);
            if (refused != null)
            {
                problems = new string[] { refused };
                return false;
            }

            return true;
        }

        /// <summary>
        /// Fills <paramref name="into"/> from <paramref name="values"/> without checking anything (a key that is missing
        /// reads as 0 or null). For tools and tests that compare what the check and the agent make of one file.
        /// </summary>
        public static void FillUnchecked(ConfigValues values, AgentConfig into)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            if (into == null) throw new ArgumentNullException(nameof(into));
            Fill(values, values.Get(ConfigKeys.MeterKind) == "modbus", into);
        }

        /// <summary>The Modbus meter profile the values describe: a named one, or one built from the generic keys.</summary>
        /// <exception cref="ArgumentException">The generic keys are missing or do not make a profile (the message names the key).</exception>
        public static MeterProfile ProfileOf(ConfigValues values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            string name = values.Get(ConfigKeys.ModbusProfile);
            MeterProfile named;
            if (MeterProfiles.TryFind(name, out named)) return named;
            if (name != ConfigSchema.GenericProfileName) throw new ArgumentException(ConfigKeys.ModbusProfile + ": unknown meter profile");
            int function = Number(values, ConfigKeys.GenericFunction);
            int register = Number(values, ConfigKeys.GenericRegister);
            RegisterDataType type = TypeOf(values.Get(ConfigKeys.GenericType));
            WordOrder order = values.Get(ConfigKeys.GenericWordOrder) == "low_first" ? WordOrder.LowWordFirst : WordOrder.HighWordFirst;
            long whNumerator;
            long whDenominator;
            if (!DecimalScale.TryParse(values.Get(ConfigKeys.GenericWhPerUnit), out whNumerator, out whDenominator))
            {
                throw new ArgumentException(ConfigKeys.GenericWhPerUnit + ": missing");
            }

            int powerRegister = MeterProfile.NoRegister;
            long wNumerator = 1;
            long wDenominator = 1;
            if (values.Get(ConfigKeys.GenericPowerRegister) != null)
            {
                powerRegister = Number(values, ConfigKeys.GenericPowerRegister);
                if (!DecimalScale.TryParse(values.Get(ConfigKeys.GenericWPerUnit), out wNumerator, out wDenominator))
                {
                    throw new ArgumentException(ConfigKeys.GenericWPerUnit + ": missing");
                }
            }

            try
            {
                return new MeterProfile(ConfigSchema.GenericProfileName, "Generic Modbus meter", (byte)function, register, type, order,
                    whNumerator, whDenominator, powerRegister, type, wNumerator, wDenominator, 9600);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(ConfigKeys.GenericRegister + ": " + e.Message);
            }
        }

        private static RegisterDataType TypeOf(string name)
        {
            switch (name)
            {
                case "int32": return RegisterDataType.Int32;
                case "uint32": return RegisterDataType.UInt32;
                case "int64": return RegisterDataType.Int64;
                case "uint64": return RegisterDataType.UInt64;
                case "float32": return RegisterDataType.Float32;
                default: throw new ArgumentException(ConfigKeys.GenericType + ": missing");
            }
        }

        private static void CheckPins(ConfigValues values, bool modbus, ArrayList found)
        {
            string[] used = modbus
                ? new string[] { ConfigKeys.LedPin, ConfigKeys.ConsoleTxPin, ConfigKeys.ConsoleRxPin, ConfigKeys.ModbusTxPin, ConfigKeys.ModbusRxPin, ConfigKeys.ModbusRtsPin }
                : new string[] { ConfigKeys.LedPin, ConfigKeys.ConsoleTxPin, ConfigKeys.ConsoleRxPin, ConfigKeys.S0Pin };
            string[] outputs = { ConfigKeys.LedPin, ConfigKeys.ConsoleTxPin, ConfigKeys.ModbusTxPin, ConfigKeys.ModbusRtsPin };

            for (int i = 0; i < used.Length; i++)
            {
                int pin = Number(values, used[i]);
                for (int j = 0; j < outputs.Length; j++)
                {
                    if (outputs[j] == used[i] && Esp32Pins.IsInputOnly(pin))
                    {
                        Add(found, used[i] + ": GPIO " + pin.ToString() + " is input-only and cannot drive an output");
                    }
                }

                for (int j = 0; j < i; j++)
                {
                    if (Number(values, used[j]) == pin)
                    {
                        Add(found, used[i] + ": GPIO " + pin.ToString() + " is already used by " + used[j]);
                    }
                }
            }
        }

        private static void Fill(ConfigValues v, bool modbus, AgentConfig c)
        {
            c.WifiSsid = v.Get(ConfigKeys.WifiSsid);
            if (c.WifiSsid == null) c.WifiSsid = string.Empty;
            c.WifiPassword = v.Get(ConfigKeys.WifiPassword);
            c.AccountId = v.Get(ConfigKeys.AccountId);
            c.ApiKey = v.Get(ConfigKeys.ApiKey);
            c.LocationId = v.Get(ConfigKeys.LocationId);
            c.DeviceId = AgentId(v);
            c.DeviceIdConflict = v.Get(ConfigKeys.AgentId) != null && v.Get(ConfigKeys.DeviceId) != null && v.Get(ConfigKeys.AgentId) != v.Get(ConfigKeys.DeviceId);
            c.FlatpeakDevice = v.Get(ConfigKeys.FlatpeakDevice);
            c.FlatpeakDeviceReference = v.Get(ConfigKeys.FlatpeakDeviceReference);
            c.ReadPrices = v.Get(ConfigKeys.ShowPrices) == "true";
            c.BaseUrl = v.Get(ConfigKeys.BaseUrl);
            c.TariffDirection = v.Get(ConfigKeys.TariffDirection);
            c.FlowDirection = v.Get(ConfigKeys.FlowDirection);
            c.SendConfidence = v.Get(ConfigKeys.SendConfidence) == "true";
            c.MeterIsModbus = modbus;
            c.VoltageV = Number(v, ConfigKeys.Voltage);
            c.MaxCurrentA = Number(v, ConfigKeys.MaxCurrent);
            c.Phases = Number(v, ConfigKeys.Phases);
            c.S0Pin = Number(v, ConfigKeys.S0Pin);
            c.S0ImpulsesPerKwh = Number(v, ConfigKeys.S0ImpulsesPerKwh);
            c.S0CheckpointWh = Number(v, ConfigKeys.S0CheckpointWh);
            c.ModbusProfile = modbus ? v.Get(ConfigKeys.ModbusProfile) : null;
            c.ModbusMeterProfile = null;
            if (modbus)
            {
                try
                {
                    c.ModbusMeterProfile = ProfileOf(v);
                }
                catch (ArgumentException)
                {
                    c.ModbusMeterProfile = null;
                }
            }
            c.ModbusTxPin = Number(v, ConfigKeys.ModbusTxPin);
            c.ModbusRxPin = Number(v, ConfigKeys.ModbusRxPin);
            c.ModbusRtsPin = Number(v, ConfigKeys.ModbusRtsPin);
            // Unset serial settings are the profile's factory settings, on the board and on the desktop alike.
            MeterProfile factory = c.ModbusMeterProfile;
            c.ModbusBaud = v.Get(ConfigKeys.ModbusBaud) != null ? Number(v, ConfigKeys.ModbusBaud) : factory != null ? factory.DefaultBaud : 9600;
            c.ModbusParity = v.Get(ConfigKeys.ModbusParity) != null ? v.Get(ConfigKeys.ModbusParity) : factory != null ? factory.DefaultParity : SerialSettings.ParityNone;
            c.ModbusStopBits = v.Get(ConfigKeys.ModbusStopBits) != null ? Number(v, ConfigKeys.ModbusStopBits) : factory != null ? factory.DefaultStopBits : 1;
            c.ModbusAddress = Number(v, ConfigKeys.ModbusAddress);
            c.ModbusPollSeconds = Number(v, ConfigKeys.ModbusPollSeconds);
            c.ModbusTimeoutMs = Number(v, ConfigKeys.ModbusTimeoutMs);
            c.SessionSource = v.Get(ConfigKeys.SessionSource);
            c.SessionStartWatts = Number(v, ConfigKeys.SessionStartWatts);
            c.SessionStopWatts = Number(v, ConfigKeys.SessionStopWatts);
            c.SessionStopDelaySeconds = Number(v, ConfigKeys.SessionStopDelaySeconds);
            c.LedPin = Number(v, ConfigKeys.LedPin);
            c.LedActiveLow = v.Get(ConfigKeys.LedActiveLow) == "true";
            c.UploadMinGapMs = Number(v, ConfigKeys.UploadMinGapMs);
            c.UploadTimeoutSeconds = Number(v, ConfigKeys.UploadTimeoutSeconds);
            c.UploadMaxBackoffSeconds = Number(v, ConfigKeys.UploadMaxBackoffSeconds);
            c.ConsoleTxPin = Number(v, ConfigKeys.ConsoleTxPin);
            c.ConsoleRxPin = Number(v, ConfigKeys.ConsoleRxPin);
            c.ConsoleBaud = Number(v, ConfigKeys.ConsoleBaud);
            c.WatchdogTimeoutSeconds = Number(v, ConfigKeys.WatchdogTimeoutSeconds);
            c.LogLevel = v.Get(ConfigKeys.LogLevel);
            c.FlashPartitionKb = Number(v, ConfigKeys.FlashPartitionKb);
        }

        /// <summary>The prefix of every reference id: <c>agent.id</c>, else its old name <c>flatpeak.device_id</c> (whatever its value), else null.</summary>
        public static string AgentId(ConfigValues values)
        {
            if (values == null) throw new System.ArgumentNullException(nameof(values));
            string id = values.Get(ConfigKeys.AgentId);
            return id != null ? id : values.Get(ConfigKeys.DeviceId);
        }

        /// <summary>What <c>config check</c> points out in a usable configuration (never a secret's value), empty when nothing.</summary>
        public static string[] Warnings(ConfigValues values)
        {
            if (values == null) throw new System.ArgumentNullException(nameof(values));
            string old = values.Get(ConfigKeys.DeviceId);
            if (old == null || !old.StartsWith(DevicePrefix) || values.Get(ConfigKeys.AgentId) != null) return new string[0];
            return new string[]
            {
                ConfigKeys.DeviceId + ": '" + old + "' looks like a Flatpeak device id, but this key is only the prefix of reference ids"
                + " (now named " + ConfigKeys.AgentId + "; it keeps working and keeps the ids); to send a Flatpeak device id, set "
                + ConfigKeys.FlatpeakDevice,
            };
        }

        /// <summary>The one line for <c>agent.id</c> and <c>flatpeak.device_id</c> set to different values.</summary>
        public const string DeviceIdConflictProblem = ConfigKeys.AgentId + ": differs from " + ConfigKeys.DeviceId + " (its old name): keep one; the old value keeps the reference ids of records already sent";

        /// <summary>How every Flatpeak device id begins.</summary>
        public const string DevicePrefix = "dev_";

        private static void CheckDeviceKeys(ConfigValues values, ArrayList found)
        {
            string id = values.Get(ConfigKeys.AgentId);
            string old = values.Get(ConfigKeys.DeviceId);
            if ((id == null || id.Length == 0) && (old == null || old.Length == 0))
            {
                Add(found, ConfigKeys.AgentId + ": missing");
            }
            else if (id != null && old != null && id != old)
            {
                Add(found, DeviceIdConflictProblem);
            }

            string device = values.Get(ConfigKeys.FlatpeakDevice);
            if (device != null && (!device.StartsWith(DevicePrefix) || device.Length == DevicePrefix.Length))
            {
                Add(found, ConfigKeys.FlatpeakDevice + ": must be a Flatpeak device id (dev_...), as POST /devices returns it");
            }

            if (device != null && values.Get(ConfigKeys.FlatpeakDeviceReference) != null)
            {
                Add(found, ConfigKeys.FlatpeakDeviceReference + ": set it or " + ConfigKeys.FlatpeakDevice + ", not both");
            }
        }

        private static void Require(ConfigValues values, string name, ArrayList found)
        {
            string value = values.Get(name);
            if (value == null || value.Length == 0) Add(found, name + ": missing");
        }

        private static void Add(ArrayList found, string problem)
        {
            if (found.Count < MaxProblems) found.Add(problem);
        }

        private static int Number(ConfigValues values, string name)
        {
            int number;
            return ConfigValueCheck.TryParseNumber(values.Get(name), out number) ? number : 0;
        }
    }
}
