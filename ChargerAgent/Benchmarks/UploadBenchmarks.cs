using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Benchmarks;

/// <summary>
/// The /costs/instant body built by <see cref="InstantBodyWriter"/> (reused buffer, no reflection)
/// against System.Text.Json serialising the same record; and the response read by
/// <see cref="ResponseReader"/> against <see cref="JsonDocument"/>. Goal: faster, 0 B per record.
/// </summary>
[MemoryDiagnoser]
public class UploadBenchmarks
{
    private const string ResponseText =
        "{\"id\":\"mre_65e641b570b2901d3a40199d\",\"object\":\"meter_record\",\"live_mode\":true,\"energy_flow_direction\":\"INBOUND\","
        + "\"tariff_direction\":\"IMPORT\",\"currency_code\":\"GBP\",\"energy_units\":\"WH\",\"request\":{\"location_id\":\"loc_641b90b758fb8e6293716e40\","
        + "\"record_reference_id\":\"chg-0001-1234abcd-r7\",\"units\":\"WH\",\"value\":10284,\"start_time\":\"2022-02-01T10:30:00Z\","
        + "\"end_time\":\"2022-02-01T11:00:00Z\",\"non_persistent\":false},\"data\":{\"start_time\":\"2022-02-01T10:30:00Z\","
        + "\"end_time\":\"2022-02-01T11:00:00Z\",\"record_reference_id\":\"chg-0001-1234abcd-r7\",\"energy\":{\"value\":10284},"
        + "\"cost\":{\"value\":928.372,\"confidence\":1}},\"time_created\":\"2022-02-01T10:33:00Z\",\"account_id\":\"acc_661677911f2197045e6cf1b1\"}";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly UploadOptions options = new()
    {
        AccountId = "acc_661677911f2197045e6cf1b1",
        ApiKey = "sk_test_benchmark",
        LocationId = "loc_641b90b758fb8e6293716e40",
        ReferenceDeviceId = "chg-0001",
    };

    private readonly ArrayBufferWriter<byte> output = new(1024);
    private InstantBodyWriter writer;
    private Utf8JsonWriter json;
    private Record record;
    private ResponseReader reader;
    private HttpResponse response;

    [GlobalSetup]
    public void Setup()
    {
        writer = new InstantBodyWriter(options, null);
        json = new Utf8JsonWriter(output);
        record = new Record { Seq = 7, SeqCount = 1, Start = 1643711400, DurationSeconds = 1800, Wh = 10284, Session = 3, ConfidencePercent = 100 };
        reader = new ResponseReader();
        byte[] bytes = Encoding.UTF8.GetBytes(ResponseText);
        response = new HttpResponse { Outcome = HttpOutcome.Completed, StatusCode = 200, Body = bytes, BodyLength = bytes.Length, ContentType = "application/json" };
    }

    [Benchmark(Baseline = true, Description = "InstantBodyWriter")]
    public int BodyWriter()
    {
        record.Seq++;
        return writer.Write(ref record, record.Start, record.End, 0x1234abcd);
    }

    [Benchmark(Description = "System.Text.Json body (reused writer)")]
    public long SystemTextJson()
    {
        record.Seq++;
        output.ResetWrittenCount();
        json.Reset(output);
        var body = new InstantBody
        {
            LocationId = options.LocationId,
            SessionReferenceId = record.Session == 0 ? null : ReferenceIds.SessionId(options.ReferenceDeviceId, 0x1234abcd, record.Session),
            RecordReferenceId = ReferenceIds.RecordId(options.ReferenceDeviceId, 0x1234abcd, record.Seq),
            EnergyFlowDirection = options.EnergyFlowDirection,
            TariffDirection = options.TariffDirection,
            Units = "WH",
            Value = record.Wh,
            StartTime = Rfc3339.Format(record.Start),
            EndTime = Rfc3339.Format(record.End),
        };
        JsonSerializer.Serialize(json, body, JsonOptions);
        json.Flush();
        return json.BytesCommitted;
    }

    [Benchmark(Description = "ResponseReader.TryReadInstant")]
    public long ReadResponse()
    {
        reader.TryReadInstant(response);
        return reader.CostMicros;
    }

    [Benchmark(Description = "JsonDocument read of the same response")]
    public decimal ReadResponseJsonDocument()
    {
        using JsonDocument document = JsonDocument.Parse(response.Body.AsMemory(0, response.BodyLength));
        JsonElement root = document.RootElement;
        JsonElement data = root.GetProperty("data");
        _ = root.GetProperty("id").GetString();
        _ = root.GetProperty("currency_code").GetString();
        _ = data.GetProperty("energy").GetProperty("value").GetInt64();
        return data.GetProperty("cost").GetProperty("value").GetDecimal();
    }

    private sealed class InstantBody
    {
        [JsonPropertyName("location_id")] public string LocationId { get; set; }
        [JsonPropertyName("device_id")] public string DeviceId { get; set; }
        [JsonPropertyName("session_reference_id")] public string SessionReferenceId { get; set; }
        [JsonPropertyName("record_reference_id")] public string RecordReferenceId { get; set; }
        [JsonPropertyName("energy_flow_direction")] public string EnergyFlowDirection { get; set; }
        [JsonPropertyName("tariff_direction")] public string TariffDirection { get; set; }
        [JsonPropertyName("units")] public string Units { get; set; }
        [JsonPropertyName("value")] public uint Value { get; set; }
        [JsonPropertyName("start_time")] public string StartTime { get; set; }
        [JsonPropertyName("end_time")] public string EndTime { get; set; }
    }
}
