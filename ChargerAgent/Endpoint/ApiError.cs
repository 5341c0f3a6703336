using System;
using System.Text.Json;

namespace ChargerAgent.Endpoint;

/// <summary>
/// An error in the API's shape: <c>{"object":"error","type":…,"code":…,"message":…,"param":…}</c>.
/// Types used: invalid_request (400, 404, 405, 415, 422), authentication_error (401, 403),
/// rate_limit (429), api_error (5xx).
/// </summary>
public sealed class ApiError
{
    /// <summary>An error with its HTTP status.</summary>
    public ApiError(int statusCode, string type, string code, string message, string param = null)
    {
        StatusCode = statusCode;
        Type = type;
        Code = code;
        Message = message;
        Param = param;
    }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Error type, e.g. invalid_request.</summary>
    public string Type { get; }

    /// <summary>Error code, e.g. parameter_missing or no_price_data.</summary>
    public string Code { get; }

    /// <summary>A message for people (never contains secrets).</summary>
    public string Message { get; }

    /// <summary>The request field the error is about, or null.</summary>
    public string Param { get; }

    /// <summary>A 400 invalid_request.</summary>
    public static ApiError Invalid(string code, string message, string param = null) =>
        new(400, "invalid_request", code, message, param);

    /// <summary>The JSON body.</summary>
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "error");
            writer.WriteString("type", Type);
            writer.WriteString("code", Code);
            writer.WriteString("message", Message);
            if (Param != null)
            {
                writer.WriteString("param", Param);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The error as an endpoint response.</summary>
    public EndpointResponse ToResponse(EndpointFault fault = EndpointFault.None) =>
        new() { StatusCode = StatusCode, Body = ToJson(), Fault = fault };

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{StatusCode} {Type}/{Code}: {Message}");
}
