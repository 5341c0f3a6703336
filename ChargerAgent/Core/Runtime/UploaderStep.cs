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
