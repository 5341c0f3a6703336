using System;

namespace ChargerAgent.Endpoint;

/// <summary>One meter record the endpoint stored (a persistent POST /costs/instant).</summary>
public sealed class StoredRecord
{
    /// <summary>The endpoint's record id (mre_…), from its first submission.</summary>
    public string Id { get; init; }

    /// <summary>record_reference_id as sent, or null.</summary>
    public string RecordReferenceId { get; init; }

    /// <summary>session_reference_id as sent, or null.</summary>
    public string SessionReferenceId { get; init; }

    /// <summary>location_id as sent.</summary>
    public string LocationId { get; init; }

    /// <summary>device_id as sent, or null.</summary>
    public string DeviceId { get; init; }

    /// <summary>Start of the period.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>End of the period.</summary>
    public DateTimeOffset End { get; init; }

    /// <summary>start_time as sent.</summary>
    public string StartText { get; init; }

    /// <summary>end_time as sent.</summary>
    public string EndText { get; init; }

    /// <summary>Energy of the period in whole Wh (as data.energy.value).</summary>
    public long EnergyWh { get; init; }

    /// <summary>Cost in large currency units (as data.cost.value).</summary>
    public decimal Cost { get; init; }

    /// <summary>Confidence as sent (1 when absent).</summary>
    public decimal Confidence { get; init; }

    /// <summary>When the first submission was stored.</summary>
    public DateTimeOffset TimeCreated { get; init; }

    /// <summary>Account that stored it.</summary>
    public string AccountId { get; init; }

    /// <summary>How many times this record_reference_id was submitted (1 = never duplicated).</summary>
    public int Submissions { get; internal set; } = 1;
}
