namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Gives the <c>session_reference_id</c> of a session number: the generated
    /// <c>{device}-{generation}-s{n}</c>, or an id the caller gave when starting the session
    /// (kept by the sessions part in its append-only file). Must not allocate per call.
    /// </summary>
    public interface ISessionReferenceIds
    {
        /// <summary>Writes the ASCII id of <paramref name="session"/> (letters, digits, '-', '_'; at most 64); returns the bytes written.</summary>
        int Write(uint session, byte[] buffer, int offset);
    }
}
