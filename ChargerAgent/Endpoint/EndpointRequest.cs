using System;

namespace ChargerAgent.Endpoint;

/// <summary>One HTTP request as the endpoint's handler sees it, whichever way it arrived (Kestrel or in memory).</summary>
public sealed class EndpointRequest
{
    /// <summary>HTTP method, e.g. "GET" or "POST".</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Path with its query string, e.g. "/costs/instant?non_persistent=true".</summary>
    public string PathAndQuery { get; init; } = "/";

    /// <summary>The Authorization header value, or null. A secret: never logged.</summary>
    public string Authorization { get; init; }

    /// <summary>The Flatpeak-Version header value (the API edition asked for), or null.</summary>
    public string ApiVersion { get; init; }

    /// <summary>The Content-Type header value, or null.</summary>
    public string ContentType { get; init; }

    /// <summary>The body bytes (empty when there is none).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}
