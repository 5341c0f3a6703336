namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// The validated configuration, typed. Filled by <see cref="ConfigValidator"/>, and usable only when the
    /// configuration is valid as a whole; the agent reads it at start (changes need a restart).
    /// </summary>
    public sealed class AgentConfig
    {
        /// <summary>Wi-Fi network name (empty on the desktop).</summary>
        public string WifiSsid;
        /// <summary>Wi-Fi password (secret; empty for an open network).</summary>
        public string WifiPassword;
        /// <summary>Flatpeak account id.</summary>
        public string AccountId;
        /// <summary>Flatpeak API key (secret).</summary>
        public string ApiKey;
        /// <summary>Flatpeak location id.</summary>
        public string LocationId;
        /// <summary>This charger's own id (<c>agent.id</c>, or its old name <c>flatpeak.device_id</c>): the reference id prefix.</summary>
        public string DeviceId;
        /// <summary>True when both <c>agent.id</c> and its old name <c>flatpeak.device_id</c> are set, to different values: the agent refuses to guess which prefix keeps the reference ids.</summary>
        public bool DeviceIdConflict;
        /// <summary>Flatpeak's device id (dev_...) sent as device_id on every record, or null.</summary>
        public string FlatpeakDevice;
        /// <summary>The reference_id to register under through POST /devices, or null.</summary>
        public string FlatpeakDeviceReference;
        /// <summary>Read and show the current and next half-hour's price.</summary>
        public bool ReadPrices;
        /// <summary>API base address without a trailing slash.</summary>
        public string BaseUrl;
        /// <summary>IMPORT, EXPORT or LOCAL.</summary>
        public string TariffDirection;
        /// <summary>INBOUND or OUTBOUND.</summary>
        public string FlowDirection;
        /// <summary>Send the confidence field.</summary>
        public bool SendConfidence;
        /// <summary>True for a Modbus meter, false for S0.</summary>
        public bool MeterIsModbus;
        /// <summary>Supply voltage, V.</summary>
        public int VoltageV;
        /// <summary>Maximum current per phase, A.</summary>
        public int MaxCurrentA;
        /// <summary>1 or 3.</summary>
        public int Phases;
        /// <summary>S0 input GPIO.</summary>
        public int S0Pin;
        /// <summary>S0 impulses per kWh.</summary>
        public int S0ImpulsesPerKwh;
        /// <summary>Pulse meter checkpoint step, Wh.</summary>
        public int S0CheckpointWh;
        /// <summary>Modbus profile name (one of <see cref="Metering.Profiles.MeterProfiles.Names"/>, or "generic"), or null for S0.</summary>
        public string ModbusProfile;
        /// <summary>The Modbus meter's profile, named or built from the generic keys; null for S0.</summary>
        public Metering.Profiles.MeterProfile ModbusMeterProfile;
        /// <summary>RS485 UART TX GPIO.</summary>
        public int ModbusTxPin;
        /// <summary>RS485 UART RX GPIO.</summary>
        public int ModbusRxPin;
        /// <summary>RS485 UART RTS (DE/RE) GPIO.</summary>
        public int ModbusRtsPin;
        /// <summary>Modbus baud rate (the configured one, else the profile's factory setting).</summary>
        public int ModbusBaud;
        /// <summary>none, even or odd (the configured one, else the profile's factory setting).</summary>
        public string ModbusParity;
        /// <summary>1 or 2 (the configured one, else the profile's factory setting).</summary>
        public int ModbusStopBits;
        /// <summary>Slave address 1-247.</summary>
        public int ModbusAddress;
        /// <summary>Seconds between polls.</summary>
        public int ModbusPollSeconds;
        /// <summary>Answer timeout, ms.</summary>
        public int ModbusTimeoutMs;
        /// <summary>manual, power or both.</summary>
        public string SessionSource;
        /// <summary>Session start power, W.</summary>
        public int SessionStartWatts;
        /// <summary>Session stop power, W.</summary>
        public int SessionStopWatts;
        /// <summary>Seconds below the stop power before a session stops.</summary>
        public int SessionStopDelaySeconds;
        /// <summary>Status LED GPIO.</summary>
        public int LedPin;
        /// <summary>LED lights with the pin low.</summary>
        public bool LedActiveLow;
        /// <summary>Least time between upload requests, ms.</summary>
        public int UploadMinGapMs;
        /// <summary>Deadline of one upload request, s.</summary>
        public int UploadTimeoutSeconds;
        /// <summary>Longest retry wait, s.</summary>
        public int UploadMaxBackoffSeconds;
        /// <summary>Console UART TX GPIO.</summary>
        public int ConsoleTxPin;
        /// <summary>Console UART RX GPIO.</summary>
        public int ConsoleRxPin;
        /// <summary>Console baud rate.</summary>
        public int ConsoleBaud;
        /// <summary>Watchdog timeout, s.</summary>
        public int WatchdogTimeoutSeconds;
        /// <summary>error, warn, info or debug.</summary>
        public string LogLevel;
        /// <summary>Size of the flash partition the agent's files live on, KB.</summary>
        public int FlashPartitionKb = 256;

        /// <summary>Maximum power (voltage × current × phases), W: the plausibility and downtime bound.</summary>
        public int MaxPowerW => VoltageV * MaxCurrentA * Phases;
    }
}
