namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Turns a boot-relative record time into UTC: the Unix seconds of second 0 of a boot's timeline,
    /// once its clock was learnt (kept by the agent in its epoch log), or an estimate once it can
    /// never be learnt.
    /// </summary>
    public interface IBootEpochs
    {
        /// <summary>Gets the epoch of the timeline of boot <paramref name="boot"/>; <paramref name="estimated"/> when it is not measured.</summary>
        /// <returns>False when no epoch is known for that timeline.</returns>
        bool TryGetEpoch(ushort boot, out long epochUnixSeconds, out bool estimated);

        /// <summary>True while the epoch of the timeline of <paramref name="boot"/> may still be learnt (its clock sync is still to come); false when it never will be.</summary>
        bool MayStillBeLearnt(ushort boot);

        /// <summary>Fixes an estimated epoch for a timeline whose epoch can never be learnt, durably, so that all its records are placed alike.</summary>
        void AddEstimated(ushort boot, long epochUnixSeconds);
    }
}
