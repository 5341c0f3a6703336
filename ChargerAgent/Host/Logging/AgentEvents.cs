using System.Globalization;
using ChargerAgent.Core;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Watchdog;
using Microsoft.Extensions.Logging;

namespace ChargerAgent.Host.Logging;

/// <summary>
/// The log lines of a running agent, derived from its status snapshot and upload counters after
/// each tick (the core stays as it is on the board): every upload failure (retried), meter fault,
/// clock sync, session edge, the reason the previous run ended, and a periodic summary. Repeated
/// kinds go through <see cref="RateLimitedLog"/>. Every line is built from status fields that
/// never hold a secret.
/// </summary>
internal sealed class AgentEvents
{
    private const long RepeatWindowMs = 60_000;
    private readonly ILogger logger;
    private readonly RateLimitedLog repeated;
    private readonly long summaryIntervalMs;
    private Agent agent;
    private AgentStatus status;
    private Uploader uploader;
    private bool clockTrusted;
    private int clockJumps;
    private const long MeterFaultAfterMs = 5000;
    private bool meterAnswered;
    private bool meterFaultLogged;
    private long meterFaultSinceMs = -1;
    private long nextMeterReminderMs;
    private uint session;
    private int failures;
    private int failuresSinceSuccess;
    private int acknowledged;
    private bool credentialsRejected;
    private bool paused;
    private int quarantined;
    private bool ringNearlyFull;
    private bool ringFull;
    private uint violations;
    private long nextSummaryMs;
    private long dayStartWh = -1;
    private long day = -1;
    private string daySince;

    /// <summary>Lines go to <paramref name="logger"/>; a summary every <paramref name="summaryIntervalMs"/> of real time.</summary>
    public AgentEvents(ILogger logger, long summaryIntervalMs)
    {
        this.logger = logger;
        repeated = new RateLimitedLog(logger, RepeatWindowMs);
        this.summaryIntervalMs = summaryIntervalMs;
    }

    /// <summary>Starts watching a (new) agent: logs how the previous run ended.</summary>
    public void Attach(Agent agent, AgentStatus status, Uploader uploader, string stateDirectory, int ringCount, long nowMs)
    {
        this.agent = agent;
        this.status = status;
        this.uploader = uploader;
        // A new agent has not learnt the time yet (the status still shows the last one's until its first tick).
        clockTrusted = false;
        clockJumps = agent.ClockJumps;
        meterAnswered = false;
        meterFaultLogged = false;
        meterFaultSinceMs = -1;
        session = status.Recording.Session;
        failures = uploader == null ? 0 : Failures(uploader.Counters);
        acknowledged = uploader == null ? 0 : uploader.Counters.Acknowledged;
        quarantined = status.Delivery.Quarantined;
        violations = status.Recording.Violations;
        nextSummaryMs = nowMs + summaryIntervalMs;
        byte reason = agent.PreviousRebootReason;
        logger.Line(LogLevel.Information, string.Format(CultureInfo.InvariantCulture,
            "started: state in {0}, ring holds {1} record(s), boot {2}", stateDirectory, ringCount, agent.Boot));
        bool firstStart = agent.Boot == 1;
        logger.Line(reason == RebootReason.PowerLossOrUnknown && !firstStart ? LogLevel.Warning : LogLevel.Information,
            firstStart ? "first start on this state directory" : "previous run ended: " + RebootReasons.Name(reason));
    }

    /// <summary>Called after every tick with the real monotonic time in ms.</summary>
    public void Observe(long nowMs)
    {
        Clock(status);
        Meter(status, nowMs);
        Sessions(status);
        Uploads(status, nowMs);
        Storage(status);
        TrackDay(status);
        repeated.Flush(nowMs);
        if (summaryIntervalMs > 0 && nowMs >= nextSummaryMs)
        {
            nextSummaryMs = nowMs + summaryIntervalMs;
            logger.Line(LogLevel.Information, Summary(status));
        }
    }

