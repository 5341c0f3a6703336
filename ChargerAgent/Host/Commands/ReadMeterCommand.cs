using System;
using System.CommandLine;
using System.IO;
using System.IO.Ports;
using System.Text;
using System.Text.Json;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Host.Serial;

namespace ChargerAgent.Host.Commands;

/// <summary>
/// <c>read-meter</c>: reads a Modbus RTU meter once and prints its import Wh (and power), or a clear error
/// with a non-zero exit code. What an installer runs to check the RS485 wiring and the meter settings.
/// </summary>
public static class ReadMeterCommand
{
    /// <summary>Exit code: the meter answered with a good reading.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: bad arguments (unknown profile, parity, address out of range).</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code: the serial port could not be opened.</summary>
    public const int ExitPort = 3;

    /// <summary>Exit code: no answer from the meter.</summary>
    public const int ExitNoAnswer = 4;

    /// <summary>Exit code: the meter answered with a Modbus exception.</summary>
    public const int ExitException = 5;

    /// <summary>Exit code: garbled answers (CRC errors, partial frames, another address or function, unusable value).</summary>
    public const int ExitBadData = 6;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial port: /dev/ttyUSB0, COM3…", Required = true };
        var profile = new Option<string>("--profile") { Description = "Meter profile: " + MeterProfiles.NameList() };
        var baud = new Option<int?>("--baud") { Description = "Baud rate: " + SerialSettings.BaudList() + " (default: the profile's factory setting)" };
        var parity = new Option<string>("--parity") { Description = "none, even or odd (default: the profile's factory setting)" };
        var stopBits = new Option<int?>("--stop-bits") { Description = "1 or 2 (default: the profile's factory setting)" };
        var address = new Option<int>("--address") { Description = "Modbus slave address 1..247", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int?>("--timeout-ms") { Description = "Response timeout per attempt, ms (default 500; 100 with --scan)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var scan = new Option<bool>("--scan") { Description = "Look for meters: every address at the usual baud rates and parities" };
        var all = new Option<bool>("--all") { Description = "With --scan: go on after the first meter found" };
        var from = new Option<int>("--from") { Description = "With --scan: first address", DefaultValueFactory = _ => ModbusLimits.MinSlaveAddress };
        var to = new Option<int>("--to") { Description = "With --scan: last address", DefaultValueFactory = _ => ModbusLimits.MaxSlaveAddress };
        var estimate = new Option<bool>("--estimate") { Description = "With --scan: print how long the scan takes at most, and stop" };
        var command = new Command("read-meter", "Read a Modbus RTU meter once (import Wh and power, or the reason it failed), or scan the bus for meters.");
        foreach (Option option in new Option[] { port, profile, baud, parity, stopBits, address, timeout, json, scan, all, from, to, estimate })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(scan))
            {
                return Scan(new ScanRequest(parseResult.GetValue(port), parseResult.GetValue(profile), parseResult.GetValue(from),
                    parseResult.GetValue(to), parseResult.GetValue(all), parseResult.GetValue(timeout) ?? BusScan.DefaultTimeoutMs,
                    parseResult.GetValue(json), parseResult.GetValue(estimate)), Console.Out, Console.Error);
            }

            return Run(
                new ReadMeterRequest(
                    parseResult.GetValue(port),
                    parseResult.GetValue(profile),
                    parseResult.GetValue(baud),
                    parseResult.GetValue(parity),
                    parseResult.GetValue(address),
                    parseResult.GetValue(timeout) ?? 500,
                    parseResult.GetValue(json)) { StopBits = parseResult.GetValue(stopBits) },
                Console.Out,
                Console.Error);
        });
        return command;
    }

    /// <summary>Scans the bus for meters and prints each one found with its settings; returns the exit code.</summary>
    public static int Scan(ScanRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var usage = new ReadMeterRequest(request.Port, request.Profile, null, null, 1, request.TimeoutMs, request.Json);
        MeterProfile profile = null;
        if (request.Profile != null && !MeterProfiles.TryFind(request.Profile, out profile))
        {
            return Fail(usage, output, error, ExitUsage, "usage", "unknown profile '" + request.Profile + "' (known: " + MeterProfiles.NameList() + ")");
        }

        if (request.From < ModbusLimits.MinSlaveAddress || request.To > ModbusLimits.MaxSlaveAddress || request.To < request.From)
        {
            return Fail(usage, output, error, ExitUsage, "usage", "scan addresses must be 1..247, --from not above --to");
        }

        if (request.TimeoutMs < 1 || request.TimeoutMs > ModbusMasterOptions.MaxResponseTimeoutMs)
        {
            return Fail(usage, output, error, ExitUsage, "usage", "timeout must be 1..5000 ms");
        }

        long maxMs = BusScan.MaxDurationMs(request.From, request.To, request.TimeoutMs);
        string plan = "addresses " + request.From + "-" + request.To + " at " + string.Join(", ", BusScan.UsualBauds()) + " baud × parity "
            + string.Join(", ", BusScan.Parities()) + ", " + request.TimeoutMs + " ms per probe: at most " + Duration(maxMs);
        if (request.Estimate)
        {
            output.WriteLine(request.Json ? Json(w => { w.WriteBoolean("ok", true); w.WriteNumber("max_scan_ms", maxMs); }) : "a scan of " + plan);
            return ExitOk;
        }

        var report = new ScanReport(request.Json ? TextWriter.Null : output);
        var scan = new BusScan(new SerialPortLineOpener(request.Port), new StopwatchClock(), request.From, request.To, request.All,
            profile?.Function ?? ModbusLimits.ReadHoldingRegisters, profile?.EnergyRegister ?? 0, profile?.EnergyRegisterCount ?? 1, request.TimeoutMs);
        if (!request.Json) output.WriteLine("scanning " + request.Port + ": " + plan);
        while (scan.Step(report))
        {
        }

        if (report.LineFailures == BusScan.UsualBauds().Length * BusScan.Parities().Length)
        {
            return Fail(usage, output, error, ExitPort, "port", report.LastLineProblem);
        }

        if (request.Json)
        {
            output.WriteLine(Json(w =>
            {
                w.WriteBoolean("ok", scan.Found > 0);
                w.WriteStartArray("found");
                foreach (ScanReport.Hit hit in report.Hits)
                {
                    w.WriteStartObject();
                    w.WriteNumber("address", hit.Address);
                    w.WriteNumber("baud", hit.Baud);
                    w.WriteString("parity", hit.Parity);
                    w.WriteNumber("stop_bits", 1);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
        else
        {
            output.WriteLine(scan.Found == 0 ? "scan done: no meter answered (check the A/B wiring and the termination)" : "scan done: " + scan.Found + " meter(s) found");
        }

        return scan.Found > 0 ? ExitOk : ExitNoAnswer;
    }

    /// <summary>A duration for people: "7 min 24 s", "1 h 14 min".</summary>
    public static string Duration(long milliseconds)
    {
        long seconds = (milliseconds + 999) / 1000;
        if (seconds < 60) return seconds + " s";
        long minutes = seconds / 60;
        if (minutes < 60) return minutes + " min " + seconds % 60 + " s";
        return minutes / 60 + " h " + minutes % 60 + " min";
    }

    /// <summary>Runs one read and prints the outcome; returns the exit code.</summary>
    public static int Run(ReadMeterRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (request.Profile == null)
        {
            return Fail(request, output, error, ExitUsage, "usage", "--profile is needed (known: " + MeterProfiles.NameList() + "), or --scan to look for meters");
        }

        if (!MeterProfiles.TryFind(request.Profile, out MeterProfile profile))
        {
            return Fail(request, output, error, ExitUsage, "usage", "unknown profile '" + request.Profile + "' (known: " + MeterProfiles.NameList() + ")");
        }

        // The same defaults as the agent: the profile's factory settings unless given.
        int baud = request.Baud ?? profile.DefaultBaud;
        string parityName = request.Parity ?? profile.DefaultParity;
        int stopBits = request.StopBits ?? profile.DefaultStopBits;
        string serialProblem = SerialSettings.Problem(baud, parityName, stopBits);
        if (serialProblem != null)
        {
            return Fail(request, output, error, ExitUsage, "usage", serialProblem);
        }

        Parity parity = SerialPortLineOpener.ParityOf(parityName);

        if (request.Address < ModbusLimits.MinSlaveAddress || request.Address > ModbusLimits.MaxSlaveAddress)
        {
            return Fail(request, output, error, ExitUsage, "usage", "address must be 1..247");
        }

        if (request.TimeoutMs < 1 || request.TimeoutMs > ModbusMasterOptions.MaxResponseTimeoutMs)
        {
            return Fail(request, output, error, ExitUsage, "usage", "timeout must be 1..5000 ms");
        }

        SerialPortLine line;
        try
        {
            line = new SerialPortLine(request.Port, baud, parity, stopBits == 2 ? StopBits.Two : StopBits.One);
        }
        catch (IOException e)
        {
            return Fail(request, output, error, ExitPort, "port", "cannot open " + request.Port + ": " + e.Message);
        }

        using (line)
        {
            var clock = new StopwatchClock();
            var options = new ModbusMasterOptions { ResponseTimeoutMs = request.TimeoutMs };
            var master = new ModbusRtuMaster(line, clock, options);
            var source = new ModbusEnergySource(master, profile, (byte)request.Address, clock);
            var reading = new EnergyReading();
            source.Read(ref reading);
            if (reading.Health != MeterHealth.Ok)
            {
                ModbusResult result = source.LastResult;
                if (!result.Ok)
                {
                    int code = result.Error switch
                    {
                        ModbusError.NoAnswer => ExitNoAnswer,
                        ModbusError.LineFault => ExitPort,
                        ModbusError.ExceptionResponse => ExitException,
                        _ => ExitBadData,
                    };
                    return Fail(request, output, error, code, ModbusReasons.Name(result.Error), result.Describe(), result.ExceptionCode);
                }

                return Fail(request, output, error, ExitBadData, "value", reading.Reason);
            }

            if (request.Json)
            {
                output.WriteLine(Json(w =>
                {
                    w.WriteBoolean("ok", true);
                    WriteRequest(w, request, profile.Name, baud, parityName, stopBits);
                    w.WriteNumber("import_wh", reading.TotalWh);
                    w.WriteNumber("resolution_mwh", source.ResolutionMilliWh);
                    if (reading.HasPower)
                    {
                        w.WriteNumber("power_w", reading.PowerW);
                    }
                }));
            }
            else
            {
                output.WriteLine(profile.Description + " at " + request.Port + " (address " + request.Address + ", " + baud
                    + " baud, parity " + parityName + ", " + stopBits + " stop bit" + (stopBits == 2 ? "s" : string.Empty) + ")");
                output.WriteLine("import: " + reading.TotalWh + " Wh (register resolution here: " + FormatMilli(source.ResolutionMilliWh) + " Wh)");
                output.WriteLine(reading.HasPower ? "power: " + reading.PowerW + " W" : "power: not available");
            }

            return ExitOk;
        }
    }

    private static int Fail(ReadMeterRequest request, TextWriter output, TextWriter error, int code, string kind, string message, byte exceptionCode = 0)
    {
        if (request.Json)
        {
            output.WriteLine(Json(w =>
            {
                w.WriteBoolean("ok", false);
                w.WriteString("error", kind);
                w.WriteString("message", message);
                if (exceptionCode != 0)
                {
                    w.WriteNumber("exception_code", exceptionCode);
                }
            }));
        }
        else
        {
            error.WriteLine("read-meter: " + message);
        }

        return code;
    }

    private static void WriteRequest(Utf8JsonWriter w, ReadMeterRequest request, string profile, int baud, string parity, int stopBits)
    {
        w.WriteString("profile", profile);
        w.WriteString("port", request.Port);
        w.WriteNumber("address", request.Address);
        w.WriteNumber("baud", baud);
        w.WriteString("parity", parity);
        w.WriteNumber("stop_bits", stopBits);
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FormatMilli(long milli) => (milli / 1000) + "." + (milli % 1000).ToString("D3");
}

/// <summary>The arguments of one <c>read-meter</c> run.</summary>
/// <param name="Port">Serial port path.</param>
/// <param name="Profile">Profile name.</param>
/// <param name="Baud">Baud rate, or null for the profile's default.</param>
/// <param name="Parity">none, even or odd, or null for the profile's factory setting.</param>
/// <param name="Address">Slave address.</param>
/// <param name="TimeoutMs">Response timeout per attempt.</param>
/// <param name="Json">Print JSON.</param>
public sealed record ReadMeterRequest(string Port, string Profile, int? Baud, string Parity, int Address, int TimeoutMs, bool Json)
{
    /// <summary>1 or 2, or null for the profile's factory setting.</summary>
    public int? StopBits { get; init; }
}

/// <summary>The arguments of one <c>read-meter --scan</c> run.</summary>
/// <param name="Port">Serial port path.</param>
/// <param name="Profile">Profile whose energy register is read, or null for a read of holding register 0.</param>
/// <param name="From">First address.</param>
/// <param name="To">Last address.</param>
/// <param name="All">Go on after the first meter found.</param>
/// <param name="TimeoutMs">Response timeout per probe.</param>
/// <param name="Json">Print JSON.</param>
/// <param name="Estimate">Only print how long the scan takes at most.</param>
public sealed record ScanRequest(string Port, string Profile, int From, int To, bool All, int TimeoutMs, bool Json, bool Estimate);

/// <summary>Prints a scan's progress and keeps what it found.</summary>
internal sealed class ScanReport : IBusScanReport
{
    private readonly TextWriter output;

    public ScanReport(TextWriter output) => this.output = output;

    public System.Collections.Generic.List<Hit> Hits { get; } = new();

    public int LineFailures { get; private set; }

    public string LastLineProblem { get; private set; }

    public void Trying(int baud, string parity, int firstAddress, int lastAddress) =>
        output.WriteLine(baud + " baud, parity " + parity + ": addresses " + firstAddress + "-" + lastAddress);

    public void Found(int address, int baud, string parity, string answer)
    {
        Hits.Add(new Hit(address, baud, parity));
        output.WriteLine("found: address " + address + " at " + baud + " baud, parity " + parity + ", 1 stop bit (" + answer + ")");
    }

    public void LineProblem(int baud, string parity, string problem)
    {
        LineFailures++;
        LastLineProblem = problem;
        output.WriteLine(baud + " baud, parity " + parity + ": " + problem);
    }

    /// <summary>One meter found.</summary>
    public sealed record Hit(int Address, int Baud, string Parity);
}
