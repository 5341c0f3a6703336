namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// Keeps the agent's <see cref="Checkpoint"/> on flash so that a load after any power cut
    /// returns the last complete save or the one before it, never a mix of two.
    /// </summary>
    public interface ICheckpointStore
    {
        /// <summary>Loads the newest complete checkpoint into <paramref name="into"/>.</summary>
        /// <returns>False when there is none (a new board), with <paramref name="problem"/> saying what was found instead, or null.</returns>
        bool TryLoad(Checkpoint into, out string problem);

        /// <summary>Saves <paramref name="checkpoint"/> durably (one file-system sync) before returning.</summary>
        void Save(Checkpoint checkpoint);

        /// <summary>Saves done since start, for wear figures.</summary>
        long SaveCount { get; }
    }
}
