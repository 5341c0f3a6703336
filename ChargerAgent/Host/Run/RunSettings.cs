namespace ChargerAgent.Host.Run;

/// <summary>What <c>run</c> was asked to do.</summary>
/// <param name="ConfigFile">The configuration file (shared format with the firmware), or null for the demo.</param>
/// <param name="StateDirectory">Where the ring, checkpoint and side files live; null for a temporary one, deleted at the end (demo).</param>
/// <param name="SerialPort">Serial device of a Modbus meter (e.g. /dev/ttyUSB0), with a configuration file.</param>
/// <param name="ApiUrl">Another Flatpeak-compatible endpoint, or null.</param>
/// <param name="CaFile">Extra root certificates (PEM) for that endpoint, or null.</param>
/// <param name="Speed">Demo only: simulated seconds per real second.</param>
/// <param name="DurationSeconds">Stop after this many real seconds (0: until stopped).</param>
/// <param name="Plain">Plain log lines instead of the live view.</param>
/// <param name="LogLevel">error, warn, info or debug.</param>
/// <param name="ConsoleSocket">Where the console listens (a Unix socket path), or null for none.</param>
/// <param name="SummarySeconds">Seconds of real time between two summary lines (0: none).</param>
internal sealed record RunSettings(string ConfigFile, string StateDirectory, string SerialPort, string ApiUrl, string CaFile,
    int Speed, int DurationSeconds, bool Plain, string LogLevel = "info", string ConsoleSocket = null, int SummarySeconds = 900);
