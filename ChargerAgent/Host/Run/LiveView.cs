using System;
using ChargerAgent.Core.Status;
using Spectre.Console;

namespace ChargerAgent.Host.Run;

/// <summary>The live status view of <c>run</c> in a terminal: the status table, the console's scroll-back and the line being typed.</summary>
internal static class LiveView
{
    /// <summary>Shows the view while <paramref name="run"/> runs; <paramref name="run"/> calls the refresh it is given.</summary>
    public static T Show<T>(AgentStatus status, ConsoleLines lines, Func<string> banner, Func<Action, T> run)
    {
        T result = default;
        AnsiConsole.Live(StatusView.Render(status, banner())).Start(ctx =>
            result = run(() => ctx.UpdateTarget(new Rows(StatusView.Render(status, banner()), StatusView.RenderLines(lines.Lines)))));
        return result;
    }
}
