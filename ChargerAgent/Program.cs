using System;
using System.Device.Gpio;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Watchdog;
using ChargerAgent.Esp32;

namespace ChargerAgent
{
    /// <summary>
    /// Firmware entry point on the ESP32. Boot: flash, reboot note, configuration, LED, console,
    /// watchdog, Wi-Fi, then the agent (or the safe state when the configuration is missing or
    /// invalid); then one loop that ticks everything every <see cref="LoopPeriodMs"/>.
    /// </summary>
    public class Program
    {
        /// <summary>Sleep between loop passes, ms: the console answers and the LED steps at this rate.</summary>
        public const int LoopPeriodMs = 20;

        /// <summary>Faults at the loop's edge within <see cref="FaultWindowMs"/> that lead to a reboot.</summary>
        public const int MaxFaults = 5;

        /// <summary>Window for <see cref="MaxFaults"/>, ms.</summary>
        public const long FaultWindowMs = 600000;

        private const int DefaultWatchdogSeconds = 120;

        private const int BootBlinkMs = 50;

        /// <summary>Starts the board.</summary>
        public static void Main()
        {
            Esp32Clock clock = new Esp32Clock();
            AgentStatus status = new AgentStatus();
            status.Board.Booting = true;

            // 1. Flash. Without it the board still runs the LED and the console, in the safe state.
            Esp32FileStore files = null;
            Esp32FileStore noteFiles = null;
            string flashProblem = null;
            try
            {
                files = new Esp32FileStore(Esp32FileStore.DefaultFolder);
                noteFiles = new Esp32FileStore(Esp32FileStore.DefaultFolder);
                status.Board.LastRebootReason = RebootNote.Take(files);
            }
            catch (Exception e)
            {
                flashProblem = "flash: " + e.Message;
            }

            // 2. Configuration: loaded and validated as a whole, or the problems that keep the agent off.
            ConfigValues values = new ConfigValues();
            AgentConfig config = new AgentConfig();
            string[] problems = LoadConfiguration(files, values, config, flashProblem);
            bool configured = problems.Length == 0;
            status.Board.ConfigurationMissing = !configured;
            status.Board.ConfigurationProblem = configured ? null : Summary(problems);

            // 3. LED and console, from the configuration's pins even when the rest of it is invalid.
            StatusLed led = OpenLed(values);
            Timer bootBlink = null;
            if (led != null)
            {
                // Flicker while the rest of the boot runs (Wi-Fi, the agent's recovery); the loop takes over after.
                led.Update(status, clock.MonotonicMilliseconds);
                bootBlink = new Timer(delegate (object unused) { led.Update(status, clock.MonotonicMilliseconds); }, null, BootBlinkMs, BootBlinkMs);
            }

            Esp32ConsolePort port = OpenConsole(values);
            IConsoleOutput output = port != null ? (IConsoleOutput)port : new Esp32DebugOutput();
            ConsoleLog log = new ConsoleLog(output);
            log.TrySetLevel(values.Get(ConfigKeys.LogLevel));
            log.Write(ConsoleLog.Info, "ChargerAgent starting; last reboot: " + RebootReasons.Name(status.Board.LastRebootReason));
            for (int i = 0; i < problems.Length; i++) log.Write(ConsoleLog.Error, "configuration: " + problems[i]);

            // 4. Watchdog: from here on the loop must keep ticking.
            LoopWatchdog watchdog = new LoopWatchdog(Seconds(values, ConfigKeys.WatchdogTimeoutSeconds, DefaultWatchdogSeconds) * 1000L, clock.MonotonicMilliseconds);
            new Esp32Watchdog(watchdog, clock, noteFiles).Start();

            // 5. Wi-Fi whenever a network name is set (the clock then becomes valid even in the safe state).
            Esp32Wifi wifi = null;
            string ssid = values.Get(ConfigKeys.WifiSsid);
            if (ssid != null && ssid.Length > 0)
            {
                wifi = new Esp32Wifi(ssid, values.Get(ConfigKeys.WifiPassword));
                wifi.Start();
            }

            // 6. The agent, or the safe state.
            SafeStateControl safeState = new SafeStateControl();
            AgentParts agent = null;
            if (configured)
            {
                // The watchdog already runs: composition (ring recovery included) must finish within its timeout.
                watchdog.Kick(clock.MonotonicMilliseconds);
                string problem;
                try
                {
                    agent = ComposeAgent(config, files, clock, status, log, status.Board.LastRebootReason, out problem);
                }
                catch (Exception e)
                {
                    // A flash or meter-port failure while building must leave a board that says why.
                    agent = null;
                    problem = "agent could not start: " + e.GetType().Name + " " + e.Message;
                }

                if (agent == null)
                {
                    status.Board.ConfigurationMissing = true;
                    status.Board.ConfigurationProblem = problem;
                    log.Write(ConsoleLog.Error, problem);
                }
            }

            IAgentControl control = agent != null ? agent.Control : safeState;
            ConfigStore configStore = files != null ? new ConfigStore(files) : null;
            ConsoleCommands commands = new ConsoleCommands(output, status, control, values, configStore, log, true);
            if (agent == null || !config.MeterIsModbus) commands.MeterScan = OpenMeterScan(values, output, clock, log);
            ConsoleShell shell = new ConsoleShell(output, commands);
            shell.Start("ChargerAgent " + (agent != null ? "running" : "in its safe state: " + status.Board.ConfigurationProblem));

            if (bootBlink != null) bootBlink.Dispose();
            watchdog.Kick(clock.MonotonicMilliseconds);
            Run(clock, status, led, port, shell, commands, watchdog, wifi, agent, safeState, noteFiles, log);
        }

