namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Turns a boot-relative record time into UTC: the Unix seconds of second 0 of a boot, once the
    /// clock of that boot was learnt (kept by the agent in its per-boot epoch entries).
    /// </summary>
    public interface IBootEpochs
    {
        /// <summary>Gets the epoch of boot number <paramref name="boot"/>.</summary>
        /// <returns>False while that boot's clock is not known yet: the record must wait.</returns>
        bool TryGetEpoch(ushort boot, out long epochUnixSeconds);
    }
}
