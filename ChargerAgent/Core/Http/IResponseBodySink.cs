namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// Receives a response body in pieces as it arrives, so that an answer of any length is read
    /// without holding it whole (a long session's cost answer, a day of price slots).
    /// </summary>
    /// <remarks>
    /// A transport given a sink on <see cref="HttpRequest.BodySink"/> calls <see cref="Reset"/> once
    /// before the first byte of the response body, then <see cref="Write"/> for every piece in order,
    /// on whatever thread it reads the body on, and finishes before it offers the result. The
    /// response's own buffer still receives the body's first bytes (for error answers), marked
    /// truncated when the body was longer.
    /// </remarks>
    public interface IResponseBodySink
    {
        /// <summary>Forgets any earlier body: a new response begins.</summary>
        void Reset();

        /// <summary>Takes the next <paramref name="count"/> bytes of the body, from <paramref name="offset"/>.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