        /// <summary>
        /// Builds the agent from the validated configuration: the meter (S0 pulse counter, or Modbus
        /// over RS485 on COM2), the record ring and checkpoint store on <paramref name="files"/>, the
        /// HTTPS transport and the uploader, all through <see cref="AgentRuntime"/>, the same wiring
        /// the desktop agent and the simulator use. Its parts fill their sections of <paramref name="status"/>,
        /// the instance the LED and the console read; the board section stays this program's.
        /// </summary>
        private static AgentParts ComposeAgent(AgentConfig config, IFileStore files, Core.Time.IClock clock, AgentStatus status, ConsoleLog log, byte lastRebootReason, out string problem)
        {
            problem = null;
            IEnergySource meter;
            if (config.MeterIsModbus)
            {
                Esp32SerialLine.AssignCom2Pins(config.ModbusRxPin, config.ModbusTxPin, config.ModbusRtsPin);
                Esp32SerialLine line = new Esp32SerialLine("COM2", config.ModbusBaud, Esp32SerialLine.ParityOf(config.ModbusParity), config.ModbusStopBits);
                meter = RuntimeSettings.ModbusMeter(config, line, clock);
            }
            else
            {
                // The ESP32 PCNT count is extended to 64 bits natively: it does not wrap.
                meter = RuntimeSettings.PulseMeter(config, new Esp32PulseCounter(config.S0Pin), clock, 0);
            }

            // Each request's deadline (upload.timeout_seconds) comes with the request itself.
            Esp32HttpTransport transport = new Esp32HttpTransport(ReadExtraRoots(files, log), clock, Uploader.MaxResponseBytes);
            int seed = (int)(DateTime.UtcNow.Ticks ^ clock.MonotonicMilliseconds);
            AgentRuntime runtime = new AgentRuntime(RuntimeSettings.Agent(config), RuntimeSettings.Upload(config), RuntimeSettings.Ring(config),
                clock, meter, files, transport, new SystemRandomSource(seed), status);
            if (lastRebootReason != RebootReason.PowerLossOrUnknown) runtime.Agent.NoteRebootReason(lastRebootReason);
            log.Write(ConsoleLog.Info, "ring: " + runtime.Ring.Count + " record(s) kept, generation " + runtime.Ring.Generation);

            bool networkUp = false;
            return new AgentParts(
                delegate (long nowMs)
                {
                    if (status.Board.NetworkUp != networkUp)
                    {
                        networkUp = status.Board.NetworkUp;
                        runtime.SetNetworkUp(networkUp);
                    }

                    runtime.Tick();
                },
                runtime.Control,
                delegate { return runtime.Agent.RebootRequested; },
                delegate { return runtime.Agent.RebootRequestReason; });
        }

        /// <summary>
        /// Root certificates to trust for the API besides the device's CA store: a <c>ca.pem</c> file in
        /// the agent's flash folder, when present. It adds to the device store (uploaded with the
        /// board's network configuration), it does not replace it (see <see cref="Esp32Connection"/>),
        /// so a fleet can add a root without a firmware update. A file that is not a PEM certificate is
        /// reported and left out: the device store alone then decides.
        /// </summary>
        private static X509Certificate ReadExtraRoots(IFileStore files, ConsoleLog log)
        {
            const string Name = "ca.pem";
            long length = files.Length(Name);
            if (length <= 0) return null;
            try
            {
                byte[] bytes = new byte[(int)length];
                int read = files.Read(Name, 0, bytes, 0, bytes.Length);
                X509Certificate roots = new X509Certificate(System.Text.Encoding.UTF8.GetString(bytes, 0, read));
                log.Write(ConsoleLog.Info, "TLS: " + Name + " trusted besides the device CA store");
                return roots;
            }
            catch (Exception e)
            {
                log.Write(ConsoleLog.Error, "TLS: " + Name + " is not a readable PEM certificate (" + e.GetType().Name + "); replace or delete it; using the device CA store only");
                return null;
            }
        }

