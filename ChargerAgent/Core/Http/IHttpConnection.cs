namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// One byte stream to a server (TCP, with TLS for https), as <see cref="KeepAliveHttpClient"/>
    /// uses it. The device adapter implements it over a socket and an SSL stream; every wait takes a
    /// bound, and failures are thrown as <see cref="HttpTransportException"/>.
    /// </summary>
    public interface IHttpConnection
    {
        /// <summary>Resolves the host, connects and, for https, makes the TLS handshake.</summary>
        /// <param name="target">Where to connect.</param>
        /// <param name="timeoutMs">Bound of every wait the platform lets bound, ms.</param>
        void Open(HttpTarget target, int timeoutMs);

        /// <summary>
        /// True when the held connection can carry a request: still open, and nothing waiting to be
        /// read (a server that closed an idle connection has sent its end of stream). Never waits.
        /// </summary>
        bool IsUsable();

        /// <summary>Sends <paramref name="count"/> bytes, all of them, within <paramref name="timeoutMs"/>.</summary>
        void Write(byte[] data, int offset, int count, int timeoutMs);

        /// <summary>Reads what has arrived, at most <paramref name="count"/> bytes, waiting up to <paramref name="timeoutMs"/> for the first.</summary>
        /// <returns>Bytes read; 0 when the server closed the connection.</returns>
        int Read(byte[] data, int offset, int count, int timeoutMs);

        /// <summary>Closes the connection and frees what it holds. Never throws; closing a closed connection does nothing.</summary>
        void Close();
    }
}
