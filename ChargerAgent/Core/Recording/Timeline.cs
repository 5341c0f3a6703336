using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// The agent's time: seconds on a boot-relative timeline until the wall clock is trusted, then
    /// UTC (<see cref="AgentTime"/>), and the epoch that turns the timeline into UTC, logged in
    /// <see cref="Epochs"/> so records stamped before it can be placed later.
    /// </summary>
    public sealed class Timeline
    {
        private readonly Checkpoint state;
        private readonly AgentTime time = new AgentTime();
        private readonly ClockStepGuard steps = new ClockStepGuard();
        private long syncEpoch;

        /// <summary>Creates the timeline over the agent's state, with the epoch log.</summary>
        public Timeline(Checkpoint state, BootEpochLog epochs)
        {
            this.state = state;
            Epochs = epochs;
        }

        /// <summary>Epochs of boot-relative timelines.</summary>
        public BootEpochLog Epochs { get; private set; }

        /// <summary>The monotonic clock at this tick, ms since boot.</summary>
        public long MonotonicMs { get; private set; }

        /// <summary>True once the sync finished: the epoch saved and logged (a storage fault part way leaves it to a later tick).</summary>
        public bool IsSynced { get; private set; }

        /// <summary>True once anchored to a trusted wall clock in this boot.</summary>
        public bool IsAnchored
        {
            get { return time.IsAnchored; }
        }

        /// <summary>UTC now, Unix seconds (valid once <see cref="IsAnchored"/>).</summary>
        public long UtcNow
        {
            get { return time.NowSeconds; }
        }

        /// <summary>Wall clock jumps seen this boot (followed ones and steps).</summary>
        public int Jumps
        {
            get { return time.Jumps + steps.Steps; }
        }

        /// <summary>Now on the boot-relative timeline, seconds.</summary>
        public long TimelineNow
        {
            get { return state.TimelineOffset + MonotonicMs / 1000; }
        }

        /// <summary>Now on the open period's timeline: boot-relative or UTC.</summary>
        public long Now
        {
            get { return state.IntervalStartIsBootRelative ? TimelineNow : time.NowSeconds; }
        }

        /// <summary>
        /// Starts this boot's timeline: it continues the last boot's when that one never learnt the
        /// time, else it is a new one, and UTC may not go back before what was recorded.
        /// </summary>
        public void Begin(ushort boot, bool hadInterval, bool countSurvivesReboot)
        {
            if (hadInterval && state.IntervalStartIsBootRelative)
            {
                // The last boot never learnt the time: this boot continues its timeline, as if the
                // downtime had lasted one second (the epoch found later is marked estimated).
                state.TimelineBoot = state.IntervalBoot;
                state.TimelineOffset = Max(state.SavedAt, state.IntervalStart) + 1;
                return;
            }

            state.TimelineBoot = boot;
            state.TimelineOffset = 0;
            if (hadInterval)
            {
                long reserved = countSurvivesReboot ? state.IntervalStart + 1 : Max(state.SavedAt, state.IntervalStart + 1);
                state.UtcFloor = Max(state.UtcFloor, reserved);
            }
        }

        /// <summary>Takes this tick's monotonic clock.</summary>
        public void Observe(long monotonicMs)
        {
            MonotonicMs = monotonicMs;
        }

        /// <summary>
        /// Anchors UTC to the trusted <paramref name="wall"/> clock, once; returns the epoch of the
        /// timeline (UTC of its second 0). A sync a storage fault interrupted is retried with this
        /// same epoch, so a timeline never gets two; the anchored time runs on with the monotonic clock
        /// first, so what the retry saves is stamped now, not when the sync began.
        /// </summary>
        public long Anchor(long wall)
        {
            if (!time.IsAnchored)
            {
                long timeline = TimelineNow;
                syncEpoch = Max(wall - timeline, state.UtcFloor);
                time.Anchor(syncEpoch + timeline, MonotonicMs);
            }
            else
            {
                Coast();
            }

            return syncEpoch;
        }

        /// <summary>Follows the wall clock once anchored (never backwards).</summary>
        public void Advance(bool trusted, long wall)
        {
            if (time.IsAnchored) time.Advance(trusted, wall, MonotonicMs);
        }

        /// <summary>True when the trusted <paramref name="wall"/> clock may anchor UTC (see <see cref="ClockStepGuard.Agrees"/>).</summary>
        public bool Agrees(long wall, bool online)
        {
            return steps.Agrees(wall, MonotonicMs, online);
        }

        /// <summary>True when the trusted <paramref name="wall"/> clock stepped since the last reading (see <see cref="ClockStepGuard.IsStep"/>).</summary>
        public bool IsStep(long wall)
        {
            return steps.IsStep(wall, MonotonicMs);
        }

        /// <summary>Runs the agent's time on with the monotonic clock alone (the wall clock is not followed).</summary>
        public void Coast()
        {
            time.Advance(false, 0, MonotonicMs);
        }

        /// <summary>
        /// After a step: drops the anchor and starts a new boot-relative timeline at
        /// <paramref name="now"/>, numbered as the next boot would be, placed for now by the time
        /// before the step (<paramref name="now"/>) until the wall clock agrees again.
        /// </summary>
        public void StartStepSpan(long now)
        {
            time.Unanchor();
            IsSynced = false;
            state.BootCount++;
            state.TimelineBoot = state.BootCount;
            state.TimelineOffset = -(MonotonicMs / 1000);
            // Until the wall clock agrees, the time before the step is the best known: a boot that
            // ends before then places this timeline by it (PlaceStepSpanOfLastBoot).
            state.BootEpoch = now + state.TimelineOffset;
        }

        /// <summary>
        /// The last boot ended after a clock step, before the wall clock agreed again: its timeline
        /// is placed by the time before the step (logged as its epoch by <see cref="LogEpochOfLastBoot"/>),
        /// and the open period turns into UTC, so this boot starts a timeline of its own. Returns true when it did.
        /// </summary>
        public bool PlaceStepSpanOfLastBoot()
        {
            if (!state.IntervalStartIsBootRelative || state.BootEpoch == 0) return false;
            long epoch = state.BootEpoch - state.TimelineOffset;
            state.IntervalStart += epoch;
            state.SavedAt += epoch;
            state.IntervalStartIsBootRelative = false;
            state.IntervalBoot = state.BootCount;
            return true;
        }

        /// <summary>Puts <paramref name="epoch"/> into the state, to be saved before it is logged.</summary>
        public void HoldEpoch(long epoch)
        {
            state.BootEpoch = epoch + state.TimelineOffset;
        }

        /// <summary>Logs <paramref name="epoch"/> for the timeline whose records wait for it (after the checkpoint holding it was saved); the sync is then complete.</summary>
        public void LogPendingEpoch(long epoch)
        {
            if (state.PendingEpochBoot != 0)
            {
                Epochs.AddIfMissing(state.PendingEpochBoot, epoch, state.TimelineBoot != state.BootCount);
                state.PendingEpochBoot = 0;
            }

            IsSynced = true;
        }

        /// <summary>
        /// The last boot saved its checkpoint at its clock sync, but a cut may have come before the
        /// epoch reached the epoch log: it is logged now, from the checkpoint.
        /// </summary>
        public void LogEpochOfLastBoot()
        {
            if (state.PendingEpochBoot == 0 || state.BootEpoch == 0) return;
            Epochs.AddIfMissing(state.PendingEpochBoot, state.BootEpoch - state.TimelineOffset, state.TimelineBoot != state.BootCount);
            state.PendingEpochBoot = 0;
        }

        /// <summary>True while the epoch of <paramref name="timelineBoot"/>'s timeline may still be learnt (see <see cref="Agent.MayStillLearnEpoch"/>).</summary>
        public bool MayStillLearnEpoch(ushort timelineBoot)
        {
            return !IsSynced && timelineBoot == state.TimelineBoot;
        }

        private static long Max(long a, long b)
        {
            return a > b ? a : b;
        }
    }
}
