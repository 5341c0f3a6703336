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

    /// <summary>Largest total of all files on the simulated flash, at any write, bytes.</summary>
    public long LargestFlashBytes { get; set; }

    /// <summary>Largest size of each file kind (the ring's segments together), at any write, bytes.</summary>
    public SortedDictionary<string, long> LargestFileBytes { get; set; } = new();

    /// <summary>The ring's byte budget, KB (96, or a small ring for some seeds).</summary>
    public int RingKilobytes { get; set; }

    /// <summary>Faults in the plan, by kind.</summary>
    public SortedDictionary<string, long> FaultsPlanned { get; set; } = new();

    /// <summary>Faults that happened to the board (an instant fault while it was down does not), by kind.</summary>
    public SortedDictionary<string, long> FaultsInjected { get; set; } = new();

    /// <summary>Meter glitches (a wild register value, or S0 noise).</summary>
    public long Glitches { get; set; }

    /// <summary>Register meters replaced, and of them while a car charged.</summary>
    public long MeterReplacements { get; set; }

    /// <summary>Meters replaced while a car charged.</summary>
    public long MeterReplacementsWhileCharging { get; set; }

    /// <summary>Energy the agent truly could not see (the world's count: downtimes and noise for S0, replacements for a register meter), Wh.</summary>
    public long TrueUnseenWh { get; set; }

    /// <summary>Register meter: the agent's own bound on what it could not see, Wh.</summary>
    public long AgentUnaccountedBoundWh { get; set; }

    /// <summary>Exceptions caught at the loop's edge (flash full, read errors), as the firmware's loop counts them.</summary>
    public long LoopFaults { get; set; }

    /// <summary>The first of them, for the reader.</summary>
    public string FirstLoopFault { get; set; }

    /// <summary>Boots that failed (flash errors during recovery) and were retried.</summary>
    public long BootFailures { get; set; }

    /// <summary>Requests that passed their deadline.</summary>
    public long Timeouts { get; set; }

    /// <summary>Times the full ring merged records (coalescing).</summary>
    public long Coalescings { get; set; }

    /// <summary>Minutes the ring was full.</summary>
    public long RingFullMinutes { get; set; }

    /// <summary>Appends and writes the full flash refused.</summary>
    public long FlashFullRefusals { get; set; }

    /// <summary>Flash reads that failed.</summary>
    public long FlashReadErrors { get; set; }

    /// <summary>Driver sessions whose car stopped while the board was down.</summary>
    public long SessionsStoppedWhileDown { get; set; }

    /// <summary>The most entries held in memory at once, by kind (sampled every simulated minute).</summary>
    public SortedDictionary<string, long> LargestLiveEntries { get; set; } = new();

    /// <summary>The bound of each kind of entry held in memory.</summary>
    public SortedDictionary<string, long> LiveEntryBounds { get; set; } = new();

    /// <summary>The largest distance, among records not flagged estimated, between a record's period and when its energy flowed, s.</summary>
    public long LargestStampingErrorS { get; set; }

    /// <summary>Energy in records flagged estimated, Wh, by the cause the simulator found for each.</summary>
    public SortedDictionary<string, long> EstimatedWhByCause { get; set; } = new();

    /// <summary>
    /// Violations of open defects, counted but not failed (see <see cref="Whole.SimulationSettings.KnownDefectsCounted"/>
    /// and the defects listed in <see cref="Whole.RecordChecks"/>), by defect.
    /// </summary>
    public SortedDictionary<string, long> KnownViolationsByDefect { get; set; } = new();

    /// <summary>Known violations, in all.</summary>
    public long KnownViolations { get; set; }

    /// <summary>Driver sessions merged with the one before because one stopped and the next started within the same downtime (no agent can tell).</summary>
    public long SessionsMergedInDowntime { get; set; }

    /// <summary>Counts one violation of the open defect <paramref name="defect"/>.</summary>
    public void CountKnown(string defect)
    {
        KnownViolations++;
        KnownViolationsByDefect[defect] = KnownViolationsByDefect.GetValueOrDefault(defect) + 1;
    }

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

    private static string Pairs(SortedDictionary<string, long> pairs)
    {
        var text = new StringBuilder();
        foreach (var pair in pairs) text.Append(CultureInfo.InvariantCulture, $" {pair.Key}={pair.Value}");
        return text.ToString().Trim();
    }

    private static string Shares(SortedDictionary<string, long> pairs, long total)
    {
        var text = new StringBuilder();
        foreach (var pair in pairs) text.Append(CultureInfo.InvariantCulture, $" {pair.Key}={pair.Value} ({(total == 0 ? 0 : 100.0 * pair.Value / total):0.#} %)");
        return text.ToString().Trim();
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
        Line("ring", $"{RingKilobytes} KB, full {RingFullMinutes} min, {Coalescings} coalescings");
        Line("faults injected", Pairs(FaultsInjected));
        Line("meter", $"{Glitches} glitches, {MeterReplacements} replaced ({MeterReplacementsWhileCharging} while charging)");
        Line("true unseen Wh", TrueUnseenWh + (Meter == "sdm630" ? $" (the agent's bound {AgentUnaccountedBoundWh})" : string.Empty));
        Line("loop faults", LoopFaults + (FirstLoopFault != null ? " (first: " + FirstLoopFault + ")" : string.Empty) + $", {BootFailures} failed boots");
        Line("flash faults", $"{FlashFullRefusals} refused (full), {FlashReadErrors} read errors");
        Line("timeouts", Timeouts);
        Line("stops while down", SessionsStoppedWhileDown);
        var live = new StringBuilder();
        foreach (var pair in LargestLiveEntries) live.Append(CultureInfo.InvariantCulture, $" {pair.Key}={pair.Value}/{LiveEntryBounds.GetValueOrDefault(pair.Key)}");
        Line("live entries", live.ToString().Trim());
        Line("stamping error s", $"{LargestStampingErrorS} at most (not estimated; limit 60)");
        long estimated = 0;
        foreach (var pair in EstimatedWhByCause) estimated += pair.Value;
        Line("estimated Wh", estimated + (EstimatedWhByCause.Count > 0 ? " (" + Shares(EstimatedWhByCause, estimated) + ")" : string.Empty));
        Line("merged in downtime", SessionsMergedInDowntime);
        Line("known violations", KnownViolations + (KnownViolations > 0 ? " (open defects, counted, not failed)" : string.Empty));
        foreach (var pair in KnownViolationsByDefect) text.AppendLine(CultureInfo.InvariantCulture, $"  ~ {pair.Value} {pair.Key}");
        Line("violations", Violations.Count);
        foreach (string violation in Violations) text.AppendLine("  - " + violation);
        return text.ToString();
    }
}
