using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChargerAgent.Simulation.Report;

/// <summary>
/// What a simulated run ends with: the energy as the meter, the ring and the endpoint saw it, and
/// everything that went wrong on the way. The same seed gives the same report, byte for byte.
/// </summary>
public sealed class SimulationReport
{
    /// <summary>Seed of the run.</summary>
    public int Seed { get; set; }

    /// <summary>Simulated days with faults (the quiet drain period comes on top).</summary>
    public int Days { get; set; }

    /// <summary>Fault level: none, mild or harsh.</summary>
    public string Faults { get; set; } = "none";

    /// <summary>Meter kind: sdm630 (register) or s0 (pulses).</summary>
    public string Meter { get; set; } = "sdm630";

    /// <summary>Energy the simulated meter really measured, Wh.</summary>
    public long MeteredWh { get; set; }

    /// <summary>Energy in the records the agent wrote (unique Seqs), Wh.</summary>
    public long RecordedWh { get; set; }

    /// <summary>Energy the endpoint stored (unique record reference ids), Wh.</summary>
    public long DeliveredWh { get; set; }

    /// <summary>Energy the agent could not see (pulse meters across reboots and cuts), Wh.</summary>
    public long UnaccountedWh { get; set; }

    /// <summary>The bound the unaccounted energy must stay within: checkpoint step × power cuts + maximum power × downtime, Wh.</summary>
    public long UnaccountedBoundWh { get; set; }

    /// <summary>Records the agent wrote.</summary>
    public long Records { get; set; }

    /// <summary>Records the endpoint stored.</summary>
    public long DeliveredRecords { get; set; }

    /// <summary>Requests the endpoint received for a record it already had, total.</summary>
    public long Duplicates { get; set; }

    /// <summary>Duplicates by cause (lost_response, cut_before_ack, …).</summary>
    public SortedDictionary<string, long> DuplicatesByCause { get; set; } = new();

    /// <summary>The largest number of records waiting at once.</summary>
    public long LargestBacklog { get; set; }

    /// <summary>Records quarantined at the end.</summary>
    public long Quarantined { get; set; }

    /// <summary>Power cuts injected.</summary>
    public long PowerCuts { get; set; }

    /// <summary>Reboots (clean ones and the restarts after power cuts).</summary>
    public long Reboots { get; set; }

    /// <summary>Seconds the agent was down.</summary>
    public long DowntimeS { get; set; }

    /// <summary>Clock jumps injected.</summary>
    public long ClockJumps { get; set; }

    /// <summary>Sessions the simulated drivers charged.</summary>
    public long Sessions { get; set; }

    /// <summary>Invariant violations found; the run fails when any.</summary>
    public List<string> Violations { get; set; } = new();

    /// <summary>Records sent with an estimated time because their timeline's epoch could never be learnt.</summary>
    public long EstimatedTimeRecords { get; set; }

    /// <summary>Acknowledgements from meter records that echoed no record_reference_id.</summary>
    public long UnverifiedAcknowledgements { get; set; }

    /// <summary>Answers to a record that were not its acknowledgement (the record stayed queued).</summary>
    public long ForeignAnswers { get; set; }

    /// <summary>Session cost checks given up after too many failed tries.</summary>
    public long SessionChecksGivenUp { get; set; }

    /// <summary>Largest total of all files on the simulated flash seen at a boot or at the end, bytes.</summary>
    public long LargestFlashBytes { get; set; }

    /// <summary>Largest size of each file kind seen at a boot or at the end, bytes.</summary>
    public SortedDictionary<string, long> LargestFileBytes { get; set; } = new();

    private const long FaultPlanQuietDays = ChargerAgent.Simulation.Faults.FaultPlan.QuietSeconds / 86400;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report as one JSON object (snake_case names), with <c>violations</c> as a count and <c>violation_details</c> as the list.</summary>
    public string ToJson()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(this, JsonOptions))!.AsObject();
        node.Remove("violations");
        node["violations"] = Violations.Count;
        node["violation_details"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Violations));
        return node.ToJsonString();
    }

    /// <summary>The report as text for people.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string name, object value) => text.AppendLine(CultureInfo.InvariantCulture, $"{name,-24} {value}");
        Line("seed", Seed);
        Line("days", $"{Days} (+{FaultPlanQuietDays} quiet days to drain)");
        Line("faults", Faults);
        Line("meter", Meter);
        Line("metered Wh", MeteredWh);
        Line("recorded Wh", RecordedWh);
        Line("delivered Wh", DeliveredWh);
        Line("unaccounted Wh", $"{UnaccountedWh} (bound {UnaccountedBoundWh})");
        Line("records", $"{Records} written, {DeliveredRecords} stored by the endpoint");
        Line("sessions", Sessions);
        var causes = new StringBuilder();
        foreach (var pair in DuplicatesByCause) causes.Append(CultureInfo.InvariantCulture, $" {pair.Key}={pair.Value}");
        Line("duplicates", Duplicates + (causes.Length > 0 ? " (" + causes.ToString().Trim() + ")" : string.Empty));
        Line("largest backlog", LargestBacklog);
        Line("quarantined", Quarantined);
        Line("power cuts", PowerCuts);
        Line("reboots", Reboots);
        Line("downtime s", DowntimeS);
        Line("clock jumps", ClockJumps);
        Line("estimated time records", EstimatedTimeRecords);
        Line("unverified acks", UnverifiedAcknowledgements);
        Line("foreign answers", ForeignAnswers);
        Line("cost checks given up", SessionChecksGivenUp);
        var files = new StringBuilder();
        foreach (var pair in LargestFileBytes) files.Append(CultureInfo.InvariantCulture, $" {pair.Key}={pair.Value}");
        Line("largest flash bytes", LargestFlashBytes + (files.Length > 0 ? " (" + files.ToString().Trim() + ")" : string.Empty));
        Line("violations", Violations.Count);
        foreach (string violation in Violations) text.AppendLine("  - " + violation);
        return text.ToString();
    }
}
