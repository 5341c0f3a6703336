using Microsoft.Extensions.Logging;

namespace ChargerAgent.Host.Logging;

/// <summary>Writes finished lines (no message template: braces in an error text stay as they are).</summary>
internal static class LoggerLines
{
    public static void Line(this ILogger logger, LogLevel level, string message) =>
        logger.Log(level, default, message, null, static (text, _) => text);
}
