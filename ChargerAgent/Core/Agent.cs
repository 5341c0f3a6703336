using System;
using System.IO;
using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Recording;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core
{
    /// <summary>
    /// The one loop: every <see cref="Tick"/> samples the meter, advances the open interval and the
    /// session, appends finished records to the ring (the commit point), saves the checkpoint at
    /// record and session edges and fills its part of <see cref="Status"/>. Data flows one way: the
    /// agent writes the ring, the delivery reads it; the agent never sees the delivery's state
    /// (the runtime steps the two in turn). One agent serves one meter; nothing here is static, so a
    /// board may run two. A tick never waits on anything but the meter read and the flash; a tick
    /// that finishes no record allocates nothing.
    /// </summary>
    /// <remarks>
    /// Records are cut on UTC :00 and :30, at session starts and stops, and where the clock first
    /// becomes trustworthy. Before that, periods count seconds on a boot-relative timeline
    /// (<see cref="RecordFlags.BootRelativeTime"/>), made UTC later through <see cref="Epochs"/>.
    /// See docs/AGENT.md.
    /// <para>
    /// The agent orchestrates its parts (folder <c>Recording/</c>): <see cref="Timeline"/> (boot-relative
    /// time and the epoch), <see cref="OpenInterval"/> (the open period and its records),
    /// <see cref="MeterIntake"/>, <see cref="SessionSwitch"/>, <see cref="BootRecovery"/> and
    /// <see cref="StateSaver"/>. They share the agent's one state record, <see cref="Checkpoint"/>.
    /// </para>
    /// </remarks>
    public sealed class Agent
    {
        private readonly AgentOptions options;
        private readonly IClock clock;
        private readonly IEnergySource meter;
        private readonly Checkpoint state = new Checkpoint();
        private readonly RecordingStatus status;
        private readonly MeterGap gap = new MeterGap();
        private readonly EnergyLedger ledger;
        private readonly Timeline timeline;
        private readonly OpenInterval interval;
        private readonly StateSaver saver;
        private readonly MeterIntake intake;
        private readonly SessionSwitch sessions;
        private readonly BootRecovery recovery;
        private readonly object gate = new object();
        private readonly ushort boot;
        private readonly bool hadInterval;
        private EnergyReading reading;
        private bool recovered;
        private bool rebootRequested;
        private bool rebootPending;
        private byte rebootPendingReason = RebootReason.Requested;

        /// <summary>Creates the agent and reconciles the ring with the last checkpoint (no meter read yet: that is the first tick's).</summary>
        /// <param name="options">Configuration; validated here.</param>
        /// <param name="clock">Monotonic and (once trusted) wall time.</param>
        /// <param name="meter">The energy source of this agent's connector.</param>
        /// <param name="ring">Where finished records go.</param>
        /// <param name="checkpoints">Where the agent's state goes.</param>
        /// <param name="files">The file store for the epoch log and caller-given session ids; null keeps them in memory.</param>
        public Agent(AgentOptions options, IClock clock, IEnergySource meter, IRecordRing ring, ICheckpointStore checkpoints, IFileStore files)
            : this(options, clock, meter, ring, checkpoints, files, new RecordingStatus())
        {
        }

        /// <summary>Creates the agent writing into the recording section of a status the caller already shows (the firmware's LED and console).</summary>
        /// <param name="options">Configuration; validated here.</param>
        /// <param name="clock">Monotonic and (once trusted) wall time.</param>
        /// <param name="meter">The energy source of this agent's connector.</param>
        /// <param name="ring">Where finished records go.</param>
        /// <param name="checkpoints">Where the agent's state goes.</param>
        /// <param name="files">The file store for the epoch log and caller-given session ids; null keeps them in memory.</param>
        /// <param name="status">The status section to fill; only the agent writes it.</param>
        public Agent(AgentOptions options, IClock clock, IEnergySource meter, IRecordRing ring, ICheckpointStore checkpoints, IFileStore files, RecordingStatus status)
        {
            if (status == null) throw new ArgumentNullException(nameof(status));
            this.status = status;
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            if (meter == null) throw new ArgumentNullException(nameof(meter));
            if (ring == null) throw new ArgumentNullException(nameof(ring));
            if (checkpoints == null) throw new ArgumentNullException(nameof(checkpoints));
            options.Validate();
            this.options = options;
            this.clock = clock;
            this.meter = meter;
            ledger = new EnergyLedger(state, options.MaxPowerW);
            timeline = new Timeline(state, new BootEpochLog(files));
            SessionIdFile ids = new SessionIdFile(files);

            bool loaded = checkpoints.TryLoad(state, out string problem);
            LoadProblem = problem;
            hadInterval = loaded && state.Generation == ring.Generation;
            if (!hadInterval)
            {
                ushort boots = loaded ? state.BootCount : (ushort)0;
                state.CopyFrom(new Checkpoint());
                state.BootCount = boots;
                state.Generation = ring.Generation;
                state.NextSeq = ring.NextSeq;
            }

            // The parts are made once the state is loaded; the boot number is the new one.
            ushort thisBoot = (ushort)(state.BootCount + 1);
            interval = new OpenInterval(options, ring, state, ledger, gap, status, timeline, thisBoot);
            saver = new StateSaver(state, checkpoints, interval, timeline);
            intake = new MeterIntake(state, ledger, gap, interval, saver, status);
            sessions = new SessionSwitch(options, state, ring, interval, saver, ids);
            recovery = new BootRecovery(options, state, ring, ledger, interval, meter.CountSurvivesReboot);
            if (hadInterval) recovery.Reconcile();

            if (loaded) timeline.LogEpochOfLastBoot();
            if (hadInterval) recovery.OpenPeriodRanOnStepTimeline = timeline.PlaceStepSpanOfLastBoot();
            PreviousRebootReason = state.LastRebootReason;
            state.LastRebootReason = RebootReason.PowerLossOrUnknown;
            state.BootCount++;
            boot = state.BootCount;
            state.BootEpoch = 0;
            timeline.Begin(boot, hadInterval, meter.CountSurvivesReboot);
            if (hadInterval) ring.AdvanceNextSeq(state.NextSeq);
            status.Session = state.OpenSession;
        }

        /// <summary>The agent's durable state, to read: only the agent writes it.</summary>
        public Checkpoint State
        {
            get { return state; }
        }

        /// <summary>What the agent shows (its section of the status); updated in place every tick.</summary>
        public RecordingStatus Status
        {
            get { return status; }
        }

        /// <summary>The network is up, as the runtime last said: a clock step is taken only after it held this long online.</summary>
        public bool NetworkUp { get; set; }

        /// <summary>Epochs of boot-relative timelines (for turning boot-relative records into UTC).</summary>
        public BootEpochLog Epochs
        {
            get { return timeline.Epochs; }
        }

        /// <summary>Caller-given session ids.</summary>
        public SessionIdFile SessionIds
        {
            get { return sessions.Ids; }
        }

        /// <summary>
        /// Tells the agent which sessions may still go out, so it keeps their caller ids: the lowest
        /// Seq not yet acknowledged (0 when nothing is delivered: then nothing waits for an upload)
        /// and the lowest session held by a set-aside or quarantined record (0 for none). An input
        /// read at the next tick, never a change to the agent's state.
        /// </summary>
        public void SetUndeliveredFloor(uint unacknowledgedSeq, uint sideLowestSession)
        {
            sessions.SetUndeliveredFloor(unacknowledgedSeq, sideLowestSession);
        }

        /// <summary>This boot's number.</summary>
        public ushort Boot
        {
            get { return boot; }
        }

        /// <summary>Why the previous boot ended (see <see cref="RebootReason"/>).</summary>
        public byte PreviousRebootReason { get; private set; }

        /// <summary>What the checkpoint store said when no checkpoint could be loaded, or null.</summary>
        public string LoadProblem { get; private set; }

        /// <summary>True once a clean reboot was asked for and the state was saved: the firmware may reboot now.</summary>
        public bool RebootRequested
        {
            get { return rebootRequested; }
        }

        /// <summary>True once the first good meter reading of this boot was taken and recovery ran.</summary>
        public bool IsRecovered
        {
            get { return recovered; }
        }

        /// <summary>Records appended by this agent since it was created.</summary>
        public long RecordsAppended
        {
            get { return interval.RecordsAppended; }
        }

        /// <summary>Checkpoint saves done by this agent since it was created.</summary>
        public long CheckpointSaves
        {
            get { return saver.Saves; }
        }

        /// <summary>Wall clock jumps seen this boot.</summary>
        public int ClockJumps
        {
            get { return timeline.Jumps; }
        }

        /// <summary>Energy counted and not in the ring yet: the open interval's and that of records waiting for the ring (<see cref="HeldRecords"/>), Wh.</summary>
        public long OpenIntervalWh
        {
            get { return recovered ? interval.UnwrittenWh : 0; }
        }

        /// <summary>Records cut at a session edge that wait for the ring to take them (at most <see cref="Recording.HeldRecords.Capacity"/>).</summary>
        public int HeldRecords
        {
            get { return interval.Held.Count; }
        }

        /// <summary>The session reference id of <paramref name="session"/>: the caller's, or the generated one (allocates).</summary>
        public string SessionReferenceId(uint session)
        {
            if (SessionIds.TryGetId(session, out string id)) return id;
            return ReferenceIds.SessionId(options.DeviceId, state.Generation, session);
        }

        /// <summary>
        /// True while the epoch of the timeline of <paramref name="timelineBoot"/> may still be
        /// learnt: it is the timeline this boot counts on and the clock has not been trusted yet.
        /// Any other timeline's epoch was logged at its sync or can never be known.
        /// </summary>
        public bool MayStillLearnEpoch(ushort timelineBoot)
        {
            return timeline.MayStillLearnEpoch(timelineBoot);
        }

        /// <summary>
        /// Notes <paramref name="reason"/> (a <see cref="RebootReason"/>) as why this boot ends unless
        /// another is noted; it is saved with the next save.
        /// </summary>
        public void NoteRebootReason(byte reason)
        {
            state.LastRebootReason = reason;
        }

        /// <summary>Saves the state now (one sync) with why this run ends (a <see cref="RebootReason"/>): for a stop without a reboot request.</summary>
        public void SaveBeforeStop(byte reason)
        {
            state.LastRebootReason = reason;
            saver.Save();
        }

        /// <summary>The input signal from the charge controller: a rising edge starts a session, a falling edge stops it.</summary>
        public void SetSessionSignal(bool charging)
        {
            sessions.Signal(charging);
        }

        /// <summary>Asks for a session to start at the next tick, under <paramref name="callerId"/> or a generated id (null).</summary>
        public bool StartSession(string callerId, out string problem)
        {
            return sessions.TryStart(callerId, out problem);
        }

        /// <summary>Asks for the open session to stop at the next tick.</summary>
        public bool StopSession(out string problem)
        {
            return sessions.TryStop(out problem);
        }

        /// <summary>Asks for a clean reboot: the state is saved first.</summary>
        public void RequestReboot()
        {
            RequestReboot(RebootReason.Requested);
        }

        /// <summary>Asks for a clean reboot for <paramref name="reason"/> (a <see cref="RebootReason"/>): the state is saved first, with the reason.</summary>
        public void RequestReboot(byte reason)
        {
            lock (gate)
            {
                if (!rebootPending) rebootPendingReason = reason;
                rebootPending = true;
            }
        }

        /// <summary>Why the reboot was asked for (a <see cref="RebootReason"/>), for the reboot note.</summary>
        public byte RebootRequestReason
        {
            get { return rebootPendingReason; }
        }

        /// <summary>
        /// One pass of the loop. Never throws for meter faults; storage exceptions propagate (the
        /// firmware's fault handler counts them). A clock sync that cannot save is retried at the next
        /// tick; its fault is thrown once the rest of this tick (the cut, the session edges) has run.
        /// </summary>
        public void Tick()
        {
            timeline.Observe(clock.MonotonicMilliseconds);
            bool trusted = clock.TryGetUtc(out long wall);
            meter.Read(ref reading);
            bool ok = reading.Health == MeterHealth.Ok;
            IOException syncFault;
            try
            {
                syncFault = Step(ok, trusted, wall);
            }
            finally
            {
                // The status shows the state also after a storage fault ended the tick.
                FillStatus(ok);
            }

            if (syncFault != null) throw syncFault;
        }

        /// <summary>The tick's work after the meter read; returns the fault of a clock sync that could not save, or null.</summary>
        private IOException Step(bool ok, bool trusted, long wall)
        {
            IOException syncFault = null;
            if (!recovered)
            {
                if (ok) Recover();
            }
            else if (ok)
            {
                intake.Absorb(ref reading, timeline.Now);
            }

            if (recovered)
            {
                if (!timeline.IsSynced && (timeline.IsAnchored || (trusted && timeline.Agrees(wall, NetworkUp)))) syncFault = Sync(wall);
                else if (trusted && timeline.IsAnchored && timeline.IsStep(wall)) DistrustClock();
                timeline.Advance(trusted, wall);
                interval.WriteHeld();
                if (interval.CloseDue(timeline.Now)) saver.Save();
                sessions.Process(ok, reading.HasPower, reading.PowerW, timeline.MonotonicMs, timeline.Now);
                // A failed read leaves what it missed to the next good one, except pulses an S0 source dropped as noise.
                if (ok || meter.CountSurvivesReboot || reading.Health != MeterHealth.BadData) gap.Read(ok, timeline.Now, state.IntervalStartIsBootRelative, state.OpenSession);
                sessions.UpdateIdRoom();
                if (!meter.CountSurvivesReboot && interval.MeterWh - saver.SavedMeterWh >= options.PulseCheckpointStepWh) saver.Save();
                // A reboot waits for the sync: the next boot would have to log the epoch the flash refused.
                if (rebootPending && !rebootRequested && syncFault == null)
                {
                    state.LastRebootReason = rebootPendingReason;
                    saver.Save();
                    rebootRequested = true;
                }
            }

            return syncFault;
        }

        private void Recover()
        {
            recovered = true;
            recovery.Recover(hadInterval, reading.TotalWh, timeline.TimelineNow, timeline.MonotonicMs / 1000);
            if (hadInterval) sessions.AssumeRecovered();
            saver.Save();
        }

        /// <summary>
        /// The clock became trusted: UTC is anchored, the open period and the downtime are placed on
        /// it, then saved and the epoch logged. A storage fault part way leaves the rest to the next
        /// tick, with the same epoch: each step is done once, and until the epoch is saved and logged
        /// it may still be learnt (no estimate of it is made meanwhile). Returns the storage fault
        /// that stopped it, or null.
        /// </summary>
        private IOException Sync(long wall)
        {
            long epoch = timeline.Anchor(wall);
            interval.MoveToUtc(epoch, timeline.TimelineNow);
            recovery.PlaceDowntime(epoch);
            if (state.UtcFloor < state.IntervalStart) state.UtcFloor = state.IntervalStart;
            timeline.HoldEpoch(epoch);
            interval.CheckInvariant();

            // The checkpoint goes first, holding the epoch (BootEpoch) and the timeline that needs
            // it (PendingEpochBoot); the epoch log is written after it. A cut between the two is
            // completed at the next boot from the checkpoint (LogEpochOfLastBoot), so a timeline
            // never gets a second, different epoch.
            try
            {
                saver.Save();
                timeline.LogPendingEpoch(epoch);
            }
            catch (IOException fault)
            {
                return fault;
            }

            return null;
        }

        /// <summary>
        /// The wall clock stepped (<see cref="ClockStepGuard"/>): the open period ends where the time
        /// before the step says it is now, and the agent records on a new boot-relative timeline,
        /// numbered as the next boot would be and starting now, until the wall clock agrees again; its
        /// epoch (<see cref="Sync"/>) then places those records. No record written is changed.
        /// </summary>
        private void DistrustClock()
        {
            timeline.Coast();
            if (interval.CloseDue(timeline.Now)) saver.Save();
            long now = timeline.Now;
            interval.Cut(now, RecordFlags.None, out long _);
            timeline.StartStepSpan(now);
            byte flags = state.IntervalFlags;
            interval.OpenFresh(timeline.TimelineNow, state.IntervalBaselineWh);
            state.IntervalFlags = flags;
            saver.Save();
        }

        private void FillStatus(bool ok)
        {
            status.ClockTrusted = timeline.IsAnchored;
            status.UtcNow = timeline.IsAnchored ? timeline.UtcNow : 0;
            status.UptimeSeconds = timeline.MonotonicMs / 1000;
            status.MeterHealth = reading.Health;
            status.MeterProblem = ok ? null : reading.Reason;
            status.MeterTotalWh = interval.MeterWh;
            status.MeterHasPower = ok && reading.HasPower;
            status.MeterPowerW = status.MeterHasPower ? reading.PowerW : 0;
            status.IntervalStart = state.IntervalStart;
            status.IntervalWh = OpenIntervalWh;
            status.Session = state.OpenSession;
            status.Violations = state.Violations;
            status.UnaccountedWhBound = state.UnaccountedWhBound;
            status.UnaccountedCause = meter.CountSurvivesReboot ? RecordingStatus.CauseMeterRebase : RecordingStatus.CauseUnseenTime;
        }
    }
}
