using System;
using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Metering;
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
    /// </remarks>
    public sealed class Agent
    {
        private readonly AgentOptions options;
        private readonly IClock clock;
        private readonly IEnergySource meter;
        private readonly IRecordRing ring;
        private readonly ICheckpointStore store;
        private readonly Checkpoint state = new Checkpoint();
        private readonly AgentStatus status;
        private readonly AgentTime time = new AgentTime();
        private readonly PowerDetector detector;
        private readonly MeterGap gap = new MeterGap();
        private readonly SessionRequests requests = new SessionRequests();
        private readonly EnergyLedger ledger;
        private readonly object gate = new object();
        private readonly ushort boot;
        private readonly bool hadInterval;
        private EnergyReading reading;
        private Record record;
        private bool recovered;
        private bool synced;
        private long syncEpoch;
        private long lastTotal;
        private long lastSavedTotal;
        private long intervalEnd;
        private long monotonicMs;
        private bool rebootRequested;
        private bool rebootPending;
        private byte rebootPendingReason = RebootReason.Requested;
        private uint idFloorSeq;
        private uint unacknowledgedFloorSeq;
        private uint sideLowestSession;
        private readonly Record[] idScan = new Record[8];

        /// <summary>Creates the agent and reconciles the ring with the last checkpoint (no meter read yet: that is the first tick's).</summary>
        /// <param name="options">Configuration; validated here.</param>
        /// <param name="clock">Monotonic and (once trusted) wall time.</param>
        /// <param name="meter">The energy source of this agent's connector.</param>
        /// <param name="ring">Where finished records go.</param>
        /// <param name="checkpoints">Where the agent's state goes.</param>
        /// <param name="files">The file store for the epoch log and caller-given session ids; null keeps them in memory.</param>
        public Agent(AgentOptions options, IClock clock, IEnergySource meter, IRecordRing ring, ICheckpointStore checkpoints, IFileStore files)
            : this(options, clock, meter, ring, checkpoints, files, new AgentStatus())
        {
        }

        /// <summary>Creates the agent writing into a status snapshot the caller already shows (the firmware's LED and console).</summary>
        /// <param name="options">Configuration; validated here.</param>
        /// <param name="clock">Monotonic and (once trusted) wall time.</param>
        /// <param name="meter">The energy source of this agent's connector.</param>
        /// <param name="ring">Where finished records go.</param>
        /// <param name="checkpoints">Where the agent's state goes.</param>
        /// <param name="files">The file store for the epoch log and caller-given session ids; null keeps them in memory.</param>
        /// <param name="status">The status snapshot to fill.</param>
        public Agent(AgentOptions options, IClock clock, IEnergySource meter, IRecordRing ring, ICheckpointStore checkpoints, IFileStore files, AgentStatus status)
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
            this.ring = ring;
            store = checkpoints;
            ledger = new EnergyLedger(state, options.MaxPowerW);
            Epochs = new BootEpochLog(files);
            SessionIds = new SessionIdFile(files);
            if ((options.SessionSources & SessionSources.PowerDetector) != 0)
            {
                detector = new PowerDetector(options.DetectorThresholdW, options.DetectorStartAfterSeconds * 1000L, options.DetectorStopAfterSeconds * 1000L);
            }

            bool loaded = store.TryLoad(state, out string problem);
            LoadProblem = problem;
            if (!loaded || state.Generation != ring.Generation)
            {
                ushort boots = loaded ? state.BootCount : (ushort)0;
                state.CopyFrom(new Checkpoint());
                state.BootCount = boots;
                state.Generation = ring.Generation;
                state.NextSeq = ring.NextSeq;
            }
            else
            {
                hadInterval = true;
                ReconcileRing();
            }

            if (loaded) LogEpochOfLastBoot();
            PreviousRebootReason = state.LastRebootReason;
            state.LastRebootReason = RebootReason.PowerLossOrUnknown;
            state.BootCount++;
            boot = state.BootCount;
            state.BootEpoch = 0;
            if (hadInterval && state.IntervalStartIsBootRelative)
            {
                // The last boot never learnt the time: this boot continues its timeline, as if the
                // downtime had lasted one second (the epoch found later is marked estimated).
                state.TimelineBoot = state.IntervalBoot;
                state.TimelineOffset = Max(state.SavedAt, state.IntervalStart) + 1;
            }
            else
            {
                state.TimelineBoot = boot;
                state.TimelineOffset = 0;
                if (hadInterval)
                {
                    long reserved = meter.CountSurvivesReboot ? state.IntervalStart + 1 : Max(state.SavedAt, state.IntervalStart + 1);
                    state.UtcFloor = Max(state.UtcFloor, reserved);
                }
            }

            if (hadInterval) ring.AdvanceNextSeq(state.NextSeq);
            status.Session = state.OpenSession;
        }

        /// <summary>The agent's durable state, to read: only the agent writes it.</summary>
        public Checkpoint State
        {
            get { return state; }
        }

        /// <summary>What the agent shows; updated in place every tick.</summary>
        public AgentStatus Status
        {
            get { return status; }
        }

        /// <summary>Epochs of boot-relative timelines (for turning boot-relative records into UTC).</summary>
        public BootEpochLog Epochs { get; private set; }

        /// <summary>Caller-given session ids.</summary>
        public SessionIdFile SessionIds { get; private set; }

        /// <summary>
        /// Tells the agent which sessions may still go out, so it keeps their caller ids: the lowest
        /// Seq not yet acknowledged (0 when nothing is delivered: then nothing waits for an upload)
        /// and the lowest session held by a set-aside or quarantined record (0 for none). An input
        /// read at the next tick, never a change to the agent's state.
        /// </summary>
        public void SetUndeliveredFloor(uint unacknowledgedSeq, uint sideLowestSession)
        {
            unacknowledgedFloorSeq = unacknowledgedSeq;
            this.sideLowestSession = sideLowestSession;
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
        public long RecordsAppended { get; private set; }

        /// <summary>Checkpoint saves done by this agent since it was created.</summary>
        public long CheckpointSaves { get; private set; }

        /// <summary>Wall clock jumps seen this boot.</summary>
        public int ClockJumps
        {
            get { return time.Jumps; }
        }

        /// <summary>Energy in the open interval, Wh.</summary>
        public long OpenIntervalWh
        {
            get { return recovered ? lastTotal - state.IntervalBaselineWh : 0; }
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
            return !synced && timelineBoot == state.TimelineBoot;
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
            Save();
        }

        /// <summary>The input signal from the charge controller: a rising edge starts a session, a falling edge stops it.</summary>
        public void SetSessionSignal(bool charging)
        {
            if ((options.SessionSources & SessionSources.Signal) == 0) return;
            requests.Signal(charging);
        }

        /// <summary>Asks for a session to start at the next tick, under <paramref name="callerId"/> or a generated id (null).</summary>
        public bool StartSession(string callerId, out string problem)
        {
            problem = null;
            if ((options.SessionSources & SessionSources.Console) == 0) problem = "console sessions are not enabled";
            else if (callerId != null && !SessionIdFile.IsValidId(callerId)) problem = "id must be 1-64 letters, digits, '-' or '_'";
            if (problem != null) return false;
            return requests.TryStart(callerId, state.OpenSession != 0, SessionIdFile.KeptEntries, out problem);
        }

        /// <summary>Asks for the open session to stop at the next tick.</summary>
        public bool StopSession(out string problem)
        {
            return requests.TryStop(state.OpenSession != 0, out problem);
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

        /// <summary>One pass of the loop. Never throws for meter faults; storage exceptions propagate (the firmware's fault handler counts them).</summary>
        public void Tick()
        {
            monotonicMs = clock.MonotonicMilliseconds;
            bool trusted = clock.TryGetUtc(out long wall);
            meter.Read(ref reading);
            bool ok = reading.Health == MeterHealth.Ok;
            if (!recovered)
            {
                if (ok) Recover();
            }
            else if (ok)
            {
                Absorb();
            }

            if (recovered)
            {
                if (!synced && (trusted || time.IsAnchored)) Sync(wall);
                if (time.IsAnchored) time.Advance(trusted, wall, monotonicMs);
                CloseDueIntervals();
                ProcessSessions(ok);
                // A failed read leaves what it missed to the next good one, except pulses an S0 source dropped as noise.
                if (ok || meter.CountSurvivesReboot || reading.Health != MeterHealth.BadData) gap.Read(ok, Now(), state.IntervalStartIsBootRelative, state.OpenSession);
                UpdateSessionIdRoom();
                if (!meter.CountSurvivesReboot && lastTotal - lastSavedTotal >= options.PulseCheckpointStepWh) Save();
                if (rebootPending && !rebootRequested)
                {
                    state.LastRebootReason = rebootPendingReason;
                    Save();
                    rebootRequested = true;
                }
            }

            FillStatus(ok);
        }

        // ---- time -------------------------------------------------------------------------------

        private long TimelineNow()
        {
            return state.TimelineOffset + monotonicMs / 1000;
        }

        private long Now()
        {
            return state.IntervalStartIsBootRelative ? TimelineNow() : time.NowSeconds;
        }

        private void Sync(long wall)
        {
            long timeline = TimelineNow();
            if (!time.IsAnchored)
            {
                syncEpoch = Max(wall - timeline, state.UtcFloor);
                time.Anchor(syncEpoch + timeline, monotonicMs);
            }

            // A storage fault below leaves the rest to the next tick, with this same epoch: each step
            // is done once, and until the epoch is saved and logged it may still be learnt (no
            // estimate of it is made meanwhile), so a timeline never gets two epochs.
            long epoch = syncEpoch;
            long utcNow = epoch + timeline;
            if (state.IntervalStartIsBootRelative)
            {
                if (HalfHour.Floor(epoch + state.IntervalStart) != HalfHour.Floor(utcNow))
                {
                    // The open period began in an earlier half-hour: it ends, boot-relative, where the
                    // time became known, and the UTC grid starts there.
                    if (Cut(timeline, RecordFlags.None, out long end)) state.IntervalStart = end;
                }

                state.IntervalStart += epoch;
                state.IntervalStartIsBootRelative = false;
                gap.Placed(epoch);
                state.IntervalBoot = boot;
                intervalEnd = HalfHour.Next(state.IntervalStart);
            }

            if (state.DowntimePending)
            {
                long to = epoch + state.DowntimeToTimeline;
                if (to <= state.DowntimeFrom) to = state.DowntimeFrom + 1;
                if (meter.CountSurvivesReboot)
                {
                    SpreadDowntime(state.DowntimeFrom, to, false, state.DowntimeWh, state.DowntimeSession, true);
                }
                else
                {
                    ledger.UnseenTime(to - state.DowntimeFrom);
                }

                state.DowntimePending = false;
                state.DowntimeWh = 0;
            }

            state.UtcFloor = Max(state.UtcFloor, state.IntervalStart);
            state.BootEpoch = epoch + state.TimelineOffset;
            CheckInvariant();

            // The checkpoint goes first, holding the epoch (BootEpoch) and the timeline that needs
            // it (PendingEpochBoot); the epoch log is written after it. A cut between the two is
            // completed at the next boot from the checkpoint (LogEpochOfLastBoot), so a timeline
            // never gets a second, different epoch.
            Save();
            if (state.PendingEpochBoot != 0)
            {
                Epochs.AddIfMissing(state.PendingEpochBoot, epoch, state.TimelineBoot != boot);
                state.PendingEpochBoot = 0;
            }

            synced = true;
        }

        /// <summary>Finds the lowest session that may still have a record not acknowledged (when the floor moved) and whether a caller id fits.</summary>
        private void UpdateSessionIdRoom()
        {
            uint floor = unacknowledgedFloorSeq != 0 ? unacknowledgedFloorSeq : ring.NextSeq;
            uint side = sideLowestSession;
            if (floor == idFloorSeq && !(side != 0 && side < requests.LowestSessionNeeded)) return;
            idFloorSeq = floor;
            uint lowest = state.OpenSession != 0 ? state.OpenSession : state.SessionCounter + 1;
            uint from = floor;
            bool found = false;
            while (!found)
            {
                int n = ring.Read(from, idScan, 0, idScan.Length);
                if (n == 0) break;
                for (int i = 0; i < n && !found; i++)
                {
                    if (idScan[i].Session == 0) continue;
                    if (idScan[i].Session < lowest) lowest = idScan[i].Session;
                    found = true;
                }

                uint next = idScan[n - 1].LastSeq + 1;
                if (next <= from) break;
                from = next;
            }

            if (side != 0 && side < lowest) lowest = side;
            requests.SetIdRoom(lowest, SessionIds.HasRoom(lowest));
        }

        /// <summary>
        /// The last boot saved its checkpoint at its clock sync, but a cut may have come before the
        /// epoch reached the epoch log: it is logged now, from the checkpoint.
        /// </summary>
        private void LogEpochOfLastBoot()
        {
            if (state.PendingEpochBoot == 0 || state.BootEpoch == 0) return;
            Epochs.AddIfMissing(state.PendingEpochBoot, state.BootEpoch - state.TimelineOffset, state.TimelineBoot != state.BootCount);
            state.PendingEpochBoot = 0;
        }

        // ---- meter ------------------------------------------------------------------------------

        private void Absorb()
        {
            long total = reading.TotalWh;
            long delta = total - lastTotal;
            if (reading.Event == MeterEvent.NewBaseline || delta < 0)
            {
                // A new meter (or a reset count): keep the open interval's energy, bill no jump, but bill what the
                // confirming reads saw on the new count, and count the time nothing was seen as unaccounted.
                long seen = reading.Event == MeterEvent.NewBaseline ? reading.BaselineSeenWh : 0;
                if (seen < 0 || seen > total) seen = 0;
                long unseenMs = reading.Event == MeterEvent.NewBaseline ? reading.BaselineUnseenMs : 0;
                ledger.UnseenBeforeBaseline(unseenMs);
                ledger.Metered(seen);
                status.MeterRebases++;
                state.IntervalBaselineWh += delta - seen;
                state.IntervalFlags |= (byte)RecordFlags.MeterReplaced;
                lastTotal = total;
                lastSavedTotal = total;
                Save();
                return;
            }

            ledger.Metered(delta);
            long pastWh = gap.PastShareWh(state.IntervalStart, state.IntervalStartIsBootRelative, state.OpenSession, Now(), delta);
            if (pastWh > 0)
            {
                // A rise after reads failed happened over the gap: its share before the open period is spread over it.
                state.IntervalBaselineWh += pastWh;
                SpreadDowntime(gap.From, state.IntervalStart, state.IntervalStartIsBootRelative, pastWh, state.OpenSession, false);
            }

            // The open period now holds energy that flowed before it began.
            if (delta > 0 && (pastWh > 0 || gap.Lacks(state.IntervalStart, state.IntervalStartIsBootRelative))) state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;

            lastTotal = total;
        }

        // ---- recovery ---------------------------------------------------------------------------

        private void ReconcileRing()
        {
            if (ring.NextSeq <= state.NextSeq) return;
            Record[] batch = new Record[8];
            long knownOpenWh = state.LastMeterWh - state.IntervalBaselineWh;
            long intervalShiftWh = 0;
            uint from = state.NextSeq;
            while (true)
            {
                int n = ring.Read(from, batch, 0, batch.Length);
                if (n == 0) break;
                for (int i = 0; i < n; i++)
                {
                    Record r = batch[i];
                    if (r.LastSeq < state.NextSeq) continue;
                    ledger.Recorded(r.Wh);

                    // Downtime records (UTC, written once the clock is known) belong to the pending
                    // downtime; every other record closed the open interval.
                    if ((r.Flags & RecordFlags.EstimatedOverDowntime) != 0 && !r.IsBootRelative && state.DowntimePending)
                    {
                        state.DowntimeWh -= r.Wh;
                        state.DowntimeFrom = r.End;
                        state.UtcFloor = Max(state.UtcFloor, r.End + 1);
                        continue;
                    }

                    intervalShiftWh += r.Wh;
                    state.IntervalBaselineWh += r.Wh;
                    state.IntervalStart = r.End;
                    state.IntervalStartIsBootRelative = r.IsBootRelative;
                    state.IntervalBoot = r.Boot;
                    state.IntervalFlags = 0;
                    if (r.IsBootRelative) state.PendingEpochBoot = r.Boot;
                    else state.UtcFloor = Max(state.UtcFloor, r.End);
                    if ((r.Flags & RecordFlags.SessionEnd) != 0 && r.Session == state.OpenSession) state.OpenSession = 0;
                }

                from = batch[n - 1].LastSeq + 1;
                if (from >= ring.NextSeq) break;
            }

            if (!meter.CountSurvivesReboot && intervalShiftWh > knownOpenWh)
            {
                // Seen before the cut and committed, but never counted in a saved checkpoint: counted
                // now, and the committed records used up all the open energy the checkpoint knew.
                ledger.Metered(intervalShiftWh - (knownOpenWh > 0 ? knownOpenWh : 0));
                state.LastMeterWh = state.IntervalBaselineWh;
            }

            state.NextSeq = ring.NextSeq;
        }

        private void Recover()
        {
            recovered = true;
            long total = reading.TotalWh;
            long timeline = TimelineNow();
            if (!hadInterval)
            {
                lastTotal = total;
                OpenFresh(timeline, total);
                Save();
                return;
            }

            if (meter.CountSurvivesReboot)
            {
                long downWh = total - state.IntervalBaselineWh;
                long seen = total - state.LastMeterWh;
                if (downWh < 0 || seen < 0)
                {
                    ledger.Violation();
                    downWh = downWh < 0 ? 0 : downWh;
                    seen = downWh;
                }

                ledger.Metered(seen);
                lastTotal = total;
                if (state.IntervalStartIsBootRelative)
                {
                    long to = timeline > state.IntervalStart ? timeline : state.IntervalStart + 1;
                    long rest = SpreadDowntime(state.IntervalStart, to, true, downWh, state.OpenSession, false);

                    // What a full ring refused stays in the open interval, marked estimated.
                    OpenFresh(to, total - rest);
                    if (rest > 0) state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;
                }
                else
                {
                    state.DowntimePending = true;
                    state.DowntimeFrom = state.IntervalStart;
                    state.DowntimeWh = downWh;
                    state.DowntimeSession = state.OpenSession;
                    state.DowntimeToTimeline = timeline;
                    OpenFresh(timeline, total);
                }
            }
            else
            {
                long knownWh = state.LastMeterWh - state.IntervalBaselineWh;
                long closeEnd = Max(state.SavedAt, state.IntervalStart + 1);
                if (!state.IntervalStartIsBootRelative && closeEnd > HalfHour.Next(state.IntervalStart)) closeEnd = HalfHour.Next(state.IntervalStart);
                lastTotal = state.IntervalBaselineWh + (knownWh > 0 ? knownWh : 0);
                if (knownWh > 0)
                {
                    AppendRecord(state.IntervalStart, closeEnd, state.IntervalStartIsBootRelative, state.IntervalBoot,
                        knownWh, state.OpenSession, 100, (RecordFlags)state.IntervalFlags);
                }

                // Pulses before the first reading of this boot were counted into the baseline unseen.
                ledger.UnseenEnergy(options.PulseCheckpointStepWh);
                ledger.UnseenTime(monotonicMs / 1000);
                if (!state.IntervalStartIsBootRelative)
                {
                    state.DowntimePending = true;
                    state.DowntimeFrom = closeEnd;
                    state.DowntimeWh = 0;
                    state.DowntimeSession = state.OpenSession;
                    state.DowntimeToTimeline = timeline;
                }

                lastTotal = total;
                OpenFresh(state.IntervalStartIsBootRelative ? Max(timeline, closeEnd) : timeline, total);
            }

            if (detector != null) detector.Assume(state.OpenSession != 0);
            CheckInvariant();
            Save();
        }

        private void OpenFresh(long timelineStart, long baseline)
        {
            state.IntervalStart = timelineStart;
            state.IntervalStartIsBootRelative = true;
            state.IntervalBoot = state.TimelineBoot;
            state.IntervalBaselineWh = baseline;
            state.IntervalFlags = 0;
            intervalEnd = timelineStart + options.UnsyncedPeriodSeconds;
            lastSavedTotal = baseline;
        }

        /// <summary>Appends the downtime's records; returns the Wh a full ring refused, put back into the open interval (baseline moved back, marked estimated).</summary>
        /// <remarks>With <paramref name="pending"/> the pending downtime moves past each record appended, so a fault part way leaves only the rest pending.</remarks>
        private long SpreadDowntime(long from, long to, bool relative, long wh, uint session, bool pending)
        {
            long start = from;
            while (start < to)
            {
                long end = DowntimeSplit.PeriodEnd(from, to, start, relative, options.UnsyncedPeriodSeconds);
                long share = DowntimeSplit.Share(from, to, wh, start, end);
                if (share > 0)
                {
                    if (!AppendRecord(start, end, relative, relative ? state.TimelineBoot : boot, share, session,
                        options.DowntimeConfidencePercent, RecordFlags.EstimatedOverDowntime))
                    {
                        // The ring is full: the rest waits in the open interval (baseline moved back).
                        long rest = wh - DowntimeSplit.Share(from, to, wh, from, start);
                        state.IntervalBaselineWh -= rest;
                        state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;
                        return rest;
                    }

                    if (pending)
                    {
                        state.DowntimeFrom = end;
                        state.DowntimeWh -= share;
                    }
                }

                start = end;
            }

            return 0;
        }

        // ---- intervals and sessions -------------------------------------------------------------

        private void CloseDueIntervals()
        {
            long now = Now();
            if (now < intervalEnd) return;
            if (!Cut(gap.CutEnd(state.IntervalStart, intervalEnd, state.IntervalStartIsBootRelative), RecordFlags.None, out long end)) return;
            OpenAt(end, now);
            Save();
        }

        private void ProcessSessions(bool readingOk)
        {
            requests.Take(out bool start, out bool stop, out string id);

            if (detector != null && readingOk && reading.HasPower)
            {
                int change = detector.Update(reading.PowerW, monotonicMs);
                if (change == PowerDetector.Started) start = true;
                else if (change == PowerDetector.Stopped) stop = true;
            }

            long now = Now();
            if (stop && state.OpenSession != 0)
            {
                if (Cut(now, RecordFlags.SessionEnd, out long end))
                {
                    state.OpenSession = 0;
                    OpenAt(end, now);
                    CheckInvariant();
                    Save();
                }
                else
                {
                    requests.Requeue(false, null, true);
                    stop = false;
                }
            }

            uint number = state.SessionCounter + 1;
            if (start && state.OpenSession == 0)
            {
                if (id != null)
                {
                    uint lowestNeeded = requests.LowestSessionNeeded;
                    if (!SessionIds.HasRoom(lowestNeeded))
                    {
                        // Refused at the console unless the room went between its check and now:
                        // the session does not start rather than go out under a generated id.
                        start = false;
                        id = null;
                    }
                    else
                    {
                        SessionIds.Add(number, id, lowestNeeded);
                        idFloorSeq = 0;
                    }
                }
            }

            if (start && state.OpenSession == 0)
            {
                if (Cut(now, RecordFlags.None, out long end))
                {
                    state.SessionCounter = number;
                    state.OpenSession = number;
                    OpenAt(end, now);
                    CheckInvariant();
                    Save();
                }
                else
                {
                    requests.Requeue(true, id, false);
                }
            }
        }

        /// <summary>Ends the open interval at <paramref name="at"/>, appending its record when it has energy or a session.</summary>
        private bool Cut(long at, RecordFlags extra, out long end)
        {
            long start = state.IntervalStart;
            long wh = lastTotal - state.IntervalBaselineWh;
            bool keep = wh > 0 || (state.OpenSession != 0 && !(gap.IsOpen && extra == RecordFlags.None));
            if (!keep)
            {
                end = at > start ? at : start;
                return true;
            }

            end = at > start ? at : start + 1;
            if (end - start > Record.MaxDurationSeconds) end = start + Record.MaxDurationSeconds;
            RecordFlags flags = (RecordFlags)state.IntervalFlags | extra;
            if (gap.Lacks(end, state.IntervalStartIsBootRelative)) flags |= RecordFlags.EstimatedOverDowntime;
            byte confidence = (flags & RecordFlags.EstimatedOverDowntime) != 0 ? options.DowntimeConfidencePercent : (byte)100;
            if (!AppendRecord(start, end, state.IntervalStartIsBootRelative, state.IntervalBoot, wh, state.OpenSession, confidence, flags))
            {
                return false;
            }

            state.IntervalBaselineWh += wh;
            state.IntervalFlags = 0;
            return true;
        }

        private void OpenAt(long end, long now)
        {
            long start = end;
            if (state.IntervalStartIsBootRelative)
            {
                if (end >= intervalEnd) intervalEnd = end + options.UnsyncedPeriodSeconds;
                if (now >= intervalEnd)
                {
                    start = now;
                    intervalEnd = now + options.UnsyncedPeriodSeconds;
                }
            }
            else
            {
                if (now >= HalfHour.Next(end)) start = HalfHour.Floor(now);
                intervalEnd = HalfHour.Next(start);
            }

            state.IntervalStart = start;
        }

        private bool AppendRecord(long start, long end, bool relative, ushort timelineBoot, long wh, uint session, byte confidence, RecordFlags flags)
        {
            record.Seq = 0;
            record.SeqCount = 1;
            record.Start = start;
            record.DurationSeconds = (uint)(end - start);
            record.Boot = relative ? timelineBoot : boot;
            record.Wh = (uint)wh;
            record.Session = session;
            record.ConfidencePercent = confidence;
            record.Flags = relative ? flags | RecordFlags.BootRelativeTime : flags & ~RecordFlags.BootRelativeTime;
            // The ring itself keeps records that may have gone out from being merged (the delivery
            // tells it, IRecordRing.ProtectAttempted): the agent knows nothing of the delivery.
            if (ring.Append(ref record, 0) == AppendResult.RefusedFull)
            {
                status.RingFull = true;
                return false;
            }

            status.RingFull = false;
            state.NextSeq = record.LastSeq + 1;
            ledger.Recorded(wh);
            if (relative) state.PendingEpochBoot = timelineBoot;
            else if (end > state.UtcFloor) state.UtcFloor = end;
            gap.Recorded(end, relative);
            RecordsAppended++;
            return true;
        }

        // ---- accounting, saving, status ---------------------------------------------------------

        private void CheckInvariant()
        {
            ledger.Check(lastTotal - state.IntervalBaselineWh);
        }

        private void Save()
        {
            CheckInvariant();
            state.LastMeterWh = lastTotal;
            state.SavedAt = Now();
            store.Save(state);
            lastSavedTotal = lastTotal;
            CheckpointSaves++;
        }

        private void FillStatus(bool ok)
        {
            status.ClockTrusted = time.IsAnchored;
            status.UtcNow = time.IsAnchored ? time.NowSeconds : 0;
            status.UptimeSeconds = monotonicMs / 1000;
            status.MeterHealth = reading.Health;
            status.MeterProblem = ok ? null : reading.Reason;
            status.MeterTotalWh = lastTotal;
            status.MeterHasPower = ok && reading.HasPower;
            status.MeterPowerW = status.MeterHasPower ? reading.PowerW : 0;
            status.IntervalStart = state.IntervalStart;
            status.IntervalWh = OpenIntervalWh;
            status.Session = state.OpenSession;
            status.Violations = state.Violations;
            status.UnaccountedWhBound = state.UnaccountedWhBound;
            status.UnaccountedCause = meter.CountSurvivesReboot ? AgentStatus.CauseMeterRebase : AgentStatus.CauseUnseenTime;
        }

        private static long Max(long a, long b)
        {
            return a > b ? a : b;
        }
    }
}
