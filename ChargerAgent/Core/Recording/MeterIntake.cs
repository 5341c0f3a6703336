using ChargerAgent.Core.Intervals;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// Takes each good meter reading into the open period: the rise since the last one, a new
    /// meter's baseline (nothing billed for the jump), and a register meter's rise after a read gap
    /// spread over the gap (<see cref="MeterGap"/>).
    /// </summary>
    public sealed class MeterIntake
    {
        private readonly Checkpoint state;
        private readonly EnergyLedger ledger;
        private readonly MeterGap gap;
        private readonly OpenInterval interval;
        private readonly StateSaver saver;
        private readonly RecordingStatus status;

        /// <summary>Creates the intake into <paramref name="interval"/>.</summary>
        public MeterIntake(Checkpoint state, EnergyLedger ledger, MeterGap gap, OpenInterval interval, StateSaver saver, RecordingStatus status)
        {
            this.state = state;
            this.ledger = ledger;
            this.gap = gap;
            this.interval = interval;
            this.saver = saver;
            this.status = status;
        }

        /// <summary>Takes in a good <paramref name="reading"/> at <paramref name="now"/> on the open period's timeline.</summary>
        public void Absorb(ref EnergyReading reading, long now)
        {
            long total = reading.TotalWh;
            long delta = total - interval.MeterWh;
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
                interval.MeterWh = total;
                saver.Save();
                return;
            }

            ledger.Metered(delta);
            long pastWh = gap.PastShareWh(state.IntervalStart, state.IntervalStartIsBootRelative, state.OpenSession, now, delta);
            if (pastWh > 0)
            {
                // A rise after reads failed happened over the gap: its share before the open period is spread over it.
                state.IntervalBaselineWh += pastWh;
                interval.SpreadDowntime(gap.From, state.IntervalStart, state.IntervalStartIsBootRelative, pastWh, state.OpenSession, false);
            }

            // The open period now holds energy that flowed before it began.
            bool relative = state.IntervalStartIsBootRelative;
            if (delta > 0 && (pastWh > 0 || gap.Lacks(state.IntervalStart, relative) || gap.BeganOnOtherTimeline(relative))) state.IntervalFlags |= (byte)RecordFlags.EstimatedOverDowntime;

            interval.MeterWh = total;
        }
    }
}
