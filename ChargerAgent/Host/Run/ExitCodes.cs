namespace ChargerAgent.Host.Run;

/// <summary>The exit codes of the desktop agent's commands (the README's table).</summary>
internal static class ExitCodes
{
    /// <summary>Done, or stopped cleanly with the state saved.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (one line says what; a bug to report).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments, configuration or input file: fix what the line names.</summary>
    public const int Usage = 2;

    /// <summary>A device (the meter's serial port) cannot be opened.</summary>
    public const int Device = 3;

    /// <summary>The state directory or an output file cannot be written (read-only, full, not a directory, not permitted).</summary>
    public const int Storage = 7;

    /// <summary>The console socket of a running agent cannot be reached (console, status, session).</summary>
    public const int NotRunning = 8;
}

/// <summary>A failure that ends the command with one line and <see cref="Code"/>; never a stack trace.</summary>
internal sealed class RunFailure(int code, string message) : System.Exception(message)
{
    /// <summary>The exit code (see <see cref="ExitCodes"/>).</summary>
    public int Code { get; } = code;
}
