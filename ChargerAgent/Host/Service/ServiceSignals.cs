using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace ChargerAgent.Host.Service;

/// <summary>
/// SIGTERM, SIGINT and SIGQUIT ask for a clean stop (the state is saved, then the process exits 0);
/// SIGHUP asks to reload the configuration file. Handled through the runtime's POSIX signal
/// registration, so they work whatever stdin is (a terminal, a pipe, /dev/null under systemd).
/// </summary>
internal sealed class ServiceSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private int reloads;

    public ServiceSignals()
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Reload),
        ];
    }

    /// <summary>Cancelled once a stop signal arrived.</summary>
    public CancellationToken Stopping => stop.Token;

    /// <summary>The name of the signal that asked for the stop, or null.</summary>
    public string StopSignal { get; private set; }

    /// <summary>True once per SIGHUP received since the last call.</summary>
    public bool TakeReload() => Interlocked.Exchange(ref reloads, 0) > 0;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in registrations) registration.Dispose();
        stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        StopSignal ??= context.Signal.ToString();
        stop.Cancel();
    }

    private void Reload(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.Increment(ref reloads);
    }
}
