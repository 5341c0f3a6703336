using System;
using System.IO;
using System.Security.Cryptography;
using ChargerAgent.Core;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Host.Serial;
using ChargerAgent.Host.Storage;
using ChargerAgent.Host.Upload;

namespace ChargerAgent.Host.Run;

/// <summary>
/// One agent built from the settings and the configuration file as they are now: meter, transport
/// and <see cref="AgentRuntime"/> over the state directory. A reboot or a reload (SIGHUP) builds a new one.
/// </summary>
internal sealed class AgentInstance : IDisposable
{
    private readonly SerialPortLine line;
    private readonly HttpClientTransport transport;

    private AgentInstance(AgentRuntime runtime, ConfigValues values, string banner, SerialPortLine line, HttpClientTransport transport)
    {
        Runtime = runtime;
        Values = values;
        Banner = banner;
        this.line = line;
        this.transport = transport;
    }

    public AgentRuntime Runtime { get; }

    public Agent Agent => Runtime.Agent;

    /// <summary>The configuration the console edits (empty in the demo).</summary>
    public ConfigValues Values { get; }

    /// <summary>One line saying what runs.</summary>
    public string Banner { get; }

    /// <summary>Checks the files and devices named on the command line, before anything starts.</summary>
    /// <exception cref="RunFailure">One of them cannot be used.</exception>
    public static void CheckArguments(RunSettings settings)
    {
        if (settings.CaFile != null) LoadAuthorities(settings.CaFile);
    }

    public static AgentInstance Build(RunSettings settings, DirectoryFileStore files, ConfigFile configFile, DemoWorld demo, AgentStatus status)
    {
        IClock clock;
        IEnergySource meter;
        AgentOptions agentOptions;
        UploadOptions uploadOptions;
        var values = new ConfigValues();
        string banner;
        string caFile = settings.CaFile;
        SerialPortLine line = null;
        if (demo != null)
        {
            clock = demo.Clock;
            meter = new PlausibilityFilter(demo.Charger.Register, new PlausibilityOptions(new PowerLimit(230, 32, 3)));
            agentOptions = new AgentOptions { DeviceId = "demo-charger" };
            uploadOptions = demo.Server != null
                ? Credentials.LocalEndpoint(demo.Server.BaseUrl, "demo-charger")
                : Credentials.FromEnvironment(settings.ApiUrl, "demo-charger");
            // The demo shows the price at the charger, read from the endpoint's tariff (or the account's).
            uploadOptions.ReadPrices = true;
            caFile = demo.CaFile ?? caFile;
            banner = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "ChargerAgent demo: simulated charger, time runs {0}x (a half-hour every {1:0.#} s), uploading to {2}",
                settings.Speed, 1800.0 / settings.Speed, uploadOptions.BaseUrl);
        }
        else
        {
            AgentConfig config = configFile.Load(values);
            clock = new SystemClock();
            if (!config.MeterIsModbus) throw new RunFailure(ExitCodes.Usage, configFile.Path + ": meter.kind = s0 needs the board's pulse counter; on the desktop use a Modbus meter");
            if (settings.SerialPort == null) throw new RunFailure(ExitCodes.Usage, "--serial PATH is needed for the Modbus meter (e.g. --serial /dev/ttyUSB0)");
            line = OpenSerial(settings.SerialPort, config);
            meter = RuntimeSettings.ModbusMeter(config, line, clock);
            agentOptions = RuntimeSettings.Agent(config);
            uploadOptions = RuntimeSettings.Upload(config);
            if (settings.ApiUrl != null) uploadOptions.BaseUrl = settings.ApiUrl;
            Credentials.OverrideFromEnvironment(uploadOptions);
            banner = "ChargerAgent: " + config.DeviceId + " uploading to " + uploadOptions.BaseUrl;
        }

        HttpClientTransport transport = null;
        try
        {
            try
            {
                uploadOptions.Validate();
            }
            catch (ArgumentException e)
            {
                throw new RunFailure(ExitCodes.Usage, "upload settings: " + e.Message + " (credentials come from the configuration file or "
                    + Credentials.AccountVariable + ", " + Credentials.KeyVariable + ", " + Credentials.LocationVariable + ")");
            }

            transport = new HttpClientTransport(caFile == null ? null : LoadAuthorities(caFile));
            AgentRuntime runtime;
            try
            {
                runtime = new AgentRuntime(agentOptions, uploadOptions, new RingOptions(), clock, meter, files, transport,
                    new SystemRandomSource(Environment.TickCount ^ Environment.ProcessId), status);
            }
            catch (Exception e) when (StorageErrors.IsStorage(e))
            {
                throw StorageErrors.StateDirectory(files.Root, e);
            }

            // The board's start-up does the same from its reboot note: the console's status shows it.
            status.Board.LastRebootReason = runtime.Agent.PreviousRebootReason;
            status.Board.NetworkUp = true;
            runtime.SetNetworkUp(true);
            return new AgentInstance(runtime, values, banner, line, transport);
        }
        catch
        {
            transport?.Dispose();
            line?.Dispose();
            throw;
        }
    }

    /// <summary>Records why this run ends and saves the state (one sync).</summary>
    public void SaveState(byte reason)
    {
        // A requested reboot already saved itself with its reason.
        if (Agent.RebootRequested) return;
        Agent.SaveBeforeStop(reason);
    }

    public void Dispose()
    {
        transport.Dispose();
        line?.Dispose();
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2Collection LoadAuthorities(string caFile)
    {
        if (Directory.Exists(caFile)) throw new RunFailure(ExitCodes.Usage, "--ca-file " + caFile + " is a directory: pass the PEM file of the endpoint's authority");
        if (!File.Exists(caFile)) throw new RunFailure(ExitCodes.Usage, "--ca-file " + caFile + ": file not found (serve --cert-out writes the local endpoint's)");
        try
        {
            return HttpClientTransport.LoadAuthorities(caFile);
        }
        catch (Exception e) when (e is InvalidDataException || e is CryptographicException || StorageErrors.IsStorage(e))
        {
            string why = e is InvalidDataException ? e.Message : StorageErrors.Condition(e);
            throw new RunFailure(ExitCodes.Usage, "--ca-file " + caFile + ": " + why.Replace(caFile + ": ", string.Empty).Replace(caFile + " ", string.Empty)
                + " (pass a PEM file holding the authority's certificate)");
        }
    }

    private static SerialPortLine OpenSerial(string port, AgentConfig config)
    {
        if (!OperatingSystem.IsWindows() && !File.Exists(port))
        {
            throw new RunFailure(ExitCodes.Device, "--serial " + port + ": no such device (is the RS485 adapter plugged in? ls /dev/ttyUSB* /dev/ttyACM*)");
        }

        try
        {
            return new SerialPortLine(port, config.ModbusBaud, ParityOf(config.ModbusParity),
                config.ModbusStopBits == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One);
        }
        catch (UnauthorizedAccessException)
        {
            throw new RunFailure(ExitCodes.Device, "--serial " + port + ": permission denied or in use (the agent's user needs the dialout group: SupplementaryGroups=dialout; is another program using it?)");
        }
        catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidOperationException)
        {
            throw new RunFailure(ExitCodes.Device, "--serial " + port + ": cannot open it: " + (e.InnerException ?? e).Message);
        }
    }

    private static System.IO.Ports.Parity ParityOf(string name) => name switch
    {
        "even" => System.IO.Ports.Parity.Even,
        "odd" => System.IO.Ports.Parity.Odd,
        _ => System.IO.Ports.Parity.None,
    };
}
