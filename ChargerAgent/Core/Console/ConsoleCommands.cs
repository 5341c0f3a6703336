using ChargerAgent.Core.Config;
using ChargerAgent.Core.Status;

namespace ChargerAgent.Core.Console
{
    /// <summary>
    /// The installer's console commands (help, status, config, session, meter, queue, upload,
    /// quarantine, log, reboot), answered from the status snapshot, the agent control and the
    /// configuration being edited. Each command answers at once: work the agent must do happens on
    /// its next tick. Nothing written here ever contains a secret's value.
    /// </summary>
    public sealed class ConsoleCommands
    {
        private static readonly string[] HelpLines =
        {
            "help                      this list",
            "status                    meter, interval, session, backlog, last upload, Wi-Fi, clock, uptime, memory",
            "config show               every key and its value (secrets as ********)",
            "config set KEY VALUE      change a key (checked at once; config save keeps it)",
            "config unset KEY          back to the default",
            "config check              check the whole configuration",
            "config save               write config.txt (reboot to apply)",
            "session start [ID]        start a charging session (ID: letters, digits, - and _)",
            "session stop              end the open session",
            "meter [scan [FROM TO] [all]|scan stop]  the meter's health and last reading; scan finds meters on RS485",
            "queue                     records waiting for upload",
            "upload now                end any retry wait and upload",
            "quarantine list|resend    records the API rejected as invalid; resend queues them again",
            "log level [LEVEL]         show or set: error, warn, info, debug",
            "reboot                    save the state and restart",
        };

        private readonly IConsoleOutput _out;
        private readonly AgentStatus _status;
        private readonly IAgentControl _control;
        private readonly ConfigValues _config;
        private readonly ConfigStore _store;
        private readonly ConsoleLog _log;
        private readonly bool _forDevice;

        /// <summary>Creates the command set.</summary>
        /// <param name="output">Where answers go.</param>
        /// <param name="status">The agent's status snapshot (read only).</param>
        /// <param name="control">What the console may ask the agent (the safe-state control when the agent does not run).</param>
        /// <param name="config">The configuration being edited (a working copy; saved by config save).</param>
        /// <param name="store">Where config save writes, or null when the flash cannot be used (config save then says so).</param>
        /// <param name="log">The console log, whose level log level changes.</param>
        /// <param name="forDevice">True on the board: config check includes Wi-Fi and pins.</param>
        public ConsoleCommands(IConsoleOutput output, AgentStatus status, IAgentControl control, ConfigValues config, ConfigStore store, ConsoleLog log, bool forDevice)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            if (control == null) throw new System.ArgumentNullException(nameof(control));
            if (config == null) throw new System.ArgumentNullException(nameof(config));
            if (log == null) throw new System.ArgumentNullException(nameof(log));
            _out = output;
            _status = status;
            _control = control;
            _config = config;
            _store = store;
            _log = log;
            _forDevice = forDevice;
        }

        /// <summary>The <c>meter scan</c> command, or null where the meter line cannot be opened for a scan.</summary>
        public MeterScanCommand MeterScan { get; set; }

        /// <summary>Lets long-running commands (a meter scan) take their next step; call it every loop turn.</summary>
        public void Poll()
        {
            MeterScanCommand scan = MeterScan;
            if (scan != null) scan.Poll();
        }

        /// <summary>True after config set/unset until config save.</summary>
        public bool HasUnsavedChanges { get; private set; }

        /// <summary>Runs one command line.</summary>
        public void Execute(string line)
        {
            CommandLine command = new CommandLine(line);
            if (command.Count == 0) return;
            string verb = command.Word(0);
            switch (verb)
            {
                case "help":
                case "?":
                    for (int i = 0; i < HelpLines.Length; i++) _out.WriteLine(HelpLines[i]);
                    return;
                case "status":
                    StatusReport.Write(_out, _status, HasUnsavedChanges);
                    return;
                case "config":
                    Config(command);
                    return;
                case "session":
                    Session(command);
                    return;
                case "meter":
                    if (command.Word(1) == "scan")
                    {
                        if (MeterScan == null) _out.WriteLine("meter scan: not available here (the RS485 line is in use by the meter, or there is none)");
                        else MeterScan.Execute(command);
                        return;
                    }

                    StatusReport.WriteMeter(_out, _status);
                    return;
                case "queue":
                    StatusReport.WriteQueue(_out, _status);
                    return;
                case "upload":
                    if (command.Word(1) != "now")
                    {
                        Usage("upload now");
                        return;
                    }

                    _control.UploadNow();
                    _out.WriteLine(_status.Board.ConfigurationMissing ? "not uploading: the agent is not running" : "upload requested");
                    return;
                case "quarantine":
                    Quarantine(command);
                    return;
                case "log":
                    Log(command);
                    return;
                case "reboot":
                    _control.RequestReboot();
                    _out.WriteLine(HasUnsavedChanges ? "rebooting (unsaved configuration changes are lost)" : "rebooting");
                    return;
                default:
                    // Never echoed: a secret typed on its own line would be shown back.
                    _out.WriteLine("unknown command (help lists the commands)");
                    return;
            }
        }

