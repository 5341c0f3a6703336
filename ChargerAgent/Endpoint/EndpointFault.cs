namespace ChargerAgent.Endpoint;

/// <summary>The faults the endpoint can inject into an exchange.</summary>
public enum EndpointFault
{
    /// <summary>No fault: the request is handled normally.</summary>
    None = 0,

    /// <summary>The connection is refused: nothing is processed or stored.</summary>
    Refused = 1,

    /// <summary>The request is processed and stored, but the answer comes only after the client's deadline.</summary>
    Delayed = 2,

    /// <summary>A 5xx api_error (500, 502 or 503); nothing is stored.</summary>
    ServerError = 3,

    /// <summary>A 429 rate_limit; nothing is stored.</summary>
    RateLimited = 4,

    /// <summary>The presented bearer token is expired now: 401 or 403, nothing is stored, log in again.</summary>
    TokenExpired = 5,

    /// <summary>The record is stored, then the response is lost (the connection drops).</summary>
    ResponseLost = 6,

    /// <summary>A 422 no_price_data; nothing is stored.</summary>
    NoPriceData = 7,
}
