using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>The agent's per-boot epoch log, as the uploader asks for it.</summary>
    internal sealed class BootEpochsView : IBootEpochs
    {
        private readonly Agent agent;

        public BootEpochsView(Agent agent)
        {
            this.agent = agent;
        }

        public bool TryGetEpoch(ushort boot, out long epochUnixSeconds)
        {
            return agent.Epochs.TryGetEpoch(boot, out epochUnixSeconds, out bool _);
        }
    }
}