        private void Config(CommandLine command)
        {
            string action = command.Word(1);
            string problem;
            if (action == "show")
            {
                for (int i = 0; i < ConfigSchema.Count; i++)
                {
                    string name = ConfigSchema.At(i).Name;
                    _out.WriteLine(name + " = " + _config.Display(name) + (_config.IsSet(name) ? string.Empty : "  (default)"));
                }

                return;
            }

            if (action == "set")
            {
                if (command.Count < 3)
                {
                    Usage("config set KEY VALUE");
                    return;
                }

                string name = command.Word(2);
                string value = command.Count >= 4 ? command.Rest(3) : string.Empty;
                if (!_config.TrySet(name, value, out problem))
                {
                    _out.WriteLine("error: " + problem);
                    return;
                }

                HasUnsavedChanges = true;
                _out.WriteLine(name + " = " + _config.Display(name) + "  (config save keeps it)");
                return;
            }

            if (action == "unset")
            {
                string name = command.Word(2);
                if (ConfigSchema.Find(name) == null)
                {
                    _out.WriteLine("error: unknown key (config show lists the keys)");
                    return;
                }

                _config.Unset(name);
                HasUnsavedChanges = true;
                _out.WriteLine(name + " = " + _config.Display(name) + "  (default)");
                return;
            }

            if (action == "check")
            {
                WriteCheck();
                return;
            }

            if (action == "save")
            {
                if (_store == null)
                {
                    _out.WriteLine("error: the flash cannot be used, so " + ConfigStore.FileName + " cannot be written");
                    return;
                }

                try
                {
                    _store.Save(_config);
                }
                catch (System.Exception e)
                {
                    _out.WriteLine("error: could not write " + ConfigStore.FileName + ": " + e.Message);
                    return;
                }

                HasUnsavedChanges = false;
                _out.WriteLine("saved " + ConfigStore.FileName + "; reboot to apply");
                WriteCheck();
                return;
            }

            Usage("config show | set KEY VALUE | unset KEY | check | save");
        }

        private void WriteCheck()
        {
            string[] problems;
            string[] warnings = ConfigValidator.Warnings(_config);
            for (int i = 0; i < warnings.Length; i++) _out.WriteLine("warning: " + warnings[i]);
            if (ConfigValidator.Validate(_config, _forDevice, new AgentConfig(), out problems))
            {
                _out.WriteLine("configuration is complete and valid");
                return;
            }

            _out.WriteLine("configuration is not usable yet (the board starts in its safe state):");
            for (int i = 0; i < problems.Length; i++) _out.WriteLine("  " + problems[i]);
        }

        private void Session(CommandLine command)
        {
            string problem;
            string action = command.Word(1);
            if (action == "start")
            {
                if (command.Count > 3)
                {
                    Usage("session start [ID]");
                    return;
                }

                string id = command.Count == 3 ? command.RawWord(2) : null;
                if (_control.StartSession(id, out problem)) _out.WriteLine(id == null ? "session starting" : "session starting with the given id");
                else _out.WriteLine("error: " + problem);
                return;
            }

            if (action == "stop")
            {
                if (_control.StopSession(out problem)) _out.WriteLine("session stopping");
                else _out.WriteLine("error: " + problem);
                return;
            }

            Usage("session start [ID] | session stop");
        }

        private void Quarantine(CommandLine command)
        {
            string action = command.Word(1);
            if (action == "list")
            {
                _out.WriteLine(_status.Delivery.Quarantined.ToString() + " record(s) quarantined (rejected by the API as invalid; kept on flash)");
                if (_status.Delivery.LastUploadError != null) _out.WriteLine("last upload error: " + _status.Delivery.LastUploadError);
                return;
            }

            if (action == "resend")
            {
                int count = _control.ResendQuarantined();
                _out.WriteLine(count.ToString() + " record(s) queued again");
                return;
            }

            Usage("quarantine list | quarantine resend");
        }

        private void Log(CommandLine command)
        {
            if (command.Word(1) != "level")
            {
                Usage("log level [error|warn|info|debug]");
                return;
            }

            if (command.Count >= 3 && !_log.TrySetLevel(command.Word(2)))
            {
                _out.WriteLine("error: not a level: error, warn, info, debug");
                return;
            }

            _out.WriteLine("log level " + ConsoleLog.NameOf(_log.Level) + (command.Count >= 3 ? " (config set log.level keeps it)" : string.Empty));
        }

        private void Usage(string usage)
        {
            _out.WriteLine("usage: " + usage);
        }
    }
}
