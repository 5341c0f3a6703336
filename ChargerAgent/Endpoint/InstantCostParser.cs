using System;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChargerAgent.Endpoint;

/// <summary>
/// Strict validation of a POST /costs/instant body, field by field, per the API reference page:
/// one JSON object; only the documented fields, each once; strings where strings are due and
/// numbers where numbers are due (null is a wrong type); required fields present; units, directions
/// and times from their documented sets; end after start; confidence 0.1–1.
/// </summary>
public static partial class InstantCostParser
{
    /// <summary>Longest identifier accepted (location, device and reference ids).</summary>
    public const int MaxIdLength = 255;

    private const decimal MinConfidence = 0.1m;
    private const decimal MaxConfidence = 1m;

    /// <summary>Parses and validates <paramref name="body"/>.</summary>
    /// <returns>Null when valid (then <paramref name="request"/> is set), else the error to answer with.</returns>
    public static ApiError TryParse(ReadOnlySpan<byte> body, out InstantCostRequest request)
    {
        request = null;
        var parsed = new InstantCostRequest();
        bool hasLocation = false, hasUnits = false, hasValue = false, hasStart = false, hasEnd = false;
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ApiError.Invalid("invalid_json", "the body must be one JSON object");
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return ApiError.Invalid("invalid_json", "the JSON object is not closed");
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                string name = reader.GetString();
                if (!seen.Add(name))
                {
                    return ApiError.Invalid("parameter_duplicate", $"{name} appears more than once", name);
                }

                if (!reader.Read())
                {
                    return ApiError.Invalid("invalid_json", "a value is missing");
                }

                ApiError error;
                switch (name)
                {
                    case "location_id":
                        error = ReadId(ref reader, name, out string location);
                        parsed.LocationId = location;
                        hasLocation = true;
                        break;
                    case "device_id":
                        error = ReadId(ref reader, name, out string device);
                        parsed.DeviceId = device;
                        break;
                    case "session_reference_id":
                        error = ReadId(ref reader, name, out string session);
                        parsed.SessionReferenceId = session;
                        break;
                    case "record_reference_id":
                        error = ReadId(ref reader, name, out string record);
                        parsed.RecordReferenceId = record;
                        break;
                    case "energy_flow_direction":
                        error = ReadChoice(ref reader, name, out string flow, "INBOUND", "OUTBOUND");
                        parsed.EnergyFlowDirection = flow;
                        break;
                    case "tariff_direction":
                        error = ReadChoice(ref reader, name, out string tariff, "IMPORT", "EXPORT", "LOCAL");
                        parsed.TariffDirection = tariff;
                        break;
                    case "units":
                        error = ReadChoice(ref reader, name, out string units, "W", "KW", "WH", "KWH");
                        parsed.Units = units;
                        hasUnits = true;
                        break;
                    case "value":
                        error = ReadNumber(ref reader, name, out decimal value);
                        if (error == null && value < 0)
                        {
                            error = ApiError.Invalid("parameter_invalid", "value must not be negative", name);
                        }

                        parsed.Value = value;
                        hasValue = true;
                        break;
                    case "confidence":
                        error = ReadNumber(ref reader, name, out decimal confidence);
                        if (error == null && (confidence < MinConfidence || confidence > MaxConfidence))
                        {
                            error = ApiError.Invalid("parameter_invalid", "confidence must be between 0.1 and 1", name);
                        }

                        parsed.Confidence = confidence;
                        parsed.ConfidenceGiven = true;
                        break;
                    case "start_time":
                        error = ReadTime(ref reader, name, out DateTimeOffset start, out string startText);
                        parsed.StartTime = start;
                        parsed.StartTimeText = startText;
                        hasStart = true;
                        break;
                    case "end_time":
                        error = ReadTime(ref reader, name, out DateTimeOffset end, out string endText);
                        parsed.EndTime = end;
                        parsed.EndTimeText = endText;
                        hasEnd = true;
                        break;
                    default:
                        return ApiError.Invalid("parameter_unknown", $"unknown parameter {Printable(name)}", Printable(name));
                }

                if (error != null)
                {
                    return error;
                }
            }

