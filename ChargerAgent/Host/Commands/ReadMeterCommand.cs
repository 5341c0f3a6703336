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
        var profile = new Option<string>("--profile") { Description = "Meter profile: " + ProfileNames(), Required = true };
        var baud = new Option<int?>("--baud") { Description = "Baud rate (default: the profile's factory setting)" };
        var parity = new Option<string>("--parity") { Description = "none, even or odd", DefaultValueFactory = _ => "none" };
        var address = new Option<int>("--address") { Description = "Modbus slave address 1..247", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--timeout-ms") { Description = "Response timeout per attempt, ms", DefaultValueFactory = _ => 500 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("read-meter", "Read a Modbus RTU meter once: import Wh and power, or the reason it failed.");
        command.Options.Add(port);
        command.Options.Add(profile);
        command.Options.Add(baud);
        command.Options.Add(parity);
        command.Options.Add(address);
        command.Options.Add(timeout);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(
            new ReadMeterRequest(
                parseResult.GetValue(port),
                parseResult.GetValue(profile),
                parseResult.GetValue(baud),
                parseResult.GetValue(parity),
                parseResult.GetValue(address),
                parseResult.GetValue(timeout),
                parseResult.GetValue(json)),
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>Runs one read and prints the outcome; returns the exit code.</summary>
    public static int Run(ReadMeterRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!MeterProfiles.TryFind(request.Profile ?? string.Empty, out MeterProfile profile))
        {
            return Fail(request, output, error, ExitUsage, "usage", "unknown profile '" + request.Profile + "' (known: " + ProfileNames() + ")");
        }

        if (!TryParseParity(request.Parity, out Parity parity))
        {
            return Fail(request, output, error, ExitUsage, "usage", "parity must be none, even or odd");
        }

        if (request.Address < ModbusLimits.MinSlaveAddress || request.Address > ModbusLimits.MaxSlaveAddress)
        {
            return Fail(request, output, error, ExitUsage, "usage", "address must be 1..247");
        }

        if (request.TimeoutMs < 1 || request.TimeoutMs > ModbusMasterOptions.MaxResponseTimeoutMs)
        {
            return Fail(request, output, error, ExitUsage, "usage", "timeout must be 1..5000 ms");
        }

        int baud = request.Baud ?? profile.DefaultBaud;
        if (baud <= 0)
        {
            return Fail(request, output, error, ExitUsage, "usage", "baud rate must be positive");
        }

        SerialPortLine line;
        try
        {
            // One stop bit: the meters' factory framing is 8N1 (Eastron) or 8E1, not the specification's 8N2.
            line = new SerialPortLine(request.Port, baud, parity, StopBits.One);
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
                    WriteRequest(w, request, profile.Name, baud);
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
                    + " baud, parity " + request.Parity + ")");
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

    private static void WriteRequest(Utf8JsonWriter w, ReadMeterRequest request, string profile, int baud)
    {
        w.WriteString("profile", profile);
        w.WriteString("port", request.Port);
        w.WriteNumber("address", request.Address);
        w.WriteNumber("baud", baud);
        w.WriteString("parity", request.Parity);
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

    private static bool TryParseParity(string text, out Parity parity)
    {
        switch (text)
        {
            case "none": parity = Parity.None; return true;
            case "even": parity = Parity.Even; return true;
            case "odd": parity = Parity.Odd; return true;
            default: parity = Parity.None; return false;
        }
    }

    private static string FormatMilli(long milli) => (milli / 1000) + "." + (milli % 1000).ToString("D3");

    private static string ProfileNames()
    {
        var names = new StringBuilder();
        foreach (MeterProfile p in MeterProfiles.All())
        {
            if (names.Length > 0)
            {
                names.Append(", ");
            }

            names.Append(p.Name);
        }

        return names.ToString();
    }
}

/// <summary>The arguments of one <c>read-meter</c> run.</summary>
/// <param name="Port">Serial port path.</param>
/// <param name="Profile">Profile name.</param>
/// <param name="Baud">Baud rate, or null for the profile's default.</param>
/// <param name="Parity">none, even or odd.</param>
/// <param name="Address">Slave address.</param>
/// <param name="TimeoutMs">Response timeout per attempt.</param>
/// <param name="Json">Print JSON.</param>
public sealed record ReadMeterRequest(string Port, string Profile, int? Baud, string Parity, int Address, int TimeoutMs, bool Json);
