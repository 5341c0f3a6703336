using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChargerAgent.Host.Logging;

/// <summary>Options of <see cref="LineFormatter"/>.</summary>
internal sealed class LineFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>
    /// True under systemd: each line starts with its syslog priority (<c>&lt;3&gt;</c> error,
    /// <c>&lt;4&gt;</c> warning, <c>&lt;6&gt;</c> info, <c>&lt;7&gt;</c> debug) and has no time stamp, as
    /// journald adds its own and filters on the priority (<c>journalctl -p warning</c>).
    /// </summary>
    public bool Journal { get; set; }
}

/// <summary>
/// One line per log entry, the message alone after the time and level: <c>2026-12-01T09:30:00Z warn  upload failed: …</c>,
/// or <c>&lt;4&gt;upload failed: …</c> for journald. Exceptions are never printed (no stack trace reaches a user).
/// </summary>
internal sealed class LineFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The formatter's name, for <c>FormatterName</c>.</summary>
    public const string FormatterName = "chargeragent";

    private readonly IDisposable reload;
    private LineFormatterOptions options;

    public LineFormatter(IOptionsMonitor<LineFormatterOptions> options)
        : base(FormatterName)
    {
        this.options = options.CurrentValue;
        reload = options.OnChange(changed => this.options = changed);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message)) return;
        message = message.Replace('\n', ' ').Replace('\r', ' ');
        if (options.Journal)
        {
            textWriter.Write('<');
            textWriter.Write(Priority(logEntry.LogLevel));
            textWriter.Write('>');
        }
        else
        {
            textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            textWriter.Write(' ');
            textWriter.Write(LevelName(logEntry.LogLevel).PadRight(6));
        }

        textWriter.Write(message);
        textWriter.Write('\n');
    }

    public void Dispose() => reload?.Dispose();

    /// <summary>The level's short name: error, warn, info, debug.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "error",
        LogLevel.Warning => "warn",
        LogLevel.Information => "info",
        _ => "debug",
    };

    private static char Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => '2',
        LogLevel.Error => '3',
        LogLevel.Warning => '4',
        LogLevel.Information => '6',
        _ => '7',
    };
}