        /// <summary>
        /// The console's <c>meter scan</c> over RS485 on COM2, routed to the configuration's Modbus pins (their defaults
        /// when unset): only while no meter is read on that line (the safe state, or an S0 meter). Null when the pins
        /// cannot be routed.
        /// </summary>
        private static MeterScanCommand OpenMeterScan(ConfigValues values, IConsoleOutput output, Esp32Clock clock, ConsoleLog log)
        {
            try
            {
                Esp32SerialLine.AssignCom2Pins(Pin(values, ConfigKeys.ModbusRxPin), Pin(values, ConfigKeys.ModbusTxPin), Pin(values, ConfigKeys.ModbusRtsPin));
                return new MeterScanCommand(output, new Esp32SerialLineOpener("COM2"), clock);
            }
            catch (Exception e)
            {
                log.Write(ConsoleLog.Error, "meter scan unavailable: the RS485 pins could not be routed (" + e.GetType().Name + ")");
                return null;
            }
        }

        private static void Run(Esp32Clock clock, AgentStatus status, StatusLed led, Esp32ConsolePort port, ConsoleShell shell,
            ConsoleCommands commands, LoopWatchdog watchdog, Esp32Wifi wifi, AgentParts agent, SafeStateControl safeState, IFileStore noteFiles, ConsoleLog log)
        {
            FaultCounter faults = new FaultCounter(MaxFaults, FaultWindowMs);
            Esp32Memory memory = new Esp32Memory();
            byte[] received = new byte[64];
            while (true)
            {
                long now = clock.MonotonicMilliseconds;
                watchdog.Kick(now);
                try
                {
                    if (port != null)
                    {
                        int count = port.Poll(received);
                        if (count > 0) shell.Feed(received, 0, count);
                    }

                    // A running meter scan sends one probe per turn, so the watchdog keeps being fed.
                    commands.Poll();

                    status.Board.NetworkUp = wifi != null && wifi.IsUp;
                    status.Board.FreeMemoryBytes = memory.FreeBytes(now);
                    if (agent == null)
                    {
                        // No agent fills the recording section: the safe state shows the clock in its place.
                        long utc;
                        bool clockSet = clock.TryGetUtc(out utc);
                        safeState.FillStatus(status.Recording, clockSet, utc, now);
                    }

                    if (agent != null) agent.Tick(now);
                    status.Board.Booting = false;
                    if (led != null) led.Update(status, now);

                    if (safeState.RebootRequested)
                    {
                        log.Write(ConsoleLog.Info, "rebooting on request");
                        Esp32Watchdog.Reboot(noteFiles, RebootReason.Requested);
                    }

                    if (agent != null && agent.RebootWanted != null && agent.RebootWanted())
                    {
                        byte reason = agent.RebootReason != null ? agent.RebootReason() : RebootReason.Requested;
                        log.Write(ConsoleLog.Info, "rebooting: " + RebootReasons.Name(reason));
                        Esp32Watchdog.Reboot(noteFiles, reason);
                    }
                }
                catch (Exception e)
                {
                    // OutOfMemoryException included: counted, reported, and the loop goes on; a storm reboots.
                    status.Board.LoopFaults = faults.Total + 1;
                    bool storm = faults.Record(now);
                    try
                    {
                        log.Write(ConsoleLog.Error, "loop fault " + status.Board.LoopFaults.ToString() + ": " + e.GetType().Name + " " + e.Message);
                    }
                    catch (Exception)
                    {
                        // Reporting must never be the reason the loop dies.
                    }

                    if (storm) Esp32Watchdog.Reboot(noteFiles, RebootReason.RepeatedFaults);
                }

                Thread.Sleep(LoopPeriodMs);
            }
        }

        private static string[] LoadConfiguration(IFileStore files, ConfigValues values, AgentConfig config, string flashProblem)
        {
            if (files == null) return new string[] { flashProblem };
            string problem;
            if (!new ConfigStore(files).TryLoad(values, out problem)) return new string[] { problem };
            string[] problems;
            ConfigValidator.Validate(values, true, config, out problems);
            return problems;
        }

        private static string Summary(string[] problems)
        {
            if (problems.Length == 1) return problems[0];
            return problems[0] + " (and " + (problems.Length - 1).ToString() + " more: config check lists them)";
        }

        private static StatusLed OpenLed(ConfigValues values)
        {
            try
            {
                return new StatusLed(new Esp32Led(new GpioController(), Pin(values, ConfigKeys.LedPin), values.Get(ConfigKeys.LedActiveLow) == "true"));
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static Esp32ConsolePort OpenConsole(ConfigValues values)
        {
            int baud;
            if (!ConfigValueCheck.TryParseNumber(values.Get(ConfigKeys.ConsoleBaud), out baud)) baud = 115200;
            try
            {
                return new Esp32ConsolePort(Pin(values, ConfigKeys.ConsoleRxPin), Pin(values, ConfigKeys.ConsoleTxPin), baud);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static int Pin(ConfigValues values, string key)
        {
            int pin;
            if (ConfigValueCheck.TryParseNumber(values.Get(key), out pin)) return pin;
            ConfigValueCheck.TryParseNumber(ConfigSchema.Find(key).DefaultValue, out pin);
            return pin;
        }

        private static int Seconds(ConfigValues values, string key, int fallback)
        {
            int seconds;
            return ConfigValueCheck.TryParseNumber(values.Get(key), out seconds) ? seconds : fallback;
        }
    }
}
