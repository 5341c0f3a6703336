using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace ChargerAgent.Endpoint;

/// <summary>
/// A Flatpeak-compatible API as one request handler: method, path, headers and body bytes in;
/// status, content type and body bytes out. The same handler runs inside ASP.NET Core
/// (<see cref="Hosting.EndpointServer"/>) and in-process without sockets
/// (<see cref="InMemory.InMemoryTransport"/>). Routes: GET /login, POST /costs/instant
/// (?non_persistent=true), POST /costs/session/{id}, POST and GET /devices, POST /prices/{location_id}.
/// A <c>Flatpeak-Version</c> header other than <see cref="ApiVersion"/> is refused. Thread-safe.
/// </summary>
public sealed class FlatpeakEndpoint
{
    private readonly object gate = new();
    private readonly Dictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EndpointAccount> accounts = new(StringComparer.Ordinal);
    private readonly int[] faultCounts = new int[8];
    private long recordCounter;
    private long sessionCounter;
    private int requestCount;
    private int loginCount;
    private int expiredTokenFlip;

    /// <summary>An endpoint with <paramref name="options"/> (defaults when null).</summary>
    public FlatpeakEndpoint(EndpointOptions options = null)
    {
        Options = options ?? new EndpointOptions();
        ArgumentNullException.ThrowIfNull(Options.Tariff);
        ArgumentNullException.ThrowIfNull(Options.UtcNow);
        ArgumentNullException.ThrowIfNull(Options.Faults);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.TokenLifetimeSeconds, 1);
        foreach (EndpointAccount account in Options.Accounts)
        {
            accounts[account.AccountId] = account;
        }
    }

    /// <summary>The configuration.</summary>
    public EndpointOptions Options { get; }

    /// <summary>The API edition this endpoint speaks (the one the agent pins).</summary>
    public const string ApiVersion = ChargerAgent.Core.Upload.FlatpeakClient.ApiVersion;

    /// <summary>The devices created.</summary>
    public EndpointDevices Devices { get; } = new();

    /// <summary>What was stored.</summary>
    public EndpointLedger Ledger { get; } = new();

    /// <summary>The fault plan (inject faults for the next requests here).</summary>
    public EndpointFaultPlan Faults => Options.Faults;

    /// <summary>Number of requests handled.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>Number of successful logins.</summary>
    public int LoginCount => Volatile.Read(ref loginCount);

    /// <summary>How many faults of <paramref name="kind"/> were injected.</summary>
    public int FaultCount(EndpointFault kind)
    {
        lock (gate)
        {
            return faultCounts[(int)kind];
        }
    }

    /// <summary>Expires every issued token now (as if their lifetime had run out).</summary>
    public void ExpireAllTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    /// <summary>Handles one request.</summary>
    public EndpointResponse Handle(EndpointRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref requestCount);
        string path = request.PathAndQuery ?? "/";
        string query = string.Empty;
        int q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = path.Substring(q + 1);
            path = path.Substring(0, q);
        }

        if (request.ApiVersion != null && request.ApiVersion != ApiVersion)
        {
            return ApiError.Invalid("version_invalid", "unsupported Flatpeak-Version; this endpoint speaks " + ApiVersion, "Flatpeak-Version").ToResponse();
        }

        if (path == "/devices" || path.StartsWith("/prices/", StringComparison.Ordinal))
        {
            bool devices = path == "/devices";
            if (!devices && request.Method != "POST")
            {
                return MethodNotAllowed("POST");
            }

            if (devices && request.Method is not ("GET" or "POST"))
            {
                return MethodNotAllowed("GET or POST");
            }

            EndpointResponse refused = ApplyEarlyFault(Options.Faults.Next(isCostRequest: false));
            if (refused != null)
            {
                return refused;
            }

            ApiError denied = Authenticate(request.Authorization, out EndpointAccount caller, out _);
            if (denied != null)
            {
                return denied.ToResponse();
            }

            if (!devices)
            {
                return EndpointPrices.Handle(this, request, Uri.UnescapeDataString(path.Substring("/prices/".Length)), caller);
            }

            return request.Method == "POST" ? CreateDevice(request, caller) : ListDevices(query, caller);
        }

        if (path == "/login")
        {
            if (request.Method != "GET")
            {
                return MethodNotAllowed("GET");
            }

            return ApplyEarlyFault(Options.Faults.Next(isCostRequest: false)) ?? Login(request);
        }

        bool instant = path == "/costs/instant";
        bool session = path.StartsWith("/costs/session/", StringComparison.Ordinal);
        if (!instant && !session)
        {
            return new ApiError(404, "invalid_request", "not_found", "no such endpoint").ToResponse();
        }

        if (request.Method != "POST")
        {
            return MethodNotAllowed("POST");
        }

        EndpointFault fault = Options.Faults.Next(isCostRequest: true);
        EndpointResponse early = ApplyEarlyFault(fault);
        if (early != null)
        {
            return early;
        }

        ApiError authError = Authenticate(request.Authorization, out EndpointAccount account, out string token);
        if (authError != null)
        {
            return authError.ToResponse();
        }

        switch (fault)
        {
            case EndpointFault.TokenExpired:
                Count(fault);
                lock (gate)
                {
                    tokens.Remove(token);
                }

                int status = Interlocked.Increment(ref expiredTokenFlip) % 2 == 1 ? 401 : 403;
                return new ApiError(status, "authentication_error", "token_expired", "the bearer token has expired").ToResponse(fault);
            case EndpointFault.NoPriceData:
                Count(fault);
                return new ApiError(422, "invalid_request", "no_price_data", "no price data for this location and period").ToResponse(fault);
        }

        EndpointResponse response = instant
            ? Instant(request, query, account)
            : Session(Uri.UnescapeDataString(path.Substring("/costs/session/".Length)), query, account);

        if (response.StatusCode / 100 != 2)
        {
            return response;
        }

        switch (fault)
        {
            case EndpointFault.Delayed:
                Count(fault);
                return new EndpointResponse
                {
                    StatusCode = response.StatusCode, Body = response.Body, Fault = fault,
                    Delivery = ResponseDelivery.Delay, DelayMilliseconds = Options.Faults.DelayMilliseconds,
                };
            case EndpointFault.ResponseLost:
                Count(fault);
                return new EndpointResponse
                {
                    StatusCode = response.StatusCode, Body = response.Body, Fault = fault, Delivery = ResponseDelivery.Lose,
                };
            default:
                return response;
        }
    }

    private EndpointResponse ApplyEarlyFault(EndpointFault fault)
    {
        switch (fault)
        {
            case EndpointFault.Refused:
                Count(fault);
                return new EndpointResponse { StatusCode = 0, Delivery = ResponseDelivery.Refuse, Fault = fault };
            case EndpointFault.ServerError:
                int[] statuses = [500, 502, 503];
                int status = statuses[FaultCount(fault) % statuses.Length];
                Count(fault);
                return new ApiError(status, "api_error", "api_error", "the server had a problem; try again later").ToResponse(fault);
            case EndpointFault.RateLimited:
                Count(fault);
                return new ApiError(429, "rate_limit", "rate_limit", "too many requests").ToResponse(fault);
            default:
                return null;
        }
    }

    private void Count(EndpointFault kind)
    {
        lock (gate)
        {
            faultCounts[(int)kind]++;
        }
    }

    private static EndpointResponse MethodNotAllowed(string allowed) =>
        new ApiError(405, "invalid_request", "method_not_allowed", $"use {allowed}").ToResponse();

    private EndpointResponse Login(EndpointRequest request)
    {
        string header = request.Authorization;
        if (header == null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(401, "authentication_error", "missing_credentials", "HTTP Basic credentials are required").ToResponse();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim()));
        }
        catch (FormatException)
        {
            return new ApiError(401, "authentication_error", "invalid_credentials", "malformed Basic credentials").ToResponse();
        }

        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        EndpointAccount account = null;
        bool ok = colon > 0
            && accounts.TryGetValue(decoded.Substring(0, colon), out account)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded.Substring(colon + 1)), Encoding.UTF8.GetBytes(account.ApiKey));
        if (!ok)
        {
            return new ApiError(401, "authentication_error", "invalid_credentials", "the account id or API key is wrong").ToResponse();
        }

        string token = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (gate)
        {
            tokens[token] = new IssuedToken(account, Options.UtcNow().AddSeconds(Options.TokenLifetimeSeconds));
            PruneExpired();
        }

        Interlocked.Increment(ref loginCount);
        return Json(200, w =>
        {
            w.WriteString("bearer_token", token);
            w.WriteNumber("expires_in", Options.TokenLifetimeSeconds);
            w.WriteBoolean("live_mode", account.LiveMode);
        });
    }

    private void PruneExpired()
    {
        if (tokens.Count < 64)
        {
            return;
        }

        DateTimeOffset now = Options.UtcNow();
        foreach (var pair in new List<KeyValuePair<string, IssuedToken>>(tokens))
        {
            if (pair.Value.ExpiresAt <= now)
            {
                tokens.Remove(pair.Key);
            }
        }
    }

    private ApiError Authenticate(string header, out EndpointAccount account, out string token)
    {
        account = null;
        token = null;
        if (header == null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(401, "authentication_error", "missing_token", "a bearer token is required");
        }

        token = header.Substring(7).Trim();
        lock (gate)
        {
            if (!tokens.TryGetValue(token, out IssuedToken issued))
            {
                return new ApiError(403, "authentication_error", "invalid_token", "the bearer token is not valid");
            }

            if (issued.ExpiresAt <= Options.UtcNow())
            {
                tokens.Remove(token);
                return new ApiError(403, "authentication_error", "token_expired", "the bearer token has expired");
            }

            account = issued.Account;
        }

        return null;
    }

    private EndpointResponse Instant(EndpointRequest request, string query, EndpointAccount account)
    {
        bool nonPersistent = false;
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part.Substring(0, eq);
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(eq + 1));
            if (name != "non_persistent")
            {
                return ApiError.Invalid("parameter_unknown", "unknown query parameter", "query").ToResponse();
            }

            if (value is not ("true" or "false"))
            {
                return ApiError.Invalid("parameter_invalid", "non_persistent must be true or false", "non_persistent").ToResponse();
            }

            nonPersistent = value == "true";
        }

        if (request.ContentType == null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(415, "invalid_request", "unsupported_media_type", "the body must be application/json").ToResponse();
        }

        ApiError error = InstantCostParser.TryParse(request.Body.Span, out InstantCostRequest body);
        if (error != null)
        {
            return error.ToResponse();
        }

        if (body.DeviceId != null && !Devices.Knows(account.AccountId, body.DeviceId))
        {
            return new ApiError(404, "invalid_request", "resource_missing", "no such device_id in this account (create it with POST /devices)", "device_id").ToResponse();
        }

        long energyWh;
        decimal cost;
        try
        {
            energyWh = (long)decimal.Round(body.EnergyWattHours, 0, MidpointRounding.AwayFromZero);
            cost = Options.Tariff.Cost(energyWh, body.StartTime, body.EndTime);
        }
        catch (OverflowException)
        {
            return ApiError.Invalid("parameter_invalid", "value is too large", "value").ToResponse();
        }

        DateTimeOffset now = Options.UtcNow();
        var candidate = new StoredRecord
        {
            Id = "mre_" + Interlocked.Increment(ref recordCounter).ToString("x24", CultureInfo.InvariantCulture),
            RecordReferenceId = body.RecordReferenceId,
            SessionReferenceId = body.SessionReferenceId,
            LocationId = body.LocationId,
            DeviceId = body.DeviceId,
            Start = body.StartTime,
            End = body.EndTime,
            StartText = body.StartTimeText,
            EndText = body.EndTimeText,
            EnergyWh = energyWh,
            Cost = cost,
            Confidence = body.Confidence,
            TimeCreated = now,
            AccountId = account.AccountId,
        };

        if (nonPersistent)
        {
            Ledger.CountNonPersistent();
        }
        else
        {
            Ledger.Store(candidate, out _);
        }

        return Json(200, w =>
        {
            w.WriteString("id", candidate.Id);
            w.WriteString("object", "meter_record");
            w.WriteBoolean("live_mode", account.LiveMode);
            w.WriteString("energy_flow_direction", body.EnergyFlowDirection);
            w.WriteString("tariff_direction", body.TariffDirection);
            w.WriteString("currency_code", Options.Tariff.CurrencyCode);
            w.WriteString("energy_units", "WH");
            w.WriteStartObject("request");
            w.WriteString("location_id", body.LocationId);
            WriteOptional(w, "device_id", body.DeviceId);
            WriteOptional(w, "session_reference_id", body.SessionReferenceId);
            WriteOptional(w, "record_reference_id", body.RecordReferenceId);
            w.WriteString("energy_flow_direction", body.EnergyFlowDirection);
            w.WriteString("tariff_direction", body.TariffDirection);
            w.WriteString("units", body.Units);
            w.WriteNumber("confidence", body.Confidence);
            w.WriteNumber("value", body.Value);
            w.WriteString("start_time", body.StartTimeText);
            w.WriteString("end_time", body.EndTimeText);
            w.WriteBoolean("non_persistent", nonPersistent);
            w.WriteEndObject();
            w.WriteStartObject("data");
            WriteRecordData(w, candidate);
            w.WriteEndObject();
            w.WriteString("time_created", FormatTime(now));
            w.WriteString("account_id", account.AccountId);
        });
    }

    private EndpointResponse Session(string sessionId, string query, EndpointAccount account)
    {
        if (sessionId.Length == 0 || sessionId.Contains('/', StringComparison.Ordinal))
        {
            return new ApiError(404, "invalid_request", "not_found", "no such endpoint").ToResponse();
        }

        string direction = "IMPORT";
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part.Substring(0, eq);
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(eq + 1));
            if (name != "tariff_direction")
            {
                return ApiError.Invalid("parameter_unknown", "unknown query parameter", "query").ToResponse();
            }

            if (value is not ("IMPORT" or "EXPORT" or "LOCAL"))
            {
                return ApiError.Invalid("parameter_invalid", "tariff_direction must be IMPORT, EXPORT or LOCAL", "tariff_direction").ToResponse();
            }

            direction = value;
        }

        StoredRecord[] records = Ledger.Session(sessionId);
        string objectId = records.Length == 0 ? null : records[0].DeviceId ?? records[0].LocationId;
        long id = Interlocked.Increment(ref sessionCounter);
        return Json(200, w =>
        {
            w.WriteString("id", "ecs_" + id.ToString("x24", CultureInfo.InvariantCulture));
            w.WriteString("object", "energy_cost");
            if (objectId != null)
            {
                w.WriteString("object_id", objectId);
            }

            w.WriteBoolean("live_mode", account.LiveMode);
            w.WriteString("tariff_direction", direction);
            w.WriteString("location_timezone", Options.LocationTimezone);
            w.WriteString("currency_code", Options.Tariff.CurrencyCode);
            w.WriteString("energy_units", "WH");
            w.WriteStartArray("data");
            foreach (StoredRecord record in records)
            {
                w.WriteStartObject();
                WriteRecordData(w, record);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("account_id", account.AccountId);
        });
    }

    private EndpointResponse CreateDevice(EndpointRequest request, EndpointAccount account)
    {
        if (request.ContentType == null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(415, "invalid_request", "unsupported_media_type", "the body must be application/json").ToResponse();
        }

        string reference = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiError.Invalid("parameter_invalid", "the body must be a JSON object").ToResponse();
            }

            foreach (JsonProperty member in document.RootElement.EnumerateObject())
            {
                if (member.Name != "reference_id")
                {
                    return ApiError.Invalid("parameter_unknown", "unknown field " + member.Name, member.Name).ToResponse();
                }

                if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString().Length is 0 or > 128)
                {
                    return ApiError.Invalid("parameter_invalid", "reference_id must be a string of 1-128 characters", "reference_id").ToResponse();
                }

                reference = member.Value.GetString();
            }
        }
        catch (JsonException)
        {
            return ApiError.Invalid("parameter_invalid", "the body is not valid JSON").ToResponse();
        }

        EndpointDevice device;
        try
        {
            device = Devices.Create(account.AccountId, reference, account.LiveMode, Options.UtcNow());
        }
        catch (InvalidOperationException e)
        {
            return new ApiError(422, "invalid_request", "limit_reached", e.Message).ToResponse();
        }

        return Json(201, w => WriteDevice(w, device));
    }

    private EndpointResponse ListDevices(string query, EndpointAccount account)
    {
        string reference = null;
        int limit = 30;
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part.Substring(0, eq);
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(eq + 1));
            if (name == "reference_id")
            {
                reference = value;
            }
            else if (name == "limit")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100)
                {
                    return ApiError.Invalid("parameter_invalid", "limit must be 1-100", "limit").ToResponse();
                }
            }
            else
            {
                return ApiError.Invalid("parameter_unknown", "unknown query parameter", "query").ToResponse();
            }
        }

        EndpointDevice[] found = Devices.Find(account.AccountId, reference, limit + 1);
        return Json(200, w =>
        {
            w.WriteString("object", "list");
            w.WriteString("url", "/devices");
            w.WriteBoolean("has_more", found.Length > limit);
            w.WriteStartArray("data");
            for (int i = 0; i < found.Length && i < limit; i++)
            {
                w.WriteStartObject();
                WriteDevice(w, found[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static void WriteDevice(Utf8JsonWriter w, EndpointDevice device)
    {
        w.WriteString("id", device.Id);
        w.WriteString("object", "device");
        w.WriteBoolean("live_mode", device.LiveMode);
        w.WriteString("reference_id", device.ReferenceId ?? string.Empty);
        w.WriteString("time_created", FormatTime(device.TimeCreated));
        w.WriteString("account_id", device.AccountId);
    }

    private static void WriteRecordData(Utf8JsonWriter w, StoredRecord record)
    {
        w.WriteString("start_time", record.StartText);
        w.WriteString("end_time", record.EndText);
        WriteOptional(w, "session_reference_id", record.SessionReferenceId);
        WriteOptional(w, "record_reference_id", record.RecordReferenceId);
        w.WriteStartObject("energy");
        w.WriteNumber("value", record.EnergyWh);
        w.WriteEndObject();
        w.WriteStartObject("cost");
        w.WriteNumber("value", record.Cost);
        w.WriteNumber("confidence", record.Confidence);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string value)
    {
        if (value != null)
        {
            w.WriteString(name, value);
        }
    }

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static EndpointResponse Json(int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return new EndpointResponse { StatusCode = status, Body = buffer.WrittenSpan.ToArray() };
    }

    private sealed record IssuedToken(EndpointAccount Account, DateTimeOffset ExpiresAt);
}
