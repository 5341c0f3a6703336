using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ChargerAgent.Host.Logging;

/// <summary>
/// Lines that repeat (a retry every few seconds through an outage) are written once a window per
/// kind; the others are counted, and the last of them is written with the count when the window
/// ends: <c>upload failed: … (12 more like this in the last 60 s)</c>.
/// </summary>
internal sealed class RateLimitedLog(ILogger logger, long windowMs)
{
    private readonly Dictionary<string, Kind> kinds = new();

    /// <summary>Writes <paramref name="message"/> unless a line of the same <paramref name="kind"/> was written less than a window ago.</summary>
    public void Write(string kind, LogLevel level, string message, long nowMs)
    {
        if (!kinds.TryGetValue(kind, out Kind state))
        {
            kinds[kind] = new Kind { WindowStartMs = nowMs };
            Emit(level, message);
            return;
        }

        if (nowMs - state.WindowStartMs >= windowMs)
        {
            Emit(level, message + Repeats(state.Suppressed));
            state.WindowStartMs = nowMs;
            state.Suppressed = 0;
            return;
        }

        state.Suppressed++;
        state.LastLevel = level;
        state.LastMessage = message;
    }

    /// <summary>Writes the held-back count of every kind whose window has ended.</summary>
    public void Flush(long nowMs)
    {
        foreach (Kind state in kinds.Values)
        {
            if (state.Suppressed == 0 || nowMs - state.WindowStartMs < windowMs) continue;
            Emit(state.LastLevel, state.LastMessage + Repeats(state.Suppressed - 1));
            state.WindowStartMs = nowMs;
            state.Suppressed = 0;
        }
    }

    private string Repeats(int count) => count <= 0
        ? string.Empty
        : string.Format(CultureInfo.InvariantCulture, " ({0} more like this in the last {1} s)", count, windowMs / 1000);

    private void Emit(LogLevel level, string message)
    {
        logger.Line(level, message);
    }

    private sealed class Kind
    {
        public long WindowStartMs;
        public int Suppressed;
        public LogLevel LastLevel;
        public string LastMessage;
    }
}
