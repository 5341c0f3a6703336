using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Host.Run;
using ChargerAgent.Host.Upload;
using ChargerAgent.Simulation.Whole;

namespace ChargerAgent.Host.Commands;

/// <summary>
/// <c>simulate --api-url</c>: another Flatpeak-compatible endpoint over real HTTPS, with the
/// credentials from the environment. Records go with non_persistent=true, and a live key is refused.
/// </summary>
internal sealed class SimulationApi : IExternalApi
{
    private readonly string caFile;

    private SimulationApi(string url, string caFile, UploadOptions options)
    {
        Url = url;
        this.caFile = caFile;
        Options = options;
    }

    public string Url { get; }

    public UploadOptions Options { get; }

    /// <summary>The endpoint at <paramref name="url"/>, trusting <paramref name="caFile"/> too (or null).</summary>
    /// <exception cref="UsageException">The key is a live one, or the credentials are incomplete.</exception>
    public static SimulationApi FromEnvironment(string url, string caFile)
    {
        UploadOptions options = Credentials.FromEnvironment(url, WholeAgentSimulation.DeviceId);
        options.NonPersistent = true;
        if (options.ApiKey != null && options.ApiKey.StartsWith("sk_live_", StringComparison.Ordinal))
        {
            throw new UsageException("simulate refuses a live key (sk_live_…): use a test key (sk_test_…)");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        return new SimulationApi(url, caFile, options);
    }

    public IHttpTransport Connect() => new HttpClientTransport(caFile);

    public void WaitForResult(IHttpTransport transport, int milliseconds) => ((HttpClientTransport)transport).WaitForResult(milliseconds);
}
