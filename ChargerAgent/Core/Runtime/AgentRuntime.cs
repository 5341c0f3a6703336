using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>
    /// One agent assembled from its parts: the ring and the checkpoint store on the file store, the
    /// agent loop, and (when uploading is configured) the uploader, stepped after the agent in
    /// every tick. Data flows one way: meter, agent, ring, delivery, API.
    /// The firmware, the desktop agent and the simulator all build their agent here, so they run
    /// the same wiring.
    /// </summary>
    public sealed class AgentRuntime
    {
        /// <summary>Opens the ring (recovering it), loads the checkpoint, creates the agent and the uploader.</summary>
        /// <param name="agentOptions">The agent's configuration.</param>
        /// <param name="uploadOptions">Uploading configuration, or null to keep records on flash only.</param>
        /// <param name="ringOptions">Size of the ring.</param>
        /// <param name="clock">Monotonic and wall time.</param>
        /// <param name="meter">The connector's energy source.</param>
        /// <param name="files">The flash file store (ring segments, checkpoint slots, side files).</param>
        /// <param name="transport">The HTTP transport; required when <paramref name="uploadOptions"/> is given.</param>
        /// <param name="random">Chooses the ring generation of a new ring.</param>
        public AgentRuntime(AgentOptions agentOptions, UploadOptions uploadOptions, RingOptions ringOptions, IClock clock,
            IEnergySource meter, IFileStore files, IHttpTransport transport, IRandomSource random)
            : this(agentOptions, uploadOptions, ringOptions, clock, meter, files, transport, random, new AgentStatus())
        {
        }

        /// <summary>As the other constructor, with the parts filling <paramref name="status"/> (shown by the LED and the console), each its own section.</summary>
        /// <param name="agentOptions">The agent's configuration.</param>
        /// <param name="uploadOptions">Uploading configuration, or null to keep records on flash only.</param>
        /// <param name="ringOptions">Size of the ring.</param>
        /// <param name="clock">Monotonic and wall time.</param>
        /// <param name="meter">The connector's energy source.</param>
        /// <param name="files">The flash file store (ring segments, checkpoint slots, side files).</param>
        /// <param name="transport">The HTTP transport; required when <paramref name="uploadOptions"/> is given.</param>
        /// <param name="random">Chooses the ring generation of a new ring.</param>
        /// <param name="status">The status: the agent fills its recording section, the delivery its delivery section, the price reader its prices; the board section is the caller's.</param>
        public AgentRuntime(AgentOptions agentOptions, UploadOptions uploadOptions, RingOptions ringOptions, IClock clock,
            IEnergySource meter, IFileStore files, IHttpTransport transport, IRandomSource random, AgentStatus status)
        {
            if (agentOptions == null) throw new ArgumentNullException(nameof(agentOptions));
            if (ringOptions == null) throw new ArgumentNullException(nameof(ringOptions));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            if (meter == null) throw new ArgumentNullException(nameof(meter));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (random == null) throw new ArgumentNullException(nameof(random));
            if (status == null) throw new ArgumentNullException(nameof(status));
            if (uploadOptions != null && transport == null) throw new ArgumentNullException(nameof(transport));

            Clock = clock;
            Status = status;
            Ring = RecordRing.Open(files, ringOptions, random);
            Checkpoints = new CheckpointStore(files);
            Watermarks = LoadWatermarks(Checkpoints, Ring);
            Agent = new Agent(agentOptions, clock, meter, Ring, Checkpoints, files, status.Recording);
            Control = new RuntimeControl(this);
            if (uploadOptions != null)
            {
                Uploader = new Uploader(uploadOptions, transport, Ring, Watermarks, Checkpoints, files,
                    new BootEpochsView(Agent), new SessionReferenceIdsView(Agent, Ring, agentOptions.DeviceId));
                if (uploadOptions.ReadPrices) Uploader.Prices = new Upload.Prices.PriceFetcher(uploadOptions, clock);
                Uploader.Start(clock.MonotonicMilliseconds);
                delivery = new UploaderStep(Uploader, Watermarks, clock);
            }
        }

        private readonly UploaderStep delivery;

        /// <summary>
        /// Loads the delivery's watermarks (fresh ones when they count in another ring) and keeps
        /// the ring from handing out a Seq that may already have gone out: a lost or torn newest
        /// segment hides the highest Seqs from the ring, so the next Seq is the highest of the
        /// ring's, the agent's checkpoint's (the agent sees to that) and the watermarks' (SPEC.md
        /// section 5), or new records would reuse Seqs already sent and never be sent themselves.
        /// </summary>
        private static DeliveryWatermarks LoadWatermarks(IWatermarkStore store, RecordRing ring)
        {
            DeliveryWatermarks watermarks = new DeliveryWatermarks();
            if (!store.TryLoad(watermarks) || watermarks.Generation != ring.Generation) watermarks.Reset(ring.Generation);
            ring.AdvanceNextSeq(watermarks.SeqFloor);
            ring.ProtectAttempted(watermarks.AttemptedUpTo);
            return watermarks;
        }

        /// <summary>The agent loop.</summary>
        public Agent Agent { get; private set; }

        /// <summary>The record ring on flash.</summary>
        public RecordRing Ring { get; private set; }

        /// <summary>The checkpoint store on flash: the agent's checkpoint and the delivery's watermarks.</summary>
        public CheckpointStore Checkpoints { get; private set; }

        /// <summary>The delivery's watermarks, to read: only the uploader moves them (fresh when nothing is uploaded).</summary>
        public DeliveryWatermarks Watermarks { get; private set; }

        /// <summary>The console's commands, each sent to the part that owns it.</summary>
        public IAgentControl Control { get; private set; }

        /// <summary>The uploader, or null when uploading is not configured.</summary>
        public Uploader Uploader { get; private set; }

        /// <summary>The status its parts fill, each its own section; the caller (the firmware or desktop host) fills <see cref="AgentStatus.Board"/>.</summary>
        public AgentStatus Status { get; private set; }

        /// <summary>The clock the agent runs on.</summary>
        public IClock Clock { get; private set; }

        /// <summary>One step of everything, in the direction the data flows: the agent (meter, records, checkpoint), then the delivery. Never waits on the network.</summary>
        public void Tick()
        {
            Agent.Tick();
            if (delivery == null) return;
            if (delivery.Step(Clock.MonotonicMilliseconds, Status.Delivery)) Agent.RequestReboot(RebootReason.OutOfMemory);
            if (Uploader.Prices != null) Uploader.Prices.Fill(Status.Prices);
            Agent.SetUndeliveredFloor(delivery.UnacknowledgedFloorSeq, delivery.SideLowestSession);
        }

        /// <summary>
        /// Tells the agent and the delivery whether the network is up; going up starts draining the
        /// backlog at once. The status shows it from the caller's own section (<see cref="BoardStatus.NetworkUp"/>).
        /// </summary>
        public void SetNetworkUp(bool up)
        {
            Agent.NetworkUp = up;
            if (Uploader != null) Uploader.SetNetworkUp(up, Clock.MonotonicMilliseconds);
        }
    }
}
