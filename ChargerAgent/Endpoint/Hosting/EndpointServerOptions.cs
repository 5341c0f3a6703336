namespace ChargerAgent.Endpoint.Hosting;

/// <summary>Options of an <see cref="EndpointServer"/>.</summary>
public sealed class EndpointServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The certificates to serve with; null (default) generates new ones, owned by the server.</summary>
    public LocalCertificates Certificates { get; init; }

    /// <summary>Largest request body accepted, in bytes (default 64 KiB).</summary>
    public int MaxRequestBodyBytes { get; init; } = 64 * 1024;
}
