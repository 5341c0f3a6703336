namespace ChargerAgent.Core.Sessions
{
    /// <summary>
    /// Session starts and stops asked for between ticks (the console's thread, the input signal),
    /// held until the agent's next tick takes them; and whether a caller id would still fit in the
    /// session id file, as the agent last found. Thread-safe: every member takes one lock.
    /// </summary>
    public sealed class SessionRequests
    {
        private readonly object gate = new object();
        private bool start;
        private string startId;
        private bool stop;
        private bool idRoom = true;
        private uint lowestSessionNeeded;

        /// <summary>An edge of the charge controller's signal: rising asks for a start, falling for a stop.</summary>
        public void Signal(bool charging)
        {
            lock (gate)
            {
                if (charging)
                {
                    start = true;
                    startId = null;
                }
                else
                {
                    stop = true;
                    start = false;
                }
            }
        }

        /// <summary>Asks for a start under <paramref name="callerId"/> (null: a generated id); false with the reason when refused.</summary>
        /// <param name="callerId">The caller's id, already checked for its form, or null.</param>
        /// <param name="sessionOpen">True while a session is open.</param>
        /// <param name="keptEntries">How many caller ids the session id file keeps, for the refusal.</param>
        /// <param name="problem">Why the start was refused, or null.</param>
        public bool TryStart(string callerId, bool sessionOpen, int keptEntries, out string problem)
        {
            problem = null;
            lock (gate)
            {
                if (start) problem = "a session start is already waiting";
                else if (callerId != null && !idRoom)
                {
                    problem = keptEntries + " sessions with caller ids still wait for upload: start without an id, or once they are sent";
                }
                else if (sessionOpen && !stop) problem = "a session is open";
                else
                {
                    start = true;
                    startId = callerId;
                }
            }

            return problem == null;
        }

        /// <summary>Asks for the open session to stop (or withdraws a start still waiting); false with the reason when there is nothing to stop.</summary>
        public bool TryStop(bool sessionOpen, out string problem)
        {
            problem = null;
            lock (gate)
            {
                if (!sessionOpen && !start) problem = "no session is open";
                else if (start) start = false;
                else stop = true;
            }

            return problem == null;
        }

        /// <summary>Takes every request waiting (they are then cleared).</summary>
        public void Take(out bool wantStart, out bool wantStop, out string id)
        {
            lock (gate)
            {
                wantStart = start;
                wantStop = stop;
                id = startId;
                start = false;
                stop = false;
                startId = null;
            }
        }

        /// <summary>Puts back requests the tick could not carry out (the ring was full).</summary>
        public void Requeue(bool wantStart, string id, bool wantStop)
        {
            lock (gate)
            {
                start |= wantStart;
                if (wantStart) startId = id;
                stop |= wantStop;
            }
        }

        /// <summary>The lowest session whose caller id must be kept, as last found.</summary>
        public uint LowestSessionNeeded
        {
            get
            {
                lock (gate)
                {
                    return lowestSessionNeeded;
                }
            }
        }

        /// <summary>Notes the lowest session whose caller id must be kept and whether one more id fits.</summary>
        public void SetIdRoom(uint lowest, bool room)
        {
            lock (gate)
            {
                lowestSessionNeeded = lowest;
                idRoom = room;
            }
        }
    }
}
