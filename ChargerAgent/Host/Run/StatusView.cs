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

        Row("clock", (status.ClockTrusted ? Markup.Escape(Rfc3339.Format(status.UtcNow)) : "[yellow]not synced yet[/]") + ", up " + Duration(status.UptimeSeconds)
            + ", network " + (status.NetworkUp ? "[green]up[/]" : "[red]down[/]"));
        Row("meter", status.MeterHealth == MeterHealth.Ok
            ? "[green]ok[/] " + StatusReport.KilowattHours(status.MeterTotalWh) + (status.MeterHasPower ? string.Format(CultureInfo.InvariantCulture, ", {0} W", status.MeterPowerW) : string.Empty)
            : "[red]" + Markup.Escape(status.MeterProblem ?? HealthName(status.MeterHealth)) + "[/]");
        Row("interval", string.Format(CultureInfo.InvariantCulture, "{0}, {1} Wh so far; session {2}",
            status.ClockTrusted ? "since " + Markup.Escape(Rfc3339.Format(status.IntervalStart)) : "boot+" + status.IntervalStart + " s", status.IntervalWh,
            status.Session == 0 ? "none" : "#" + status.Session.ToString(CultureInfo.InvariantCulture)));
        Row("upload", string.Format(CultureInfo.InvariantCulture, "{0} waiting{1}{2}; {3}", status.Backlog,
            status.Quarantined > 0 ? string.Format(CultureInfo.InvariantCulture, ", [yellow]{0} quarantined[/]", status.Quarantined) : string.Empty,
            status.RingFull ? ", [red]ring full[/]" : status.RingNearlyFull ? ", [yellow]ring nearly full[/]" : string.Empty,
            status.LastUploadedSeq == 0
                ? "none sent yet"
                : string.Format(CultureInfo.InvariantCulture, "last #{0} at {1}, cost {2}", status.LastUploadedSeq,
                    Rfc3339.Format(status.LastUploadAt), Markup.Escape(StatusReport.Money(status.LastUploadCostMinor, status.Currency)))));
        if (status.PriceState != null)
        {
            Row("price", "now " + (status.PriceNowKnown ? Markup.Escape(StatusReport.Money(status.PriceNowMicros, 5) + " " + (status.PriceCurrency ?? string.Empty) + "/kWh") : "[yellow]unknown[/]")
                + ", next half-hour " + (status.PriceNextKnown ? Markup.Escape(StatusReport.Money(status.PriceNextMicros, 5) + " " + (status.PriceCurrency ?? string.Empty) + "/kWh") : "[yellow]unknown[/]"));
        }

        if (status.LastSessionNumber != 0)
        {
            Row("session", Markup.Escape(string.Format(CultureInfo.InvariantCulture, "#{0} cost {1} {2}, provisional{3}",
                status.LastSessionNumber, StatusReport.Money(status.LastSessionCostMicros, 2), status.Currency ?? string.Empty,
                status.LastSessionCostAsOf == 0 ? string.Empty : " as of " + Rfc3339.Format(status.LastSessionCostAsOf))));
        }

        string problem = Problem(status);
        if (problem != null) Row("problem", "[red]" + Markup.Escape(problem) + "[/]");
        rows = count;
        return grid;
    }

    private static string Problem(AgentStatus status)
    {
        var problems = new List<string>();
        if (status.ConfigurationMissing) problems.Add(status.ConfigurationProblem ?? "configuration missing");
        if (status.CredentialsRejected) problems.Add("credentials rejected by the API");
        if (status.UploadPausedByConfigurationFault) problems.Add("uploading paused: configuration fault");
        if (status.Violations > 0) problems.Add(status.Violations.ToString(CultureInfo.InvariantCulture) + " accounting violation(s)");
        if (status.LastUploadError != null) problems.Add("upload: " + status.LastUploadError);
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
