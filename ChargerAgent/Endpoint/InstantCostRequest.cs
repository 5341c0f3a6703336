using System;

namespace ChargerAgent.Endpoint;

/// <summary>A validated body of POST /costs/instant.</summary>
public sealed class InstantCostRequest
{
    /// <summary>Flatpeak location id (required).</summary>
    public string LocationId { get; set; }

    /// <summary>Flatpeak device id, or null.</summary>
    public string DeviceId { get; set; }

    /// <summary>Session reference, or null.</summary>
    public string SessionReferenceId { get; set; }

    /// <summary>Record reference, or null.</summary>
    public string RecordReferenceId { get; set; }

    /// <summary>INBOUND (default) or OUTBOUND.</summary>
    public string EnergyFlowDirection { get; set; } = "INBOUND";

    /// <summary>IMPORT (default), EXPORT or LOCAL.</summary>
    public string TariffDirection { get; set; } = "IMPORT";

    /// <summary>W, KW, WH or KWH.</summary>
    public string Units { get; set; }

    /// <summary>The value as sent, in <see cref="Units"/>.</summary>
    public decimal Value { get; set; }

    /// <summary>Confidence 0.1–1 (default 1).</summary>
    public decimal Confidence { get; set; } = 1m;

    /// <summary>True when confidence was sent.</summary>
    public bool ConfidenceGiven { get; set; }

    /// <summary>Start of the period.</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>End of the period (after the start).</summary>
    public DateTimeOffset EndTime { get; set; }

    /// <summary>start_time exactly as sent.</summary>
    public string StartTimeText { get; set; }

    /// <summary>end_time exactly as sent.</summary>
    public string EndTimeText { get; set; }

    /// <summary>The energy of the period in Wh (power units integrate over the period).</summary>
    public decimal EnergyWattHours
    {
        get
        {
            decimal hours = (decimal)(EndTime - StartTime).TotalSeconds / 3600m;
            return Units switch
            {
                "W" => Value * hours,
                "KW" => Value * 1000m * hours,
                "WH" => Value,
                "KWH" => Value * 1000m,
                _ => throw new InvalidOperationException("units not validated"),
            };
        }
    }
}
