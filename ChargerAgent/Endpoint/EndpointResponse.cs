namespace ChargerAgent.Endpoint;

/// <summary>What the transport in front of the handler does with a response.</summary>
public enum ResponseDelivery
{
    /// <summary>Send the response now.</summary>
    Deliver = 0,

    /// <summary>Send the response after <see cref="EndpointResponse.DelayMilliseconds"/> (usually past the client's deadline).</summary>
    Delay = 1,

    /// <summary>Refuse the connection: nothing was processed or stored, no response is sent.</summary>
    Refuse = 2,

    /// <summary>The request was processed (and stored), then the connection drops before the response arrives.</summary>
    Lose = 3,
}

/// <summary>The handler's answer: status, content type and body bytes, plus how a transport must deliver it.</summary>
public sealed class EndpointResponse
{
    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>Content type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Body bytes (UTF-8 JSON).</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>How the response reaches the client (faults other than plain status codes).</summary>
    public ResponseDelivery Delivery { get; init; }

    /// <summary>For <see cref="ResponseDelivery.Delay"/>: how long to hold the response, in milliseconds.</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>The fault injected into this exchange, or <see cref="EndpointFault.None"/>.</summary>
    public EndpointFault Fault { get; init; }
}
