using ChargerAgent.Core.Status;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>An agent control that records what the console asked for.</summary>
    public sealed class FakeAgentControl : IAgentControl
    {
        public string StartedWith = "(not called)";
        public int Stops;
        public int UploadNows;
        public int Resends;
        public int Reboots;
        public bool SessionOpen;

        public bool StartSession(string callerId, out string problem)
        {
            StartedWith = callerId;
            if (SessionOpen)
            {
                problem = "a session is open";
                return false;
            }

            SessionOpen = true;
            problem = null;
            return true;
        }

        public bool StopSession(out string problem)
        {
            Stops++;
            if (!SessionOpen)
            {
                problem = "no session is open";
                return false;
            }

            SessionOpen = false;
            problem = null;
            return true;
        }

        public bool ThrowOnUploadNow;

        public void UploadNow()
        {
            if (ThrowOnUploadNow) throw new System.InvalidOperationException("upload state broken (test)");
            UploadNows++;
        }

        public int ResendQuarantined()
        {
            Resends++;
            return 3;
        }

        public void RequestReboot()
        {
            Reboots++;
        }
    }
}
