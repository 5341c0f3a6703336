using System;
using ChargerAgent.Core.Status;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The live view of <c>run</c> in a terminal, one screen laid out with Spectre.Console's
/// <see cref="Layout"/>: the banner once at the top, the status rows, the console's scroll-back (as
/// many lines as the terminal has room for; PageUp/PageDown scroll), and the line being typed at
/// the bottom. Every line is cut to the width, never wrapped, so nothing is left behind when the
/// screen is drawn again.
/// </summary>
internal static class LiveView
{
    /// <summary>Shows the view while <paramref name="run"/> runs; <paramref name="run"/> calls the refresh it is given.</summary>
    public static T Show<T>(AgentStatus status, ConsoleLines lines, KeyInput keys, Func<string> banner, Func<Action, T> run)
    {
        T result = default;
        AnsiConsole.Cursor.Hide();
        try
        {
            AnsiConsole.Live(Screen(status, lines, keys, banner())).AutoClear(false).Overflow(VerticalOverflow.Crop).Start(ctx =>
                result = run(() => ctx.UpdateTarget(Screen(status, lines, keys, banner()))));
        }
        finally
        {
            AnsiConsole.Cursor.Show();
        }

        return result;
    }

    private static IRenderable Screen(AgentStatus status, ConsoleLines lines, KeyInput keys, string banner)
    {
        // One line short of the terminal: a full last line would scroll it.
        int height = Math.Max(10, AnsiConsole.Profile.Height - 1);
        int width = Math.Max(20, AnsiConsole.Profile.Width);
        IRenderable statusRows = StatusView.Render(status, out int statusHeight);
        int consoleHeight = Math.Max(1, height - 1 - statusHeight - 1 - 1);
        string[] shown = lines.Window(consoleHeight, out bool more);
        var console = new Rows(Pad(shown, consoleHeight, width));
        string typed = keys.Typed;
        int room = width - 3;
        if (typed.Length > room) typed = "…" + typed.Substring(typed.Length - room + 1);
        var layout = new Layout("screen").SplitRows(
            new Layout("banner", new Text(Fit(banner, width), new Style(decoration: Decoration.Bold))).Size(1),
            new Layout("status", statusRows).Size(statusHeight),
            new Layout("rule", new Rule(more ? "console (PageDown: newer lines)" : "console (help lists the commands; PageUp scrolls back)").LeftJustified()).Size(1),
            new Layout("console", console).Size(consoleHeight),
            new Layout("input", new Markup("[bold]>[/] " + Markup.Escape(typed) + "[blink]_[/]").Overflow(Overflow.Ellipsis)).Size(1));
        return new FixedHeight(layout, height);
    }

    private static IRenderable[] Pad(string[] shown, int height, int width)
    {
        var rows = new IRenderable[height];
        for (int i = 0; i < height; i++)
        {
            rows[i] = new Text(i < shown.Length ? Fit(shown[i], width) : string.Empty);
        }

        return rows;
    }

    /// <summary>The line cut to the width with an ellipsis: one screen line, whatever its length.</summary>
    private static string Fit(string line, int width)
    {
        line = line.Replace('\t', ' ');
        return line.Length <= width ? line : line.Substring(0, width - 1) + "…";
    }

    /// <summary>Renders a layout at a fixed height (a layout otherwise takes the whole terminal).</summary>
    private sealed class FixedHeight(Layout layout, int height) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)layout).Measure(options, maxWidth);

        public System.Collections.Generic.IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            ((IRenderable)layout).Render(options with { Height = height }, maxWidth);
    }
}
