using ChargerAgent.Simulation.Whole;
using System;
using System.IO;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;

namespace ChargerAgent.Host.Run;

/// <summary>
/// What the demo runs against, kept across in-process restarts: the accelerated clock, the simulated
/// charger and, without <c>--api-url</c>, the local endpoint over HTTPS with its CA file in the state directory.
/// </summary>
internal sealed class DemoWorld : IDisposable
{
    private DemoWorld(AcceleratedClock clock, EndpointServer server, string caFile)
    {
        Clock = clock;
        Charger = new DemoCharger(clock);
        Server = server;
        CaFile = caFile;
    }

    public AcceleratedClock Clock { get; }

    public DemoCharger Charger { get; }

    /// <summary>The local endpoint, or null with <c>--api-url</c>.</summary>
    public EndpointServer Server { get; }

    /// <summary>The local endpoint's CA file, or null.</summary>
    public string CaFile { get; }

    public static DemoWorld Start(int speed, bool localEndpoint, string stateDirectory)
    {
        var clock = new AcceleratedClock(speed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (!localEndpoint) return new DemoWorld(clock, null, null);
        var endpoint = new FlatpeakEndpoint(new EndpointOptions
        {
            UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(clock.TrueUnixMilliseconds),
        });
        EndpointServer server = EndpointServer.StartAsync(endpoint).GetAwaiter().GetResult();
        string caFile = Path.Combine(stateDirectory, "local-endpoint-ca.pem");
        try
        {
            File.WriteAllText(caFile, server.AuthorityPem);
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw StorageErrors.StateDirectory(stateDirectory, e);
        }

        return new DemoWorld(clock, server, caFile);
    }

    public void Dispose() => Server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
