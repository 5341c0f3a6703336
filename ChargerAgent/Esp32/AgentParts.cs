using ChargerAgent.Core.Status;

namespace ChargerAgent.Esp32
{
    /// <summary>Runs one step of the agent at monotonic time <paramref name="nowMs"/>; must return without waiting on the network.</summary>
    public delegate void AgentTick(long nowMs);

    /// <summary>Answers a yes/no question from the main loop (for example "has the agent asked for a reboot?").</summary>
    public delegate bool AgentQuery();

    /// <summary>Why the agent asked for the reboot (a <c>RebootReason</c>), for the reboot note.</summary>
    public delegate byte AgentReason();

    /// <summary>
    /// What the main loop needs from the composed agent (see <c>Program.ComposeAgent</c>): a tick,
    /// the control the console uses, and whether the agent wants the board restarted.
    /// </summary>
    public sealed class AgentParts
    {
        /// <summary>Creates the parts.</summary>
        public AgentParts(AgentTick tick, IAgentControl control, AgentQuery rebootWanted, AgentReason rebootReason)
        {
            if (tick == null) throw new System.ArgumentNullException(nameof(tick));
            if (control == null) throw new System.ArgumentNullException(nameof(control));
            Tick = tick;
            Control = control;
            RebootWanted = rebootWanted;
            RebootReason = rebootReason;
        }

        /// <summary>One agent step (meter, intervals, ring, checkpoint, uploader, status).</summary>
        public AgentTick Tick { get; }

        /// <summary>What the console may ask the agent.</summary>
        public IAgentControl Control { get; }

        /// <summary>True once the agent has saved its state after a reboot request and the board may restart; null when the agent never asks.</summary>
        public AgentQuery RebootWanted { get; }

        /// <summary>Why the agent wants the restart (requested, out of memory); null when the agent never asks.</summary>
        public AgentReason RebootReason { get; }
    }
}
