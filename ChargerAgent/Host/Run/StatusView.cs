using System.Globalization;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChargerAgent.Host.Run;

/// <summary>The live status panel of <c>run</c>: what the LED and the console say, in one table.</summary>
internal static class StatusView
{
    /// <summary>Renders <paramref name="status"/>; <paramref name="banner"/> is shown as the title (demo mode and so on).</summary>
    public static IRenderable Render(AgentStatus status, string banner)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(banner)).HideHeaders();
        table.AddColumn("what");
        table.AddColumn("value");

        void Row(string what, string value) => table.AddRow(new Markup("[grey]" + Markup.Escape(what) + "[/]"), new Markup(value));

        Row("clock", status.ClockTrusted ? Markup.Escape(Rfc3339.Format(status.UtcNow)) : "[yellow]not synced yet[/]");
        Row("uptime", Duration(status.UptimeSeconds));
        Row("network", status.NetworkUp ? "[green]up[/]" : "[red]down[/]");
        Row("meter", status.MeterHealth == MeterHealth.Ok
            ? string.Format(CultureInfo.InvariantCulture, "[green]ok[/] {0} Wh{1}", status.MeterTotalWh,
                status.MeterHasPower ? string.Format(CultureInfo.InvariantCulture, ", {0} W", status.MeterPowerW) : string.Empty)
            : "[red]" + Markup.Escape(status.MeterProblem ?? HealthName(status.MeterHealth)) + "[/]");
        Row("open interval", string.Format(CultureInfo.InvariantCulture, "{0}, {1} Wh so far",
            status.ClockTrusted ? Markup.Escape(Rfc3339.Format(status.IntervalStart)) : "boot+" + status.IntervalStart + " s", status.IntervalWh));
        Row("session", status.Session == 0 ? "none" : "#" + status.Session.ToString(CultureInfo.InvariantCulture));
        Row("backlog", string.Format(CultureInfo.InvariantCulture, "{0} record(s){1}{2}", status.Backlog,
            status.Quarantined > 0 ? string.Format(CultureInfo.InvariantCulture, ", [yellow]{0} quarantined[/]", status.Quarantined) : string.Empty,
            status.RingFull ? ", [red]ring full[/]" : status.RingNearlyFull ? ", [yellow]ring nearly full[/]" : string.Empty));
        Row("last upload", status.LastUploadedSeq == 0
            ? "none yet"
            : string.Format(CultureInfo.InvariantCulture, "record {0} at {1}, cost {2} {3}", status.LastUploadedSeq,
                Rfc3339.Format(status.LastUploadAt), MinorUnits(status.LastUploadCostMinor), Markup.Escape(status.Currency ?? string.Empty)));
        Row("flatpeak device", status.FlatpeakDevice != null ? Markup.Escape(status.FlatpeakDevice) : "[grey]none: records go to the location[/]");
        if (status.DeviceRegistration != null) Row("registration", Markup.Escape(status.DeviceRegistration));
        if (status.PriceState != null)
        {
            Row("price now", status.PriceNowKnown ? Markup.Escape(StatusReport.Price(status.PriceNowMicros, status.PriceCurrency, status.PriceNowFrom, status.PriceNowTo, status.PriceNowConfidencePermille)) : "[yellow]unknown[/]");
            Row("price next", status.PriceNextKnown ? Markup.Escape(StatusReport.Price(status.PriceNextMicros, status.PriceCurrency, status.PriceNextFrom, status.PriceNextTo, status.PriceNextConfidencePermille)) : "[yellow]unknown[/]");
            Row("prices", Markup.Escape(status.PriceState + (status.PriceTimezone == null ? string.Empty : ", location time zone " + status.PriceTimezone)));
        }

        if (status.LastSessionNumber != 0)
        {
            Row("session cost", Markup.Escape(string.Format(CultureInfo.InvariantCulture, "#{0}: {1} {2}, provisional{3} (the API marks no cost final){4}",
                status.LastSessionNumber, StatusReport.Money(status.LastSessionCostMicros, 6), status.Currency ?? string.Empty,
                status.LastSessionCostAsOf == 0 ? string.Empty : " as of " + Rfc3339.Format(status.LastSessionCostAsOf),
                status.LastSessionServerCostAvailable ? "; /costs/session: " + StatusReport.Money(status.LastSessionServerCostMicros, 6) : string.Empty)));
        }

        if (status.LastUploadError != null) Row("upload error", "[red]" + Markup.Escape(status.LastUploadError) + "[/]");
        if (status.CredentialsRejected) Row("credentials", "[red]rejected by the API[/]");
        if (status.UploadPausedByConfigurationFault) Row("uploading", "[red]paused: configuration fault[/]");
        if (status.ConfigurationMissing) Row("configuration", "[red]" + Markup.Escape(status.ConfigurationProblem ?? "missing") + "[/]");
        if (status.Violations > 0) Row("violations", "[red]" + status.Violations.ToString(CultureInfo.InvariantCulture) + "[/]");
        return table;
    }

    /// <summary>The last console lines, under the status table.</summary>
    public static IRenderable RenderLines(System.Collections.Generic.IReadOnlyCollection<string> lines)
    {
        var text = new System.Text.StringBuilder();
        foreach (string line in lines) text.AppendLine(line);
        return new Panel(new Text(text.ToString())).Header("console").Expand();
    }

    private static string MinorUnits(long minor) =>
        (minor / 100).ToString(CultureInfo.InvariantCulture) + "." + System.Math.Abs(minor % 100).ToString("00", CultureInfo.InvariantCulture);

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
