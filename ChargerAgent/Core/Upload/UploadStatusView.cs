using System;
using ChargerAgent.Core.Status;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// What the status and the console show of the upload: the queue's state as text, the last
    /// error (redacted), the last acknowledged record and its cost, and the last session's cost as
    /// the API answered it. It only keeps what the queue tells it; nothing here decides what is sent.
    /// </summary>
    public sealed class UploadStatusView
    {
        /// <summary>What the status says when the transport could not start for lack of memory.</summary>
        public const string OutOfMemory = "out of memory";

        private QueueState state = QueueState.Starting;
        private string registrationText;
        private uint lastUploadedSeq;
        private long lastUploadAt;
        private long lastCostMicros;
        private string currency;
        private uint shownSession;
        private long shownServerMicros;
        private bool shownServerAvailable;
        private string shownServerState;

        /// <summary>The last error, already redacted, or null.</summary>
        public string Error { get; set; }

        /// <summary>True when the last request could not start for lack of memory (the status says so above any state).</summary>
        public bool StartOutOfMemory { get; set; }

        /// <summary>The session whose cost is shown, 0 for none.</summary>
        public uint ShownSession
        {
            get { return shownSession; }
        }

        /// <summary>The queue's state is now <paramref name="queueState"/>; for <see cref="QueueState.RegisteringDevice"/>, <paramref name="registration"/> says which step.</summary>
        public void SetState(QueueState queueState, string registration)
        {
            state = queueState;
            registrationText = registration;
        }

        /// <summary>The queue's state is now <paramref name="queueState"/>.</summary>
        public void SetState(QueueState queueState)
        {
            SetState(queueState, null);
        }

        /// <summary>Records ending at <paramref name="lastSeq"/> were acknowledged with <paramref name="costMicros"/>, in <paramref name="answerCurrency"/> when it is not null.</summary>
        public void Acknowledged(uint lastSeq, long costMicros, string answerCurrency)
        {
            if (lastSeq > lastUploadedSeq) lastUploadedSeq = lastSeq;
            lastCostMicros = costMicros;
            if (answerCurrency != null) currency = answerCurrency;
        }

        /// <summary>The last acknowledgement happened at <paramref name="unixSeconds"/> (UTC).</summary>
        public void UploadedAt(long unixSeconds)
        {
            lastUploadAt = unixSeconds;
        }

        /// <summary>Shows <paramref name="session"/> with the API's cost (<paramref name="serverAvailable"/>) or as not available.</summary>
        public void ShowSession(uint session, bool serverAvailable, long serverMicros)
        {
            shownSession = session;
            shownServerAvailable = serverAvailable;
            shownServerMicros = serverMicros;
            shownServerState = serverAvailable ? "answered" : "not available";
        }

        /// <summary>Shows <paramref name="session"/> as not available, in state <paramref name="serverState"/> (e.g. "pending", "given up").</summary>
        public void ShowSession(uint session, string serverState)
        {
            ShowSession(session, false, 0);
            shownServerState = serverState;
        }

        /// <summary>Copies what this view shows into <paramref name="status"/>; the session's own sum comes from <paramref name="costs"/>.</summary>
        public void Fill(DeliveryStatus status, CostStore costs)
        {
            if (status == null) throw new ArgumentNullException(nameof(status));
            status.LastUploadedSeq = lastUploadedSeq;
            status.LastUploadAt = lastUploadAt;
            status.LastUploadCostMinor = lastCostMicros >= 0 ? (lastCostMicros + 5000) / 10000 : (lastCostMicros - 5000) / 10000;
            status.Currency = currency;
            status.LastUploadError = Error;
            status.UploadState = StartOutOfMemory ? OutOfMemory : Text(state, registrationText);
            status.LastSessionNumber = shownSession;
            if (shownSession != 0)
            {
                status.LastSessionCostMicros = costs.SessionSum(shownSession, out int records, out int unknown);
                status.LastSessionCostRecords = records - unknown;
            }

            status.LastSessionServerCostAvailable = shownServerAvailable;
            status.LastSessionServerCostMicros = shownServerMicros;
            status.LastSessionServerCostState = shownServerState;
        }

        /// <summary>The status text of <paramref name="state"/>.</summary>
        public static string Text(QueueState state, string registration)
        {
            switch (state)
            {
                case QueueState.Starting: return "starting";
                case QueueState.Idle: return "idle";
                case QueueState.LoggingIn: return "logging in";
                case QueueState.Sending: return "sending";
                case QueueState.ResendingSetAside: return "re-sending a set-aside record";
                case QueueState.WaitingForClock: return "waiting for clock";
                case QueueState.BackingOff: return "backing off";
                case QueueState.BackingOffCredentialsRejected: return "credentials rejected: backing off";
                case QueueState.NetworkDown: return "network down";
                case QueueState.PausedByConfigurationFault: return "paused: configuration fault";
                case QueueState.WaitingAfter422: return "waiting (422): retry in 15 minutes";
                case QueueState.RegisteringDevice: return registration;
                case QueueState.ReadingPrices: return "reading prices";
                default: return "asking the session cost";
            }
        }
    }
}
