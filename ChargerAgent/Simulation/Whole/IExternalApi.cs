using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// Another Flatpeak-compatible endpoint a simulation talks real HTTPS to, instead of the
/// in-process one: the command line builds it (credentials, transport), the simulation uses it.
/// </summary>
public interface IExternalApi
{
    /// <summary>The endpoint's address, for messages.</summary>
    string Url { get; }

    /// <summary>The upload configuration (credentials, non_persistent records).</summary>
    UploadOptions Options { get; }

    /// <summary>A new transport to the endpoint, for one boot of the board.</summary>
    IHttpTransport Connect();

    /// <summary>Waits (in real time) until <paramref name="transport"/> has its answer, at most <paramref name="milliseconds"/>.</summary>
    void WaitForResult(IHttpTransport transport, int milliseconds);
}
