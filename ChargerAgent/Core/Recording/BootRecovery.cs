using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// What a boot does with the last one's state: takes in the records the ring committed after
    /// the last checkpoint (<see cref="Reconcile"/>), books the energy of the downtime at the first
    /// good reading (<see cref="Recover"/>), and places it on UTC once the clock is known
    /// (<see cref="PlaceDowntime"/>).
    /// </summary>
    public sealed class BootRecovery
    {
        private readonly AgentOptions options;
        private readonly Checkpoint state;
        private readonly IRecordRing ring;
        private readonly EnergyLedger ledger;
        private readonly OpenInterval interval;
        private readonly bool countSurvivesReboot;

        /// <summary>Creates the recovery of the agent's state; <paramref name="countSurvivesReboot"/> is true for a register meter.</summary>
        public BootRecovery(AgentOptions options, Checkpoint state, IRecordRing ring, EnergyLedger ledger, OpenInterval interval, bool countSurvivesReboot)
        {
            this.options = options;
            this.state = state;
            this.ring = ring;
            this.ledger = ledger;
            this.interval = interval;
            this.countSurvivesReboot = countSurvivesReboot;
        }

        /// <summary>
        /// True when the last boot's open period ran on a clock step's timeline, placed by the time before the step
        /// (<see cref="Timeline.PlaceStepSpanOfLastBoot"/>): it lasted its own period from its start, not the UTC half-hour it began in.
        /// </summary>
        public bool OpenPeriodRanOnStepTimeline { get; set; }

        /// <summary>Takes in the records the ring holds beyond the checkpoint's next Seq (committed, but the checkpoint after them was cut).</summary>
        public void Reconcile()
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

            if (!countSurvivesReboot && intervalShiftWh > knownOpenWh)
            {
                // Seen before the cut and committed, but never counted in a saved checkpoint: counted
                // now, and the committed records used up all the open energy the checkpoint knew.
                ledger.Metered(intervalShiftWh - (knownOpenWh > 0 ? knownOpenWh : 0));
                state.LastMeterWh = state.IntervalBaselineWh;
            }

            state.NextSeq = ring.NextSeq;
        }

        /// <summary>
        /// At the first good reading (<paramref name="totalWh"/>, at <paramref name="timeline"/> seconds,
        /// <paramref name="uptimeSeconds"/> after boot): books the energy of the downtime and opens this
        /// boot's period. The caller saves.
        /// </summary>
        public void Recover(bool hadInterval, long totalWh, long timeline, long uptimeSeconds)
        {
            long total = totalWh;
            if (!hadInterval)
            {
                interval.MeterWh = total;
                interval.OpenFresh(timeline, total);
                return;
            }

            if (countSurvivesReboot)
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
                interval.MeterWh = total;
                if (state.IntervalStartIsBootRelative)
                {
                    long to = timeline > state.IntervalStart ? timeline : state.IntervalStart + 1;
                    long rest = interval.SpreadDowntime(state.IntervalStart, to, true, downWh, state.OpenSession, false);

                    // What a full ring refused stays in the open interval, marked estimated.
                    interval.OpenFresh(to, total - rest);
                    if (rest > 0) state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;
                }
                else
                {
                    state.DowntimePending = true;
                    state.DowntimeFrom = state.IntervalStart;
                    state.DowntimeWh = downWh;
                    state.DowntimeSession = state.OpenSession;
                    state.DowntimeToTimeline = timeline;
                    interval.OpenFresh(timeline, total);
                }
            }
            else
            {
                long knownWh = state.LastMeterWh - state.IntervalBaselineWh;
                long closeEnd = Max(state.SavedAt, state.IntervalStart + 1);
                // An interval the ring refused (marked estimated) held its energy past its half-hour.
                bool refused = (state.IntervalFlags & (byte)RecordFlags.EstimatedOverDowntime) != 0;
                long periodEnd = OpenPeriodRanOnStepTimeline ? state.IntervalStart + options.UnsyncedPeriodSeconds : HalfHour.Next(state.IntervalStart);
                if (!state.IntervalStartIsBootRelative && !refused && closeEnd > periodEnd) closeEnd = periodEnd;
                interval.MeterWh = state.IntervalBaselineWh + (knownWh > 0 ? knownWh : 0);
                long heldWh = 0;
                if (knownWh > 0)
                {
                    // A period of a clock step's timeline is placed by the time before the step: estimated.
                    RecordFlags flags = (RecordFlags)state.IntervalFlags;
                    if (OpenPeriodRanOnStepTimeline) flags |= RecordFlags.EstimatedOverDowntime;
                    if (!interval.Append(state.IntervalStart, closeEnd, state.IntervalStartIsBootRelative, state.IntervalBoot,
                        knownWh, state.OpenSession, 100, flags)) heldWh = knownWh;
                }

                // The counter counts from 0 at boot: what it shows at this first good reading (the meter may not have
                // answered for a while) flowed since the boot, so this boot's period opens at the boot and keeps it.
                // Unseen are the pulses counted since the last checkpoint, lost with the cut, and the downtime.
                long bootAt = timeline - uptimeSeconds;
                ledger.Metered(total);
                ledger.UnseenEnergy(options.PulseCheckpointStepWh);
                if (!state.IntervalStartIsBootRelative)
                {
                    state.DowntimePending = true;
                    state.DowntimeFrom = closeEnd;
                    state.DowntimeWh = 0;
                    state.DowntimeSession = state.OpenSession;
                    state.DowntimeToTimeline = bootAt;
                }

                interval.MeterWh = total;
                long openAt = state.IntervalStartIsBootRelative ? Max(bootAt, closeEnd) : bootAt;
                interval.OpenFresh(openAt, -heldWh);

                // Read only after a period's length: the count rose somewhere in that time, so the period lasts until this
                // reading and holds it exactly, rather than taking it whole into its first half-hour.
                if (timeline > openAt + options.UnsyncedPeriodSeconds) interval.LastsUntil(timeline);

                // What a full ring refused stays in the open interval, marked estimated (as the register branch).
                if (heldWh > 0) state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;
            }

            interval.CheckInvariant();
        }

        /// <summary>Once the clock is known (<paramref name="epoch"/> of this boot's timeline): spreads the pending downtime's energy over it (register meter) or counts its time as unseen (S0).</summary>
        public void PlaceDowntime(long epoch)
        {
            if (!state.DowntimePending) return;
            long to = epoch + state.DowntimeToTimeline;
            if (to <= state.DowntimeFrom) to = state.DowntimeFrom + 1;
            if (countSurvivesReboot)
            {
                interval.SpreadDowntime(state.DowntimeFrom, to, false, state.DowntimeWh, state.DowntimeSession, true);
            }
            else
            {
                ledger.UnseenTime(to - state.DowntimeFrom);
            }

            state.DowntimePending = false;
            state.DowntimeWh = 0;
        }

        private static long Max(long a, long b)
        {
            return a > b ? a : b;
        }
    }
}
