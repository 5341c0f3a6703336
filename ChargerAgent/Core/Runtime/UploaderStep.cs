using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>
    /// The delivery's turn of a runtime tick, after the agent's: steps the uploader, lets it fill
    /// its part of the status, and hands back what the agent needs to keep caller session ids.
    /// </summary>
    internal sealed class UploaderStep
    {
        private readonly Uploader uploader;
        private readonly DeliveryWatermarks watermarks;
        private readonly IClock clock;
        private uint costSession;
        private string costState;
        private long costMicros;
        private int lastSideCount = -1;
        private uint sideLowest;

        public UploaderStep(Uploader uploader, DeliveryWatermarks watermarks, IClock clock)
        {
            this.uploader = uploader;
            this.watermarks = watermarks;
            this.clock = clock;
        }

        /// <summary>Steps the uploader and fills <paramref name="status"/>, the delivery's section of the status; true when it asks for a reboot (out of memory).</summary>
        public bool Step(long monotonicMs, DeliveryStatus status)
        {
            uploader.Step(monotonicMs);
            uploader.FillStatus(status);
            NoteCostTime(status);
            return uploader.OutOfMemoryStorm;
        }

        /// <summary>The lowest Seq not acknowledged yet.</summary>
        public uint UnacknowledgedFloorSeq
        {
            get { return watermarks.SentUpTo + 1; }
        }

        /// <summary>The lowest session held by a set-aside or quarantined record, 0 for none.</summary>
        public uint SideLowestSession
        {
            get
            {
                int sideCount = uploader.Side.Count;
                if (sideCount == lastSideCount) return sideLowest;
                lastSideCount = sideCount;
                uint lowest = 0;
                for (int i = 0; i < sideCount; i++)
                {
                    Records.Record r = uploader.Side.At(i, out byte kind);
                    if (r.Session != 0 && (lowest == 0 || r.Session < lowest)) lowest = r.Session;
                }

                sideLowest = lowest;
                return lowest;
            }
        }

        // A session's cost changes when its records' costs or the server's re-read come in: keep
        // the UTC time of the last change, since the API never says a cost is final.
        private void NoteCostTime(DeliveryStatus status)
        {
            if (status.LastSessionNumber == costSession && status.LastSessionServerCostState == costState && status.LastSessionCostMicros == costMicros) return;
            costSession = status.LastSessionNumber;
            costState = status.LastSessionServerCostState;
            costMicros = status.LastSessionCostMicros;
            status.LastSessionCostAsOf = clock.TryGetUtc(out long utc) ? utc : 0;
        }
    }
}
