using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>
    /// Session reference ids for the uploader: the caller-given id when the session was started
    /// with one, else the generated <c>{device}-{generation}-s{n}</c>.
    /// </summary>
    internal sealed class SessionReferenceIdsView : ISessionReferenceIds
    {
        private readonly Agent agent;
        private readonly IRecordRing ring;
        private readonly string deviceId;

        public SessionReferenceIdsView(Agent agent, IRecordRing ring, string deviceId)
        {
            this.agent = agent;
            this.ring = ring;
            this.deviceId = deviceId;
        }

        public int Write(uint session, byte[] buffer, int offset)
        {
            if (agent.SessionIds != null && agent.SessionIds.TryGetId(session, out string id))
            {
                for (int i = 0; i < id.Length; i++)
                {
                    buffer[offset + i] = (byte)id[i];
                }

                return id.Length;
            }

            return ReferenceIds.WriteSessionId(deviceId, ring.Generation, session, buffer, offset);
        }
    }
}
