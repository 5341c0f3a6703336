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
    public void Attach(Agent agent, Uploader uploader, string stateDirectory, int ringCount, long nowMs)
    {
        this.agent = agent;
        this.uploader = uploader;
        AgentStatus status = agent.Status;
        clockTrusted = status.ClockTrusted;
        clockJumps = agent.ClockJumps;
        meterAnswered = false;
        meterFaultLogged = false;
        meterFaultSinceMs = -1;
        session = status.Session;
        failures = uploader == null ? 0 : Failures(uploader.Counters);
        acknowledged = uploader == null ? 0 : uploader.Counters.Acknowledged;
        quarantined = status.Quarantined;
        violations = status.Violations;
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
        AgentStatus status = agent.Status;
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
        string lastUpload = status.LastUploadAt == 0
            ? "none yet"
            : "record " + status.LastUploadedSeq.ToString(CultureInfo.InvariantCulture) + " at " + Rfc3339.Format(status.LastUploadAt)
                + " (" + StatusReport.Money(status.LastUploadCostMinor, status.Currency) + ")";
        string energy = dayStartWh < 0 ? "not known yet" : StatusReport.KilowattHours(status.MeterTotalWh - dayStartWh) + daySince;
        return string.Format(CultureInfo.InvariantCulture, "summary: backlog {0} record(s), last upload {1}, energy today {2}, meter {3}{4}",
            status.Backlog, lastUpload, energy, status.MeterHealth == MeterHealth.Ok ? "ok" : status.MeterProblem ?? "not read yet",
            status.Session == 0 ? string.Empty : ", session #" + status.Session.ToString(CultureInfo.InvariantCulture) + " open");
    }

    private void Clock(AgentStatus status)
    {
        if (status.ClockTrusted && !clockTrusted) logger.Line(LogLevel.Information, "clock synced: " + Rfc3339.Format(status.UtcNow));
        if (!status.ClockTrusted && clockTrusted) logger.Line(LogLevel.Warning, "clock no longer trusted (system clock before 2024)");
        clockTrusted = status.ClockTrusted;
        int jumps = agent.ClockJumps;
        if (jumps > clockJumps) logger.Line(LogLevel.Warning, "clock jumped (" + jumps.ToString(CultureInfo.InvariantCulture) + " jump(s) this run): intervals follow the new time");
        clockJumps = jumps;
    }

    private void Meter(AgentStatus status, long nowMs)
    {
        // A single rejected reading (the plausibility filter waiting for confirmation) is not a
        // fault worth a line: a fault is logged once the meter stays unhealthy for a while.
        MeterHealth health = status.MeterHealth;
        if (health == MeterHealth.Unknown) return;
        if (health == MeterHealth.Ok)
        {
            if (!meterAnswered || meterFaultLogged)
            {
                logger.Line(meterFaultLogged ? LogLevel.Warning : LogLevel.Information,
                    (meterFaultLogged ? "meter answers again: " : "meter answers: ") + StatusReport.KilowattHours(status.MeterTotalWh));
            }

            meterAnswered = true;
            meterFaultLogged = false;
            meterFaultSinceMs = -1;
            return;
        }

        if (meterFaultSinceMs < 0) meterFaultSinceMs = nowMs;
        if (nowMs - meterFaultSinceMs < MeterFaultAfterMs) return;
        string problem = status.MeterProblem ?? health.ToString();
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
        if (status.Session == session) return;
        if (session != 0) logger.Line(LogLevel.Information, "session #" + session.ToString(CultureInfo.InvariantCulture) + " ended");
        if (status.Session != 0) logger.Line(LogLevel.Information, "session #" + status.Session.ToString(CultureInfo.InvariantCulture) + " started");
        session = status.Session;
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
            string error = status.LastUploadError ?? status.UploadState ?? "no answer";
            repeated.Write("upload failed: " + error, LogLevel.Warning, "upload failed: " + error
                + "; retrying (backlog " + status.Backlog.ToString(CultureInfo.InvariantCulture) + ")", nowMs);
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
                status.LastUploadedSeq, StatusReport.Money(status.LastUploadCostMinor, status.Currency), status.Backlog), nowMs);
        }

        acknowledged = counters.Acknowledged;
        if (status.CredentialsRejected && !credentialsRejected)
        {
            logger.Line(LogLevel.Error, "the API rejected the credentials: check flatpeak.account_id and flatpeak.api_key (or " + "FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY)");
        }

        credentialsRejected = status.CredentialsRejected;
        if (status.UploadPausedByConfigurationFault && !paused) logger.Line(LogLevel.Error, "uploading paused: the API rejects the records as invalid (check the configuration)");
        paused = status.UploadPausedByConfigurationFault;
        if (status.Quarantined > quarantined) logger.Line(LogLevel.Warning, status.Quarantined.ToString(CultureInfo.InvariantCulture) + " record(s) quarantined (rejected as invalid, kept; quarantine resend queues them again)");
        quarantined = status.Quarantined;
    }

    private void Storage(AgentStatus status)
    {
        if (status.RingFull && !ringFull) logger.Line(LogLevel.Error, "the ring is full: energy waits in the open interval until records are uploaded");
        else if (status.RingNearlyFull && !ringNearlyFull && !status.RingFull) logger.Line(LogLevel.Warning, "the ring is nearly full: records are not being uploaded fast enough");
        ringFull = status.RingFull;
        ringNearlyFull = status.RingNearlyFull;
        if (status.Violations > violations) logger.Line(LogLevel.Error, "accounting violation counted (" + status.Violations.ToString(CultureInfo.InvariantCulture) + " this run): see status");
        violations = status.Violations;
    }

    private void TrackDay(AgentStatus status)
    {
        if (status.MeterHealth != MeterHealth.Ok || !status.ClockTrusted) return;
        long today = status.UtcNow / 86400;
        if (today != day)
        {
            // The first day counts from the start of the run, and says so.
            daySince = day < 0 ? " (since " + Rfc3339.Format(status.UtcNow).Substring(11, 5) + " UTC)" : string.Empty;
            day = today;
            dayStartWh = status.MeterTotalWh;
        }
    }

    private static int Failures(UploadCounters counters) =>
        counters.TransientFailures + counters.Timeouts + counters.RateLimited + counters.CredentialRefusals + counters.SlowRetries;
}