            if (reader.Read())
            {
                return ApiError.Invalid("invalid_json", "content after the JSON object");
            }
        }
        catch (JsonException)
        {
            return ApiError.Invalid("invalid_json", "the body is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            return ApiError.Invalid("invalid_json", "the body is not valid JSON");
        }

        if (!hasLocation)
        {
            return Missing("location_id");
        }

        if (!hasUnits)
        {
            return Missing("units");
        }

        if (!hasValue)
        {
            return Missing("value");
        }

        if (!hasStart)
        {
            return Missing("start_time");
        }

        if (!hasEnd)
        {
            return Missing("end_time");
        }

        if (parsed.EndTime <= parsed.StartTime)
        {
            return ApiError.Invalid("parameter_invalid", "end_time must be after start_time", "end_time");
        }

        request = parsed;
        return null;
    }

    /// <summary>Parses an RFC 3339 date-time (e.g. 2023-06-15T09:00:00Z or 2023-06-15T08:00:00+01:00).</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        if (text == null)
        {
            return false;
        }

        Match m = Rfc3339Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        try
        {
            int year = Int(m, 1), month = Int(m, 2), day = Int(m, 3);
            int hour = Int(m, 4), minute = Int(m, 5), second = Int(m, 6);
            TimeSpan offset = TimeSpan.Zero;
            string zone = m.Groups[8].Value;
            if (zone is not ("Z" or "z"))
            {
                int sign = zone[0] == '-' ? -1 : 1;
                int oh = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
                int om = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
                if (oh > 23 || om > 59)
                {
                    return false;
                }

                offset = new TimeSpan(sign * oh, sign * om, 0);
            }

            value = new DateTimeOffset(year, month, day, hour, minute, second, offset);
            string fraction = m.Groups[7].Value;
            if (fraction.Length > 0)
            {
                string digits = fraction.Substring(1).PadRight(7, '0').Substring(0, 7);
                value = value.AddTicks(long.Parse(digits, CultureInfo.InvariantCulture));
            }

            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static ApiError Missing(string name) =>
        ApiError.Invalid("parameter_missing", $"{name} is required", name);

    private static ApiError WrongType(string name, string expected) =>
        ApiError.Invalid("parameter_invalid_type", $"{name} must be a {expected}", name);

    private static ApiError ReadString(ref Utf8JsonReader reader, string name, out string value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            SkipValue(ref reader);
            return WrongType(name, "string");
        }

        value = reader.GetString();
        return null;
    }

    private static ApiError ReadId(ref Utf8JsonReader reader, string name, out string value)
    {
        ApiError error = ReadString(ref reader, name, out value);
        if (error != null)
        {
            return error;
        }

        if (value.Length == 0 || value.Length > MaxIdLength || value.Trim().Length != value.Length)
        {
            return ApiError.Invalid("parameter_invalid", $"{name} must be 1 to {MaxIdLength} characters without surrounding spaces", name);
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return ApiError.Invalid("parameter_invalid", $"{name} must not contain control characters", name);
            }
        }

        return null;
    }

    private static ApiError ReadChoice(ref Utf8JsonReader reader, string name, out string value, params string[] allowed)
    {
        ApiError error = ReadString(ref reader, name, out value);
        if (error != null)
        {
            return error;
        }

        if (Array.IndexOf(allowed, value) < 0)
        {
            return ApiError.Invalid("parameter_invalid", $"{name} must be one of {string.Join(", ", allowed)}", name);
        }

        return null;
    }

    private static ApiError ReadNumber(ref Utf8JsonReader reader, string name, out decimal value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            SkipValue(ref reader);
            return WrongType(name, "number");
        }

        if (!reader.TryGetDecimal(out value))
        {
            return ApiError.Invalid("parameter_invalid", $"{name} is out of range", name);
        }

        return null;
    }

    private static ApiError ReadTime(ref Utf8JsonReader reader, string name, out DateTimeOffset value, out string text)
    {
        value = default;
        ApiError error = ReadString(ref reader, name, out text);
        if (error != null)
        {
            return error;
        }

        if (!TryParseRfc3339(text, out value))
        {
            return ApiError.Invalid("parameter_invalid", $"{name} must be an RFC 3339 date-time, e.g. 2023-06-15T09:00:00Z", name);
        }

        return null;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    private static string Printable(string name)
    {
        string cut = name.Length > 64 ? name.Substring(0, 64) : name;
        var chars = cut.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }
}
