
namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// Where a response body goes as it is read: its first bytes into the response's own buffer
    /// (marked truncated when the body is longer), and every byte to the request's
    /// <see cref="HttpRequest.BodySink"/> when it has one.
    /// </summary>
    public sealed class ResponseBody : IResponseBodySink
    {
        private readonly object gate = new object();
        private byte[] buffer;
        private IResponseBodySink forward;

        /// <summary>Valid bytes in the buffer.</summary>
        public int Length { get; private set; }

        /// <summary>True when the body was longer than the buffer.</summary>
        public bool Truncated { get; private set; }

        /// <summary>Starts collecting into <paramref name="into"/> (null: keep nothing) and forwarding to <paramref name="sink"/> (null: none).</summary>
        public void Attach(byte[] into, IResponseBodySink sink)
        {
            lock (gate)
            {
                buffer = into;
                forward = sink;
                Length = 0;
                Truncated = false;
            }
        }

        /// <summary>
        /// No later byte reaches the request's sink. Called from another thread when the exchange is
        /// abandoned at its deadline, so that a late body cannot write into a sink already handed back.
        /// </summary>
        public void Detach()
        {
            lock (gate)
            {
                forward = null;
            }
        }

        /// <inheritdoc />
        public void Reset()
        {
            lock (gate)
            {
                Length = 0;
                Truncated = false;
                if (forward != null) forward.Reset();
            }
        }

        /// <inheritdoc />
        public void Write(byte[] data, int offset, int count)
        {
            lock (gate)
            {
                int room = buffer == null ? 0 : buffer.Length - Length;
                int kept = count < room ? count : room;
                if (kept > 0)
                {
                    System.Array.Copy(data, offset, buffer, Length, kept);
                    Length += kept;
                }

                if (kept < count) Truncated = true;
                if (forward != null) forward.Write(data, offset, count);
            }
        }
    }
}
