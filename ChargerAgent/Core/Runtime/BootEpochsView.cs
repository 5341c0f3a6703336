using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>The agent's epoch log, as the uploader asks for it.</summary>
    internal sealed class BootEpochsView : IBootEpochs
    {
        private readonly Agent agent;

        public BootEpochsView(Agent agent)
        {
            this.agent = agent;
        }

        public bool TryGetEpoch(ushort boot, out long epochUnixSeconds, out bool estimated)
        {
            if (agent.MayStillLearnEpoch(boot))
            {
                // The timeline this boot still counts on: not in the log until the clock sync.
                epochUnixSeconds = 0;
                estimated = false;
                return false;
            }

            return agent.Epochs.TryGetEpoch(boot, out epochUnixSeconds, out estimated);
        }

        public bool MayStillBeLearnt(ushort boot)
        {
            return agent.MayStillLearnEpoch(boot);
        }

        public void AddEstimated(ushort boot, long epochUnixSeconds)
        {
            agent.Epochs.AddIfMissing(boot, epochUnixSeconds, true);
        }
    }
}
