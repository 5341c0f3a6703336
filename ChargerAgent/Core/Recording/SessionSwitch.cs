using ChargerAgent.Core.Records;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Recording
{
    /// <summary>
    /// Starts and stops charging sessions: from the charge controller's signal, the console, or the
    /// power detector. Each edge cuts the open period, so a record belongs to one session or none
    /// (a record the ring refuses at an edge waits in memory, <see cref="HeldRecords"/>);
    /// a caller's session id is kept on flash while any record of its session may still go out.
    /// </summary>
    public sealed class SessionSwitch
    {
        private readonly AgentOptions options;
        private readonly Checkpoint state;
        private readonly IRecordRing ring;
        private readonly OpenInterval interval;
        private readonly StateSaver saver;
        private readonly PowerDetector detector;
        private readonly SessionRequests requests = new SessionRequests();
        private readonly Record[] idScan = new Record[8];
        private uint idFloorSeq;
        private uint unacknowledgedFloorSeq;
        private uint sideLowestSession;

        /// <summary>Creates the session switch over the agent's state, keeping caller ids in <paramref name="ids"/>.</summary>
        public SessionSwitch(AgentOptions options, Checkpoint state, IRecordRing ring, OpenInterval interval, StateSaver saver, SessionIdFile ids)
        {
            this.options = options;
            this.state = state;
            this.ring = ring;
            this.interval = interval;
            this.saver = saver;
            Ids = ids;
            if ((options.SessionSources & SessionSources.PowerDetector) != 0)
            {
                detector = new PowerDetector(options.DetectorThresholdW, options.DetectorStartAfterSeconds * 1000L, options.DetectorStopAfterSeconds * 1000L);
            }
        }

        /// <summary>Caller-given session ids.</summary>
        public SessionIdFile Ids { get; private set; }

        /// <summary>See <see cref="Agent.SetUndeliveredFloor"/>.</summary>
        public void SetUndeliveredFloor(uint unacknowledgedSeq, uint lowestSideSession)
        {
            unacknowledgedFloorSeq = unacknowledgedSeq;
            sideLowestSession = lowestSideSession;
        }

        /// <summary>The charge controller's signal: a rising edge starts a session, a falling edge stops it.</summary>
        public void Signal(bool charging)
        {
            if ((options.SessionSources & SessionSources.Signal) == 0) return;
            requests.Signal(charging);
        }

        /// <summary>Asks for a session to start at the next tick, under <paramref name="callerId"/> or a generated id (null).</summary>
        public bool TryStart(string callerId, out string problem)
        {
            problem = null;
            if ((options.SessionSources & SessionSources.Console) == 0) problem = "console sessions are not enabled";
            else if (callerId != null && !SessionIdFile.IsValidId(callerId)) problem = "id must be 1-64 letters, digits, '-' or '_'";
            if (problem != null) return false;
            return requests.TryStart(callerId, state.OpenSession != 0, SessionIdFile.KeptEntries, out problem);
        }

        /// <summary>Asks for the open session to stop at the next tick.</summary>
        public bool TryStop(out string problem)
        {
            return requests.TryStop(state.OpenSession != 0, out problem);
        }

        /// <summary>After recovery: the power detector starts from whether a session is open.</summary>
        public void AssumeRecovered()
        {
            if (detector != null) detector.Assume(state.OpenSession != 0);
        }

        /// <summary>Applies this tick's session edges at <paramref name="now"/>: each cuts the open period and saves.</summary>
        public void Process(bool readingOk, bool hasPower, int powerW, long monotonicMs, long now)
        {
            requests.Take(out bool start, out bool stop, out string id);

            if (detector != null && readingOk && hasPower)
            {
                int change = detector.Update(powerW, monotonicMs);
                if (change == PowerDetector.Started) start = true;
                else if (change == PowerDetector.Stopped) stop = true;
            }

            bool completed = false;
            try
            {
                ApplyEdges(ref start, ref stop, ref id, now);
                completed = true;
            }
            finally
            {
                // An edge is told once: a tick that fails carrying it (a full flash) leaves it for the next.
                if (!completed) requests.Requeue(start, id, stop);
            }
        }

        /// <summary>Carries out a stop, then a start; each clears its flag once done or put back (a start behind a stop put back is put back with it).</summary>
        private void ApplyEdges(ref bool start, ref bool stop, ref string id, long now)
        {
            if (stop && state.OpenSession != 0)
            {
                if (interval.CutAtEdge(now, RecordFlags.SessionEnd, out long end))
                {
                    state.OpenSession = 0;
                    interval.OpenAt(end, now);
                    interval.CheckInvariant();
                    SaveEdge();
                }
                else
                {
                    // A start told meanwhile (the next car) waits behind the held stop.
                    requests.Requeue(start, id, true);
                    start = false;
                    id = null;
                }
            }

            stop = false;
            uint number = state.SessionCounter + 1;
            if (start && state.OpenSession == 0)
            {
                if (id != null)
                {
                    uint lowestNeeded = requests.LowestSessionNeeded;
                    if (!Ids.HasRoom(lowestNeeded))
                    {
                        // Refused at the console unless the room went between its check and now:
                        // the session does not start rather than go out under a generated id.
                        start = false;
                        id = null;
                    }
                    else
                    {
                        Ids.Add(number, id, lowestNeeded);
                        idFloorSeq = 0;
                    }
                }
            }

            if (start && state.OpenSession == 0)
            {
                if (interval.CutAtEdge(now, RecordFlags.None, out long end))
                {
                    state.SessionCounter = number;
                    state.OpenSession = number;
                    interval.OpenAt(end, now);
                    interval.CheckInvariant();
                    SaveEdge();
                }
                else
                {
                    requests.Requeue(true, id, false);
                }
            }

            start = false;
        }

        /// <summary>
        /// Saves the state after an edge. An edge whose record waits for the ring is saved if the flash
        /// takes it; if not, the last checkpoint still holds all the energy open and the edge is learnt
        /// again at boot.
        /// </summary>
        private void SaveEdge()
        {
            if (interval.Held.Count == 0) saver.Save();
            else saver.TrySave();
        }

        /// <summary>Finds the lowest session that may still have a record not acknowledged (when the floor moved) and whether a caller id fits.</summary>
        public void UpdateIdRoom()
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
            requests.SetIdRoom(lowest, Ids.HasRoom(lowest));
        }
    }
}
