using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The agent's side of the simulated network: while the network is down (or the board has lost
/// power) a request is not sent at all; otherwise it goes to the inner transport.
/// </summary>
internal sealed class SimulatedNetworkTransport(IHttpTransport inner) : IHttpTransport
{
    private bool failedLocally;

    /// <summary>True while the agent's network is up.</summary>
    public bool Up { get; set; } = true;

    /// <summary>False once power is lost: nothing more leaves the board.</summary>
    public bool Powered { get; set; } = true;

    public bool IsBusy => !failedLocally && inner.IsBusy;

    public void Start(HttpRequest request)
    {
        if (Up && Powered)
        {
            failedLocally = false;
            inner.Start(request);
            return;
        }

        // Nothing was sent: a body sink hears of no body at all.
        request.BodySink?.Reset();
        failedLocally = true;
    }

    public bool TryTakeResult(HttpResponse response)
    {
        if (!failedLocally) return inner.TryTakeResult(response);
        failedLocally = false;
        response.Outcome = HttpOutcome.NotSent;
        response.StatusCode = 0;
        response.BodyLength = 0;
        response.BodyTruncated = false;
        response.ContentType = null;
        response.Error = "network down";
        return true;
    }
}