    /// <summary>A line about the service itself (signals, reloads).</summary>
    public void Note(LogLevel level, string message) => logger.Line(level, message);

    /// <summary>The one-line summary: backlog, last upload, energy today, meter.</summary>
    public string Summary(AgentStatus status)
    {
        string lastUpload = status.Delivery.LastUploadAt == 0
            ? "none yet"
            : "record " + status.Delivery.LastUploadedSeq.ToString(CultureInfo.InvariantCulture) + " at " + Rfc3339.Format(status.Delivery.LastUploadAt)
                + " (" + StatusReport.Money(status.Delivery.LastUploadCostMinor, status.Delivery.Currency) + ")";
        string energy = dayStartWh < 0 ? "not known yet" : StatusReport.KilowattHours(status.Recording.MeterTotalWh - dayStartWh) + daySince;
        return string.Format(CultureInfo.InvariantCulture, "summary: backlog {0} record(s), last upload {1}, energy today {2}, meter {3}{4}",
            status.Delivery.Backlog, lastUpload, energy, status.Recording.MeterHealth == MeterHealth.Ok ? "ok" : status.Recording.MeterProblem ?? "not read yet",
            status.Recording.Session == 0 ? string.Empty : ", session #" + status.Recording.Session.ToString(CultureInfo.InvariantCulture) + " open");
    }

    private void Clock(AgentStatus status)
    {
        if (status.Recording.ClockTrusted && !clockTrusted) logger.Line(LogLevel.Information, "clock synced: " + Rfc3339.Format(status.Recording.UtcNow));
        if (!status.Recording.ClockTrusted && clockTrusted) logger.Line(LogLevel.Warning, "clock no longer trusted (the system clock stepped or is before 2024): records keep the boot's own time until it is");
        clockTrusted = status.Recording.ClockTrusted;
        int jumps = agent.ClockJumps;
        if (jumps > clockJumps) logger.Line(LogLevel.Warning, "clock jumped (" + jumps.ToString(CultureInfo.InvariantCulture) + " jump(s) this run): intervals follow the new time");
        clockJumps = jumps;
    }

    private void Meter(AgentStatus status, long nowMs)
    {
        // A single rejected reading (the plausibility filter waiting for confirmation) is not a
        // fault worth a line: a fault is logged once the meter stays unhealthy for a while.
        MeterHealth health = status.Recording.MeterHealth;
        if (health == MeterHealth.Unknown) return;
        if (health == MeterHealth.Ok)
        {
            if (!meterAnswered || meterFaultLogged)
            {
                logger.Line(meterFaultLogged ? LogLevel.Warning : LogLevel.Information,
                    (meterFaultLogged ? "meter answers again: " : "meter answers: ") + StatusReport.KilowattHours(status.Recording.MeterTotalWh));
            }

            meterAnswered = true;
            meterFaultLogged = false;
            meterFaultSinceMs = -1;
            return;
        }

        if (meterFaultSinceMs < 0) meterFaultSinceMs = nowMs;
        if (nowMs - meterFaultSinceMs < MeterFaultAfterMs) return;
        string problem = status.Recording.MeterProblem ?? health.ToString();
        if (!meterFaultLogged)
        {
            meterFaultLogged = true;
            nextMeterReminderMs = nowMs + RepeatWindowMs;
            logger.Line(LogLevel.Warning, "meter fault: " + problem + "; no energy is lost, it is counted once the meter answers");
        }
        else if (nowMs >= nextMeterReminderMs)
        {
            nextMeterReminderMs = nowMs + RepeatWindowMs;
            logger.Line(LogLevel.Warning, "meter fault for " + ((nowMs - meterFaultSinceMs) / 1000).ToString(CultureInfo.InvariantCulture) + " s: " + problem);
        }
    }

    private void Sessions(AgentStatus status)
    {
        if (status.Recording.Session == session) return;
        if (session != 0) logger.Line(LogLevel.Information, "session #" + session.ToString(CultureInfo.InvariantCulture) + " ended");
        if (status.Recording.Session != 0) logger.Line(LogLevel.Information, "session #" + status.Recording.Session.ToString(CultureInfo.InvariantCulture) + " started");
        session = status.Recording.Session;
    }

