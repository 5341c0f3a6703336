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
        private int lastSideCount = -1;

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
            SetUnacknowledgedFloor();
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

        /// <summary>Tells the agent which records are not acknowledged yet, so it keeps their sessions' caller ids.</summary>
        private void SetUnacknowledgedFloor()
        {
            agent.UnacknowledgedFloorSeq = agent.State.SentUpTo + 1;
            int sideCount = uploader.Side.Count;
            if (sideCount == lastSideCount) return;
            lastSideCount = sideCount;
            uint lowest = 0;
            for (int i = 0; i < sideCount; i++)
            {
                Records.Record r = uploader.Side.At(i, out byte kind);
                if (r.Session != 0 && (lowest == 0 || r.Session < lowest)) lowest = r.Session;
            }

            agent.SideLowestSession = lowest;
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
