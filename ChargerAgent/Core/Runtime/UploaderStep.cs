using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>Steps the uploader from the agent's tick and forwards the console's upload commands to it.</summary>
    internal sealed class UploaderStep : IAgentStep, IUploadCommands
    {
        private readonly Uploader uploader;
        private readonly Agent agent;
        private readonly IClock clock;
        private uint costSession;
        private string costState;
        private long costMicros;

        public UploaderStep(Uploader uploader, Agent agent, IClock clock)
        {
            this.uploader = uploader;
            this.agent = agent;
            this.clock = clock;
        }

        public void Step(long monotonicMs)
        {
            uploader.Step(monotonicMs);
            uploader.FillStatus(agent.Status);
            if (uploader.OutOfMemoryStorm) agent.RequestReboot(Storage.RebootReason.OutOfMemory);
            NoteCostTime(agent.Status);
        }

        // A session's cost changes when its records' costs or the server's re-read come in: keep
        // the UTC time of the last change, since the API never says a cost is final.
        private void NoteCostTime(Status.AgentStatus status)
        {
            if (status.LastSessionNumber == costSession && status.LastSessionServerCostState == costState && status.LastSessionCostMicros == costMicros) return;
            costSession = status.LastSessionNumber;
            costState = status.LastSessionServerCostState;
            costMicros = status.LastSessionCostMicros;
            status.LastSessionCostAsOf = clock.TryGetUtc(out long utc) ? utc : 0;
        }

        public void UploadNow()
        {
            uploader.UploadNow(clock.MonotonicMilliseconds);
        }

        public int ResendQuarantined()
        {
            return uploader.ResendQuarantined(clock.MonotonicMilliseconds);
        }
    }
}
