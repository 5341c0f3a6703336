using System;
using ChargerAgent.Core.Console;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ChargerAgent.Host.Logging;

/// <summary>
/// The desktop agent's logging (Microsoft.Extensions.Logging): one line an entry on stdout, in the
/// journald format under systemd; or, behind the live view, into the view's scroll-back. The level is
/// the console's (<c>--log-level</c>, and <c>log level</c> on the console changes it while running).
/// </summary>
internal static class AgentLogging
{
    /// <summary>The category of every line (the agent is one component).</summary>
    public const string Category = "chargeragent";

    /// <summary>True when stdout goes to the journal or the process is a systemd service.</summary>
    public static bool UnderSystemd =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM")) || SystemdHelpers.IsSystemdService();

    /// <summary>Creates the factory; <paramref name="view"/> is where lines go behind the live view, or null for stdout.</summary>
    public static ILoggerFactory Create(ConsoleLog level, IConsoleOutput view)
    {
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddFilter((_, _, entry) => entry >= Level(level.Level));
            if (view != null)
            {
                builder.AddProvider(new ViewLoggerProvider(view));
                return;
            }

            builder.AddConsole(options => options.FormatterName = LineFormatter.FormatterName);
            builder.AddConsoleFormatter<LineFormatter, LineFormatterOptions>(options => options.Journal = UnderSystemd);
        });
    }

    /// <summary>The logging level of a console level (0 error, 1 warn, 2 info, 3 debug).</summary>
    public static LogLevel Level(int consoleLevel) => consoleLevel switch
    {
        ConsoleLog.Error => LogLevel.Error,
        ConsoleLog.Warn => LogLevel.Warning,
        ConsoleLog.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
