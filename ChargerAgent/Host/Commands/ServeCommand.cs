using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.Hosting;
using ChargerAgent.Host.Run;

namespace ChargerAgent.Host.Commands;

/// <summary>
/// <c>serve</c>: runs the local Flatpeak-compatible endpoint over HTTPS on 127.0.0.1 with a generated
/// certificate, optional faults, until Ctrl-C.
/// </summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 5443 };
        var certOut = new Option<string>("--cert-out") { Description = "write the endpoint's CA certificate (PEM) here, for --ca-file" };
        var faults = new Option<string>("--faults") { Description = "fault profile: none, mild or harsh", DefaultValueFactory = _ => "none" };
        var seed = new Option<int>("--seed") { Description = "seed of the random faults", DefaultValueFactory = _ => 1 };
        var command = new Command("serve", "Run a local Flatpeak-compatible endpoint over HTTPS (for tests and demos).");
        command.Options.Add(port);
        command.Options.Add(certOut);
        command.Options.Add(faults);
        command.Options.Add(seed);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(port),
            parseResult.GetValue(certOut),
            parseResult.GetValue(faults),
            parseResult.GetValue(seed),
            Console.Out));
        return command;
    }

    /// <summary>Runs the endpoint until Ctrl-C (or SIGTERM); returns the exit code.</summary>
    public static int Run(int port, string certOut, string faultProfile, int seed, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop))
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop))
        {
            return Run(port, certOut, faultProfile, seed, output, stop.Token);
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>Runs the endpoint until <paramref name="stop"/> is cancelled; returns the exit code.</summary>
    public static int Run(int port, string certOut, string faultProfile, int seed, TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!EndpointFaultPlan.TryParseProfile(faultProfile, out EndpointFaultProfile profile))
        {
            output.WriteLine("serve: --faults must be none, mild or harsh");
            return ExitCodes.Usage;
        }

        if (port is < 0 or > 65535)
        {
            output.WriteLine("serve: --port must be 0 to 65535");
            return ExitCodes.Usage;
        }

        var endpoint = new FlatpeakEndpoint(new EndpointOptions { Faults = new EndpointFaultPlan(profile, seed) });
        EndpointServer server;
        try
        {
            server = EndpointServer.StartAsync(endpoint, new EndpointServerOptions { Port = port }).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            output.WriteLine($"serve: cannot listen on 127.0.0.1:{port}: {e.Message} (pass another --port, or 0 for a free one)");
            return ExitCodes.Device;
        }

        try
        {
            if (certOut != null)
            {
                try
                {
                    File.WriteAllText(certOut, server.AuthorityPem);
                }
                catch (Exception e) when (StorageErrors.IsStorage(e))
                {
                    output.WriteLine("serve: " + StorageErrors.OutputFile("--cert-out", certOut, e).Message);
                    return ExitCodes.Storage;
                }
            }

            EndpointAccount account = EndpointAccount.LocalTest;
            output.WriteLine($"Flatpeak-compatible endpoint at {server.BaseUrl}");
            output.WriteLine($"  test account: {account.AccountId}   test key (this endpoint only): {account.ApiKey}");
            output.WriteLine(certOut != null
                ? $"  CA certificate written to {certOut}: pass it as --ca-file"
                : "  no --cert-out given: clients cannot verify this endpoint's certificate");
            output.WriteLine($"  faults: {profile.ToString().ToLowerInvariant()}, seed {seed.ToString(CultureInfo.InvariantCulture)}");
            output.WriteLine("  Ctrl-C stops");

            stop.WaitHandle.WaitOne();
            EndpointLedger ledger = endpoint.Ledger;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped: {endpoint.RequestCount} requests, {ledger.Count} records stored ({ledger.TotalWh} Wh, {ledger.TotalCost} {endpoint.Options.Tariff.CurrencyCode}), {ledger.Duplicates} duplicates, {ledger.NonPersistent} non-persistent"));
            return 0;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
