
namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// A failure of an <see cref="IHttpConnection"/>, classified for the uploader. Its message is
    /// one line for people and never quotes request headers.
    /// </summary>
    public sealed class HttpTransportException : System.Exception
    {
        /// <summary>Creates the exception.</summary>
        public HttpTransportException(HttpOutcome outcome, string message) : base(message)
        {
            Outcome = outcome;
        }

        /// <summary>How the exchange ends because of it.</summary>
        public HttpOutcome Outcome { get; }
    }
}
