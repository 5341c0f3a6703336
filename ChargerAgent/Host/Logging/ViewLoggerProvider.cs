using System;
using ChargerAgent.Core.Console;
using Microsoft.Extensions.Logging;

namespace ChargerAgent.Host.Logging;

/// <summary>Log lines into the live view's scroll-back, as <c>[warn] upload failed: …</c> (stdout belongs to the view).</summary>
internal sealed class ViewLoggerProvider(IConsoleOutput view) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ViewLogger(view);

    public void Dispose()
    {
    }

    private sealed class ViewLogger(IConsoleOutput view) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter)
        {
            string message = formatter(state, exception);
            if (!string.IsNullOrEmpty(message)) view.WriteLine("[" + LineFormatter.LevelName(logLevel) + "] " + message.Replace('\n', ' '));
        }
    }
}
