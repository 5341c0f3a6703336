using System;
using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace ChargerAgent.Host.Service;

/// <summary>
/// Tells systemd (<c>Type=notify</c>) that the agent is ready, stopping, and alive: the watchdog is
/// kicked from the agent loop, at half of <c>WatchdogSec</c>, so a loop that hangs gets the service
/// restarted. Does nothing when not started by systemd (no <c>NOTIFY_SOCKET</c>).
/// </summary>
internal sealed class SystemdNotify
{
    private readonly SystemdNotifier notifier = new();
    private readonly long watchdogIntervalMs;
    private long nextKickMs;

    public SystemdNotify()
    {
        string usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        string pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        bool forUs = string.IsNullOrEmpty(pid) || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        watchdogIntervalMs = forUs && long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long micros) && micros > 0
            ? Math.Max(1, micros / 2000)
            : 0;
    }

    /// <summary>True when systemd listens (the unit is <c>Type=notify</c>).</summary>
    public bool Enabled => notifier.IsEnabled;

    /// <summary>Milliseconds between watchdog kicks, 0 when the unit has no <c>WatchdogSec</c>.</summary>
    public long WatchdogIntervalMs => watchdogIntervalMs;

    /// <summary>Start-up is done: the agent runs and its console listens.</summary>
    public void Ready(string status) => Send("READY=1\nSTATUS=" + status);

    /// <summary>A one-line status shown by <c>systemctl status</c>.</summary>
    public void Status(string status) => Send("STATUS=" + status);

    /// <summary>Reloading the configuration (SIGHUP); <see cref="Ready"/> follows.</summary>
    public void Reloading() => Send("RELOADING=1");

    /// <summary>Stopping: the state is being saved.</summary>
    public void Stopping() => Send("STOPPING=1");

    /// <summary>Called every loop turn; kicks the watchdog when it is due.</summary>
    public void Alive(long nowMs)
    {
        if (watchdogIntervalMs == 0 || nowMs < nextKickMs) return;
        nextKickMs = nowMs + watchdogIntervalMs;
        Send("WATCHDOG=1");
    }

    private void Send(string message)
    {
        if (notifier.IsEnabled) notifier.Notify(new ServiceState(message));
    }
}
