namespace ChargerAgent.Core
{
    /// <summary>
    /// Work the agent steps at the end of every tick, after records and checkpoint (the uploader,
    /// the status display). A step must return at once: it starts I/O and polls for it later.
    /// </summary>
    public interface IAgentStep
    {
        /// <summary>Does a bounded piece of work at monotonic time <paramref name="monotonicMs"/>.</summary>
        void Step(long monotonicMs);
    }
}
