using ChargerAgent.Core.Status;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>
    /// The console's commands, each sent to its owner: sessions and reboots to the agent, upload
    /// commands to the uploader (none when uploading is not configured).
    /// </summary>
    public sealed class RuntimeControl : IAgentControl
    {
        private readonly AgentRuntime runtime;

        /// <summary>Sends the commands to the parts of <paramref name="runtime"/>.</summary>
        public RuntimeControl(AgentRuntime runtime)
        {
            this.runtime = runtime;
        }

        /// <inheritdoc />
        public bool StartSession(string callerId, out string problem)
        {
            return runtime.Agent.StartSession(callerId, out problem);
        }

        /// <inheritdoc />
        public bool StopSession(out string problem)
        {
            return runtime.Agent.StopSession(out problem);
        }

        /// <inheritdoc />
        public void UploadNow()
        {
            Uploader uploader = runtime.Uploader;
            if (uploader != null) uploader.UploadNow(runtime.Clock.MonotonicMilliseconds);
        }

        /// <inheritdoc />
        public int ResendQuarantined()
        {
            Uploader uploader = runtime.Uploader;
            return uploader != null ? uploader.ResendQuarantined(runtime.Clock.MonotonicMilliseconds) : 0;
        }

        /// <inheritdoc />
        public void RequestReboot()
        {
            runtime.Agent.RequestReboot();
        }
    }
}
