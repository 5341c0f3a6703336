using System.Collections.Generic;
using System.Globalization;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChargerAgent.Host.Run;

/// <summary>The status part of the live view: what the LED and the console say, one short row a topic, so it fits 80×24 with the console below.</summary>
internal static class StatusView
{
    /// <summary>The rows for <paramref name="status"/>: label and value, values cut to the width (never wrapped).</summary>
    public static IRenderable Render(AgentStatus status, out int rows)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().Width(12).NoWrap());
        grid.AddColumn(new GridColumn().NoWrap());
        int count = 0;

        void Row(string what, string value)
        {
            grid.AddRow(new Markup("[grey]" + Markup.Escape(what) + "[/]"), new Markup(value).Overflow(Overflow.Ellipsis));
            count++;
        }

        Row("clock", (status.Recording.ClockTrusted ? Markup.Escape(Rfc3339.Format(status.Recording.UtcNow)) : "[yellow]not synced yet[/]") + ", up " + Duration(status.Recording.UptimeSeconds)
            + ", network " + (status.Board.NetworkUp ? "[green]up[/]" : "[red]down[/]"));
        Row("meter", status.Recording.MeterHealth == MeterHealth.Ok
            ? "[green]ok[/] " + StatusReport.KilowattHours(status.Recording.MeterTotalWh) + (status.Recording.MeterHasPower ? string.Format(CultureInfo.InvariantCulture, ", {0} W", status.Recording.MeterPowerW) : string.Empty)
            : "[red]" + Markup.Escape(status.Recording.MeterProblem ?? HealthName(status.Recording.MeterHealth)) + "[/]");
        Row("interval", string.Format(CultureInfo.InvariantCulture, "{0}, {1} Wh so far; session {2}",
            status.Recording.ClockTrusted ? "since " + Markup.Escape(Rfc3339.Format(status.Recording.IntervalStart)) : "boot+" + status.Recording.IntervalStart + " s", status.Recording.IntervalWh,
            status.Recording.Session == 0 ? "none" : "#" + status.Recording.Session.ToString(CultureInfo.InvariantCulture)));
        Row("upload", string.Format(CultureInfo.InvariantCulture, "{0} waiting{1}{2}; {3}", status.Delivery.Backlog,
            status.Delivery.Quarantined > 0 ? string.Format(CultureInfo.InvariantCulture, ", [yellow]{0} quarantined[/]", status.Delivery.Quarantined) : string.Empty,
            status.Recording.RingFull ? ", [red]ring full[/]" : status.Delivery.RingNearlyFull ? ", [yellow]ring nearly full[/]" : string.Empty,
            status.Delivery.LastUploadedSeq == 0
                ? "none sent yet"
                : string.Format(CultureInfo.InvariantCulture, "last #{0} at {1}, cost {2}", status.Delivery.LastUploadedSeq,
                    Rfc3339.Format(status.Delivery.LastUploadAt), Markup.Escape(StatusReport.Money(status.Delivery.LastUploadCostMinor, status.Delivery.Currency)))));
        if (status.Prices.PriceState != null)
        {
            Row("price", "now " + (status.Prices.PriceNowKnown ? Markup.Escape(StatusReport.Money(status.Prices.PriceNowMicros, 5) + " " + (status.Prices.PriceCurrency ?? string.Empty) + "/kWh") : "[yellow]unknown[/]")
                + ", next half-hour " + (status.Prices.PriceNextKnown ? Markup.Escape(StatusReport.Money(status.Prices.PriceNextMicros, 5) + " " + (status.Prices.PriceCurrency ?? string.Empty) + "/kWh") : "[yellow]unknown[/]"));
        }

        if (status.Delivery.LastSessionNumber != 0)
        {
            Row("session", Markup.Escape(string.Format(CultureInfo.InvariantCulture, "#{0} cost {1} {2}, provisional{3}",
                status.Delivery.LastSessionNumber, StatusReport.Money(status.Delivery.LastSessionCostMicros, 2), status.Delivery.Currency ?? string.Empty,
                status.Delivery.LastSessionCostAsOf == 0 ? string.Empty : " as of " + Rfc3339.Format(status.Delivery.LastSessionCostAsOf))));
        }

        string problem = Problem(status);
        if (problem != null) Row("problem", "[red]" + Markup.Escape(problem) + "[/]");
        rows = count;
        return grid;
    }

    private static string Problem(AgentStatus status)
    {
        var problems = new List<string>();
        if (status.Board.ConfigurationMissing) problems.Add(status.Board.ConfigurationProblem ?? "configuration missing");
        if (status.Delivery.CredentialsRejected) problems.Add("credentials rejected by the API");
        if (status.Delivery.UploadPausedByConfigurationFault) problems.Add("uploading paused: configuration fault");
        if (status.Recording.Violations > 0) problems.Add(status.Recording.Violations.ToString(CultureInfo.InvariantCulture) + " accounting violation(s)");
        if (status.Delivery.LastUploadError != null) problems.Add("upload: " + status.Delivery.LastUploadError);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string Duration(long seconds) =>
        string.Format(CultureInfo.InvariantCulture, "{0}d {1:00}:{2:00}:{3:00}", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);

    private static string HealthName(MeterHealth health) => health switch
    {
        MeterHealth.Ok => "ok",
        MeterHealth.NoAnswer => "no answer",
        MeterHealth.BadData => "bad data",
        _ => "not read yet",
    };
}
