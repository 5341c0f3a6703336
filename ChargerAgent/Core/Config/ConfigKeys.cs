namespace ChargerAgent.Core.Config
{
    /// <summary>The names of every configuration key, so code never spells one twice.</summary>
    public static class ConfigKeys
    {
        /// <summary>Wi-Fi network name.</summary>
        public const string WifiSsid = "wifi.ssid";
        /// <summary>Wi-Fi password (secret).</summary>
        public const string WifiPassword = "wifi.password";
        /// <summary>Flatpeak account id (HTTP Basic user for /login).</summary>
        public const string AccountId = "flatpeak.account_id";
        /// <summary>Flatpeak API key (secret).</summary>
        public const string ApiKey = "flatpeak.api_key";
        /// <summary>Flatpeak location id.</summary>
        public const string LocationId = "flatpeak.location_id";
        /// <summary>This charger's own id: the prefix of every record and session reference id.</summary>
        public const string AgentId = "agent.id";
        /// <summary>The old name of <see cref="AgentId"/>, still read (whatever its value) so existing reference ids never change.</summary>
        public const string DeviceId = "flatpeak.device_id";
        /// <summary>Flatpeak's own device id (dev_...), sent as device_id on every record.</summary>
        public const string FlatpeakDevice = "flatpeak.device";
        /// <summary>The reference_id under which the agent registers itself once through POST /devices.</summary>
        public const string FlatpeakDeviceReference = "flatpeak.device_reference";
        /// <summary>Whether the price of the current and next half-hour is read and shown.</summary>
        public const string ShowPrices = "flatpeak.show_prices";
        /// <summary>API base address.</summary>
        public const string BaseUrl = "flatpeak.base_url";
        /// <summary>tariff_direction sent with each record.</summary>
        public const string TariffDirection = "flatpeak.tariff_direction";
        /// <summary>energy_flow_direction sent with each record.</summary>
        public const string FlowDirection = "flatpeak.flow_direction";
        /// <summary>Whether the (beta) confidence field is sent.</summary>
        public const string SendConfidence = "flatpeak.send_confidence";
        /// <summary>s0 or modbus.</summary>
        public const string MeterKind = "meter.kind";
        /// <summary>Supply voltage, V.</summary>
        public const string Voltage = "meter.voltage";
        /// <summary>Maximum current per phase, A.</summary>
        public const string MaxCurrent = "meter.max_current";
        /// <summary>Number of phases, 1 or 3.</summary>
        public const string Phases = "meter.phases";
        /// <summary>GPIO of the S0 input.</summary>
        public const string S0Pin = "s0.pin";
        /// <summary>The S0 meter's constant, impulses per kWh.</summary>
        public const string S0ImpulsesPerKwh = "s0.impulses_per_kwh";
        /// <summary>Energy between checkpoints of a pulse meter, Wh.</summary>
        public const string S0CheckpointWh = "s0.checkpoint_wh";
        /// <summary>Modbus meter profile.</summary>
        public const string ModbusProfile = "modbus.profile";
        /// <summary>GPIO of the RS485 UART's TX.</summary>
        public const string ModbusTxPin = "modbus.tx_pin";
        /// <summary>GPIO of the RS485 UART's RX.</summary>
        public const string ModbusRxPin = "modbus.rx_pin";
        /// <summary>GPIO of the RS485 UART's RTS (transceiver DE/RE).</summary>
        public const string ModbusRtsPin = "modbus.rts_pin";
        /// <summary>Modbus baud rate.</summary>
        public const string ModbusBaud = "modbus.baud";
        /// <summary>Modbus parity.</summary>
        public const string ModbusParity = "modbus.parity";
        /// <summary>Modbus stop bits.</summary>
        public const string ModbusStopBits = "modbus.stop_bits";
        /// <summary>Modbus slave address.</summary>
        public const string ModbusAddress = "modbus.address";
        /// <summary>Generic profile: 3 (holding) or 4 (input registers).</summary>
        public const string GenericFunction = "modbus.generic_function";
        /// <summary>Generic profile: first register of the import energy (wire address, decimal).</summary>
        public const string GenericRegister = "modbus.generic_register";
        /// <summary>Generic profile: float32, int32, uint32, int64 or uint64.</summary>
        public const string GenericType = "modbus.generic_type";
        /// <summary>Generic profile: high_first or low_first.</summary>
        public const string GenericWordOrder = "modbus.generic_word_order";
        /// <summary>Generic profile: Wh per register unit, a decimal (1000 for kWh, 0.1 for 0.1 Wh).</summary>
        public const string GenericWhPerUnit = "modbus.generic_wh_per_unit";
        /// <summary>Generic profile: first register of the total active power (same type and word order), or unset.</summary>
        public const string GenericPowerRegister = "modbus.generic_power_register";
        /// <summary>Generic profile: W per power register unit, a decimal.</summary>
        public const string GenericWPerUnit = "modbus.generic_w_per_unit";
        /// <summary>Seconds between meter polls.</summary>
        public const string ModbusPollSeconds = "modbus.poll_seconds";
        /// <summary>Answer timeout, ms.</summary>
        public const string ModbusTimeoutMs = "modbus.timeout_ms";
        /// <summary>What starts and stops sessions: manual, power or both.</summary>
        public const string SessionSource = "session.source";
        /// <summary>Power above which a session starts, W.</summary>
        public const string SessionStartWatts = "session.start_watts";
        /// <summary>Power below which a session may stop, W.</summary>
        public const string SessionStopWatts = "session.stop_watts";
        /// <summary>Seconds below the stop power before the session stops.</summary>
        public const string SessionStopDelaySeconds = "session.stop_delay_seconds";
        /// <summary>GPIO of the status LED.</summary>
        public const string LedPin = "led.pin";
        /// <summary>True when the LED lights with the pin low.</summary>
        public const string LedActiveLow = "led.active_low";
        /// <summary>Least time between two upload requests, ms.</summary>
        public const string UploadMinGapMs = "upload.min_gap_ms";
        /// <summary>Deadline of one upload request, s.</summary>
        public const string UploadTimeoutSeconds = "upload.timeout_seconds";
        /// <summary>Longest wait between retries, s.</summary>
        public const string UploadMaxBackoffSeconds = "upload.max_backoff_seconds";
        /// <summary>GPIO of the console UART's TX.</summary>
        public const string ConsoleTxPin = "console.tx_pin";
        /// <summary>GPIO of the console UART's RX.</summary>
        public const string ConsoleRxPin = "console.rx_pin";
        /// <summary>Console baud rate.</summary>
        public const string ConsoleBaud = "console.baud";
        /// <summary>Seconds without a loop tick before the software watchdog reboots.</summary>
        public const string WatchdogTimeoutSeconds = "watchdog.timeout_seconds";
        /// <summary>Size of the flash partition the agent's files live on, KB.</summary>
        public const string FlashPartitionKb = "flash.partition_kb";
        /// <summary>Console log level.</summary>
        public const string LogLevel = "log.level";
    }
}
