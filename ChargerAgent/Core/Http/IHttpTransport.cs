namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// The HTTP transport port, non-blocking: the uploader starts one request and polls for its
    /// result on later ticks, so a hung DNS lookup, connect or TLS handshake never stops metering.
    /// The device adapter runs its blocking HTTP client on a worker thread and reports a timeout at the deadline.
    /// </summary>
    public interface IHttpTransport
    {
        /// <summary>
        /// True while a request is in flight, including one past its deadline whose worker has not
        /// ended yet: no second request may start until it is false.
        /// </summary>
        bool IsBusy { get; }

        /// <summary>Starts sending <paramref name="request"/> (its buffers must not change until the result is taken).</summary>
        /// <exception cref="System.InvalidOperationException">A request is still in flight.</exception>
        void Start(HttpRequest request);

        /// <summary>Copies the finished exchange into <paramref name="response"/>.</summary>
        /// <returns>False while the request is still in flight (or none was started).</returns>
        bool TryTakeResult(HttpResponse response);
    }
}