    private void Uploads(AgentStatus status, long nowMs)
    {
        if (uploader == null) return;
        UploadCounters counters = uploader.Counters;
        int nowFailures = Failures(counters);
        if (nowFailures > failures)
        {
            failuresSinceSuccess += nowFailures - failures;
            // Held back per error: the same failure repeating through an outage is one line a minute, a new one shows at once.
            string error = status.Delivery.LastUploadError ?? status.Delivery.UploadState ?? "no answer";
            repeated.Write("upload failed: " + error, LogLevel.Warning, "upload failed: " + error
                + "; retrying (backlog " + status.Delivery.Backlog.ToString(CultureInfo.InvariantCulture) + ")", nowMs);
        }

        failures = nowFailures;
        if (counters.Acknowledged > acknowledged)
        {
            if (failuresSinceSuccess > 0)
            {
                logger.Line(LogLevel.Information, "uploading again after " + failuresSinceSuccess.ToString(CultureInfo.InvariantCulture) + " failed attempt(s)");
                failuresSinceSuccess = 0;
            }

            repeated.Write("uploaded", LogLevel.Information, string.Format(CultureInfo.InvariantCulture, "uploaded record {0}: cost {1}; backlog {2}",
                status.Delivery.LastUploadedSeq, StatusReport.Money(status.Delivery.LastUploadCostMinor, status.Delivery.Currency), status.Delivery.Backlog), nowMs);
        }

        acknowledged = counters.Acknowledged;
        if (status.Delivery.CredentialsRejected && !credentialsRejected)
        {
            logger.Line(LogLevel.Error, "the API rejected the credentials: check flatpeak.account_id and flatpeak.api_key (or " + "FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY)");
        }

        credentialsRejected = status.Delivery.CredentialsRejected;
        if (status.Delivery.UploadPausedByConfigurationFault && !paused) logger.Line(LogLevel.Error, "uploading paused: the API rejects the records as invalid (check the configuration)");
        paused = status.Delivery.UploadPausedByConfigurationFault;
        if (status.Delivery.Quarantined > quarantined) logger.Line(LogLevel.Warning, status.Delivery.Quarantined.ToString(CultureInfo.InvariantCulture) + " record(s) quarantined (rejected as invalid, kept; quarantine resend queues them again)");
        quarantined = status.Delivery.Quarantined;
    }

    private void Storage(AgentStatus status)
    {
        if (status.Recording.RingFull && !ringFull) logger.Line(LogLevel.Error, "the ring is full: energy waits in the open interval until records are uploaded");
        else if (status.Delivery.RingNearlyFull && !ringNearlyFull && !status.Recording.RingFull) logger.Line(LogLevel.Warning, "the ring is nearly full: records are not being uploaded fast enough");
        ringFull = status.Recording.RingFull;
        ringNearlyFull = status.Delivery.RingNearlyFull;
        if (status.Recording.Violations > violations) logger.Line(LogLevel.Error, "accounting violation counted (" + status.Recording.Violations.ToString(CultureInfo.InvariantCulture) + " this run): see status");
        violations = status.Recording.Violations;
    }

    private void TrackDay(AgentStatus status)
    {
        if (status.Recording.MeterHealth != MeterHealth.Ok || !status.Recording.ClockTrusted) return;
        long today = status.Recording.UtcNow / 86400;
        if (today != day)
        {
            // The first day counts from the start of the run, and says so.
            daySince = day < 0 ? " (since " + Rfc3339.Format(status.Recording.UtcNow).Substring(11, 5) + " UTC)" : string.Empty;
            day = today;
            dayStartWh = status.Recording.MeterTotalWh;
        }
    }

    private static int Failures(UploadCounters counters) =>
        counters.TransientFailures + counters.Timeouts + counters.RateLimited + counters.CredentialRefusals + counters.SlowRetries;
}
