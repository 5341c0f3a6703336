using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// The open period: the energy counted since its start, where it ends, and the records it
    /// becomes when it is cut (at :00 and :30, a session edge, the clock becoming known). Appending
    /// to the ring is the commit point; a refused append leaves the energy open.
    /// </summary>
    public sealed class OpenInterval
    {
        /// <summary>How long the agent waits before it writes to a flash that failed a write again, ms.</summary>
        public const int WriteRetryMs = 60000;

        private readonly AgentOptions options;
        private readonly IRecordRing ring;
        private readonly Checkpoint state;
        private readonly EnergyLedger ledger;
        private readonly MeterGap gap;
        private readonly RecordingStatus status;
        private readonly Timeline timeline;
        private readonly ushort boot;
        private readonly HeldRecords held = new HeldRecords();
        private Record record;
        private bool refused;
        private long writeRetryAtMs;

        /// <summary>Creates the open period of boot <paramref name="boot"/> over the agent's state.</summary>
        public OpenInterval(AgentOptions options, IRecordRing ring, Checkpoint state, EnergyLedger ledger, MeterGap gap, RecordingStatus status, Timeline timeline, ushort boot)
        {
            this.options = options;
            this.ring = ring;
            this.state = state;
            this.ledger = ledger;
            this.gap = gap;
            this.status = status;
            this.timeline = timeline;
            this.boot = boot;
        }

        /// <summary>The meter's total as last taken in, Wh.</summary>
        public long MeterWh { get; set; }

        /// <summary>Energy in the open period, Wh.</summary>
        public long EnergyWh
        {
            get { return MeterWh - state.IntervalBaselineWh; }
        }

        /// <summary>Where the open period is due to end, on its own timeline.</summary>
        public long End { get; private set; }

        /// <summary>Records appended since the agent started.</summary>
        public long RecordsAppended { get; private set; }

        /// <summary>Checks the accounting against the open energy.</summary>
        public void CheckInvariant()
        {
            ledger.Check(UnwrittenWh);
        }

        /// <summary>Cuts the period when it is due at <paramref name="now"/>; true when it was cut (the caller saves).</summary>
        public bool CloseDue(long now)
        {
            if (now < End) return false;
            long at = gap.CutEnd(state.IntervalStart, End, state.IntervalStartIsBootRelative);
            if (!Cut(at, RecordFlags.None, out long end)) return false;
            OpenAt(end, now);
            return true;
        }

        /// <summary>Opens a fresh boot-relative period at <paramref name="timelineStart"/> with the meter at <paramref name="baseline"/>.</summary>
        public void OpenFresh(long timelineStart, long baseline)
        {
            state.IntervalStart = timelineStart;
            state.IntervalStartIsBootRelative = true;
            state.IntervalBoot = state.TimelineBoot;
            state.IntervalBaselineWh = baseline;
            state.IntervalFlags = 0;
            End = timelineStart + options.UnsyncedPeriodSeconds;
        }

        /// <summary>Makes the open period last at least until <paramref name="end"/> (a reading that showed what was counted since it began, unread until then).</summary>
        public void LastsUntil(long end)
        {
            if (end > End) End = end;
        }

        /// <summary>
        /// Moves a boot-relative open period onto UTC once the epoch is known: cut where the time
        /// became known (<paramref name="timeline"/>) when it began in an earlier half-hour.
        /// </summary>
        public void MoveToUtc(long epoch, long timeline)
        {
            if (!state.IntervalStartIsBootRelative) return;
            if (HalfHour.Floor(epoch + state.IntervalStart) != HalfHour.Floor(epoch + timeline))
            {
                if (Cut(timeline, RecordFlags.None, out long end)) state.IntervalStart = end;
            }

            held.MoveToUtc(epoch, state.TimelineBoot, boot);
            state.IntervalStart += epoch;
            state.IntervalStartIsBootRelative = false;
            gap.Placed(epoch);
            state.IntervalBoot = boot;
            End = HalfHour.Next(state.IntervalStart);
        }

        /// <summary>Ends the open period at <paramref name="at"/>, appending its record when it has energy or a session.</summary>
        public bool Cut(long at, RecordFlags extra, out long end)
        {
            return Cut(at, extra, false, out end);
        }

        /// <summary>
        /// Ends the open period at a session edge at <paramref name="at"/>: as <see cref="Cut(long, RecordFlags, out long)"/>,
        /// but a record the ring refuses is held (<see cref="HeldRecords"/>) while there is room, so the edge takes effect now.
        /// </summary>
        public bool CutAtEdge(long at, RecordFlags extra, out long end)
        {
            return Cut(at, extra, true, out end);
        }

        /// <summary>Records cut at a session edge that wait for the ring.</summary>
        public HeldRecords Held
        {
            get { return held; }
        }

        /// <summary>Energy counted and not in the ring yet: the open period's and the held records', Wh.</summary>
        public long UnwrittenWh
        {
            get { return EnergyWh + held.Wh; }
        }

        /// <summary>Writes the held records, oldest first; true when none is left.</summary>
        public bool WriteHeld()
        {
            while (held.Count > 0)
            {
                Record first = held.First;
                if (!Write(ref first, true)) return false;
                held.RemoveFirst();
            }

            return true;
        }

        private bool Cut(long at, RecordFlags extra, bool hold, out long end)
        {
            // An interval the ring refused holds energy up to now: its record ends now, not at
            // the boundary it was first due at.
            if (refused && timeline.Now > at) at = timeline.Now;
            long start = state.IntervalStart;
            long wh = EnergyWh;
            bool keep = wh > 0 || (state.OpenSession != 0 && !(gap.IsOpen && extra == RecordFlags.None));
            if (!keep)
            {
                end = at > start ? at : start;
                return true;
            }

            end = at > start ? at : start + 1;
            if (end - start > Record.MaxDurationSeconds) end = start + Record.MaxDurationSeconds;
            RecordFlags flags = (RecordFlags)state.IntervalFlags | extra;
            // A gap that began on another timeline (a clock step came during it) began before this one: the record lacks all its reads.
            bool relative = state.IntervalStartIsBootRelative;
            if (gap.Lacks(end, relative) || (gap.BeganOnOtherTimeline(relative) && end - start > MeterGap.UnreadSeconds)) flags |= RecordFlags.EstimatedOverDowntime;
            Make(start, end, state.IntervalStartIsBootRelative, state.IntervalBoot, wh, state.OpenSession, 100, flags);
            if (!WriteHeld() || !Write(ref record, false))
            {
                if (hold && !held.IsFull)
                {
                    // A session edge takes effect now: its record waits in memory, in order.
                    held.Add(ref record);
                    Booked(end, relative);
                    refused = false;
                    state.IntervalBaselineWh += wh;
                    state.IntervalFlags = 0;
                    return true;
                }

                // The energy waits in the open interval, its record marked estimated: how it
                // spread over the time the interval stays open is not measured.
                state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;
                refused = true;
                return false;
            }

            refused = false;
            state.IntervalBaselineWh += wh;
            state.IntervalFlags = 0;
            return true;
        }

        /// <summary>Opens the next period after a cut that ended at <paramref name="end"/>, skipping periods that passed unseen.</summary>
        public void OpenAt(long end, long now)
        {
            long start = end;
            if (state.IntervalStartIsBootRelative)
            {
                if (end >= End) End = end + options.UnsyncedPeriodSeconds;
                if (now >= End)
                {
                    start = now;
                    End = now + options.UnsyncedPeriodSeconds;
                }
            }
            else
            {
                if (now >= HalfHour.Next(end)) start = HalfHour.Floor(now);
                End = HalfHour.Next(start);
            }

            state.IntervalStart = start;
        }

        /// <summary>Appends the downtime's records; returns the Wh a full ring refused, put back into the open period (baseline moved back, marked estimated).</summary>
        /// <remarks>With <paramref name="pending"/> the pending downtime moves past each record appended, so a fault part way leaves only the rest pending.</remarks>
        public long SpreadDowntime(long from, long to, bool relative, long wh, uint session, bool pending)
        {
            long start = from;
            while (start < to)
            {
                long end = DowntimeSplit.PeriodEnd(from, to, start, relative, options.UnsyncedPeriodSeconds);
                long share = DowntimeSplit.Share(from, to, wh, start, end);
                if (share > 0)
                {
                    if (!Append(start, end, relative, relative ? state.TimelineBoot : boot, share, session,
                        options.DowntimeConfidencePercent, RecordFlags.EstimatedOverDowntime))
                    {
                        // The ring is full: the rest waits in the open period (baseline moved back).
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

        /// <summary>Appends one record to the ring (the commit point), after the held ones; false when the ring refused it.</summary>
        public bool Append(long start, long end, bool relative, ushort timelineBoot, long wh, uint session, byte confidence, RecordFlags flags)
        {
            Make(start, end, relative, timelineBoot, wh, session, confidence, flags);
            return WriteHeld() && Write(ref record, false);
        }

        private void Make(long start, long end, bool relative, ushort timelineBoot, long wh, uint session, byte confidence, RecordFlags flags)
        {
            if ((flags & RecordFlags.EstimatedOverDowntime) != 0 && confidence > options.DowntimeConfidencePercent) confidence = options.DowntimeConfidencePercent;
            record.Seq = 0;
            record.SeqCount = 1;
            record.Start = start;
            record.DurationSeconds = (uint)(end - start);
            record.Boot = relative ? timelineBoot : boot;
            record.Wh = (uint)wh;
            record.Session = session;
            record.ConfidencePercent = confidence;
            record.Flags = relative ? flags | RecordFlags.BootRelativeTime : flags & ~RecordFlags.BootRelativeTime;
        }

        /// <summary>Appends <paramref name="next"/> to the ring (<paramref name="booked"/> when held: its end was noted then); false when it refused it.</summary>
        private bool Write(ref Record next, bool booked)
        {
            // A flash that failed a write is tried again a minute later, not on every tick.
            if (timeline.MonotonicMs < writeRetryAtMs) return false;
            // The ring itself keeps records that may have gone out from being merged (the delivery
            // tells it, IRecordRing.ProtectAttempted): the agent knows nothing of the delivery.
            AppendResult result = ring.Append(ref next, 0);
            if (result == AppendResult.RefusedFull || result == AppendResult.RefusedWriteFailed)
            {
                status.RingFull = result == AppendResult.RefusedFull;
                status.FlashWriteFailed = result == AppendResult.RefusedWriteFailed;
                if (status.FlashWriteFailed) writeRetryAtMs = timeline.MonotonicMs + WriteRetryMs;
                return false;
            }

            status.RingFull = false;
            status.FlashWriteFailed = false;
            state.NextSeq = next.LastSeq + 1;
            ledger.Recorded(next.Wh);
            if (next.IsBootRelative) state.PendingEpochBoot = next.Boot;
            if (!booked) Booked(next.End, next.IsBootRelative);
            RecordsAppended++;
            return true;
        }

        /// <summary>Notes that the energy up to <paramref name="end"/> is in a record: UTC is not to go back before it, and a meter gap's spread begins after it.</summary>
        private void Booked(long end, bool relative)
        {
            if (!relative && end > state.UtcFloor) state.UtcFloor = end;
            gap.Recorded(end, relative);
        }
    }
}
