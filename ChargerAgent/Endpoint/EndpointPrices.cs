using System;
using System.Text.Json;

namespace ChargerAgent.Endpoint;

/// <summary>
/// <c>POST /prices/{location_id}</c> from the endpoint's tariff: body <c>start_time</c> (optional,
/// default now), <c>end_time</c> (required, at most 90 days after the start), <c>tariff_direction</c>;
/// the answer lists one slot per UTC half-hour that overlaps the window (<c>valid_from</c>,
/// <c>valid_to</c>, <c>price.value</c> per kWh, <c>price.confidence</c> 1) and <c>next_update</c>,
/// the next 23:00 UTC (when a day-ahead tariff would be known).
/// </summary>
internal static class EndpointPrices
{
    private const int SlotSeconds = 1800;
    private const int MaxDays = 90;

    public static EndpointResponse Handle(FlatpeakEndpoint endpoint, EndpointRequest request, string locationId, EndpointAccount account)
    {
        if (locationId.Length == 0 || locationId.Contains('/', StringComparison.Ordinal))
        {
            return new ApiError(404, "invalid_request", "not_found", "no such endpoint").ToResponse();
        }

        if (request.ContentType == null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(415, "invalid_request", "unsupported_media_type", "the body must be application/json").ToResponse();
        }

        DateTimeOffset now = endpoint.Options.UtcNow();
        DateTimeOffset start = now;
        DateTimeOffset end = default;
        string startText = null;
        string endText = null;
        string direction = "IMPORT";
        try
        {
            using JsonDocument document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiError.Invalid("parameter_invalid", "the body must be a JSON object").ToResponse();
            }

            foreach (JsonProperty member in document.RootElement.EnumerateObject())
            {
                string text = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                switch (member.Name)
                {
                    case "start_time":
                        if (text == null || !InstantCostParser.TryParseRfc3339(text, out start))
                        {
                            return ApiError.Invalid("parameter_invalid", "start_time must be an RFC 3339 time", "start_time").ToResponse();
                        }

                        startText = text;
                        break;
                    case "end_time":
                        if (text == null || !InstantCostParser.TryParseRfc3339(text, out end))
                        {
                            return ApiError.Invalid("parameter_invalid", "end_time must be an RFC 3339 time", "end_time").ToResponse();
                        }

                        endText = text;
                        break;
                    case "tariff_direction":
                        if (text is not ("IMPORT" or "EXPORT" or "LOCAL"))
                        {
                            return ApiError.Invalid("parameter_invalid", "tariff_direction must be IMPORT, EXPORT or LOCAL", "tariff_direction").ToResponse();
                        }

                        direction = text;
                        break;
                    default:
                        return ApiError.Invalid("parameter_unknown", "unknown field " + member.Name, member.Name).ToResponse();
                }
            }
        }
        catch (JsonException)
        {
            return ApiError.Invalid("parameter_invalid", "the body is not valid JSON").ToResponse();
        }

        if (endText == null)
        {
            return ApiError.Invalid("parameter_missing", "end_time is required", "end_time").ToResponse();
        }

        if (end <= start)
        {
            return ApiError.Invalid("parameter_invalid", "end_time must be after start_time", "end_time").ToResponse();
        }

        if (end - start > TimeSpan.FromDays(MaxDays))
        {
            return ApiError.Invalid("parameter_invalid", "the window is longer than 90 days", "end_time").ToResponse();
        }

        long from = start.ToUnixTimeSeconds();
        from -= Mod(from, SlotSeconds);
        long to = end.ToUnixTimeSeconds();
        long nextUpdate = now.ToUnixTimeSeconds() - Mod(now.ToUnixTimeSeconds(), 86_400) + 23 * 3600;
        if (nextUpdate <= now.ToUnixTimeSeconds())
        {
            nextUpdate += 86_400;
        }

        Tariff tariff = endpoint.Options.Tariff;
        return FlatpeakEndpoint.Json(200, w =>
        {
            w.WriteString("id", "prs_" + Guid.NewGuid().ToString("N").Substring(0, 24));
            w.WriteString("object", "price");
            w.WriteBoolean("live_mode", account.LiveMode);
            w.WriteString("location_id", locationId);
            w.WriteString("location_timezone", endpoint.Options.LocationTimezone);
            w.WriteString("currency_code", tariff.CurrencyCode);
            w.WriteString("tariff_direction", direction);
            w.WriteString("last_updated", FlatpeakEndpoint.FormatTime(now));
            w.WriteString("next_update", FlatpeakEndpoint.FormatTime(DateTimeOffset.FromUnixTimeSeconds(nextUpdate)));
            w.WriteStartObject("request");
            w.WriteString("tariff_direction", direction);
            if (startText != null)
            {
                w.WriteString("start_time", startText);
            }

            w.WriteString("end_time", endText);
            w.WriteEndObject();
            w.WriteStartArray("data");
            for (long at = from; at < to; at += SlotSeconds)
            {
                w.WriteStartObject();
                w.WriteString("valid_from", FlatpeakEndpoint.FormatTime(DateTimeOffset.FromUnixTimeSeconds(at)));
                w.WriteString("valid_to", FlatpeakEndpoint.FormatTime(DateTimeOffset.FromUnixTimeSeconds(at + SlotSeconds)));
                w.WriteStartObject("price");
                w.WriteNumber("value", tariff.PriceOfSlot((int)(Mod(at, 86_400) / SlotSeconds)));
                w.WriteNumber("confidence", 1);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("time_created", FlatpeakEndpoint.FormatTime(now));
            w.WriteString("account_id", account.AccountId);
        });
    }

    private static long Mod(long value, long modulus)
    {
        long r = value % modulus;
        return r < 0 ? r + modulus : r;
    }
}
