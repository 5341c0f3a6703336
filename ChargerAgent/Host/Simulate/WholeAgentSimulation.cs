using System;
using System.Collections.Generic;
using System.Linq;
using ChargerAgent.Core;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Host.Upload;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Flash;
using ChargerAgent.Simulation.Meters;
using ChargerAgent.Simulation.Report;
using SimFaultKind = ChargerAgent.Simulation.Faults.FaultKind;
using SimFaultPlan = ChargerAgent.Simulation.Faults.FaultPlan;

namespace ChargerAgent.Host.Simulate;

/// <summary>
/// The whole agent on simulated time: the same <see cref="AgentRuntime"/> the firmware runs, on a
/// simulated LittleFS flash that loses power at random writes, a simulated meter that knows the
/// true energy, a clock that must be synced and can jump, a network that goes away, and the local
/// endpoint (in process) with its faults. One tick a simulated second; a seed replays a run.
/// </summary>
internal sealed class WholeAgentSimulation
{
    /// <summary>Start of every run: 2024-02-28T22:00:00Z, so the first days cross a leap day and a month end.</summary>
    public const long StartUnixSeconds = 1709157600;

    private const int ImpulsesPerKwh = 1000;
    private const int CheckpointStepWh = 20;
    private const string DeviceId = "sim-charger-1";

    // A noise burst on the S0 line discards the pulses of the samples it spans, real ones included.
    private const long NoiseDiscardSeconds = 10;
    private static readonly PowerLimit Limit = new(230, 32, 3);

    private readonly SimulationSettings settings;
    private readonly SimFaultPlan plan;
    private readonly ChargingDriver driver;
    private readonly Random world;
    private readonly SimulatedClock clock = new(StartUnixSeconds);
    private readonly SimulatedMeter meter = new(register: true, initialWh: 1_234_567);
    private readonly SimulatedRegisterMeter register;
    private readonly SimulatedPulseCounter pulses;
    private readonly FakeFlash flash;
    private readonly System.IO.StreamWriter traceFile;
    private readonly FlashTraceRecorder trace;
    private bool booted;
    private readonly FlatpeakEndpoint endpoint;
    private readonly SimulationReport report;
    private readonly long initialTrueWh;

    private readonly UploadOptions externalApi;
    private HttpClientTransport externalTransport;
    private AgentRuntime runtime;
    private SimulatedNetworkTransport network;
    private long nowSeconds;
    private long syncAtMonotonicMs;
    private long lastSyncSeconds;
    private bool networkUp = true;
    private bool charging;
    private bool cutArmed;
    private long cutDeadlineSeconds;
    private long cutDowntimeSeconds;
    private long stormsKey = -1;
    private readonly long[] activeUntil = new long[Enum.GetValues<SimFaultKind>().Length];
    private long glitches;
    private long duplicatesLostResponse, duplicatesAfterRestart, duplicatesRepeatedAck;

    public WholeAgentSimulation(SimulationSettings settings)
    {
        this.settings = settings;
        plan = SimFaultPlan.Create(settings.Seed, settings.Days, settings.Faults, settings.OnlyFault);
        driver = new ChargingDriver(settings.Seed, settings.Days * 86400L, kwhPerDay: settings.KwhPerDay);
        world = new Random(SimulationSeedParts.World(settings.Seed));
        register = new SimulatedRegisterMeter(meter, clock);
        pulses = new SimulatedPulseCounter(meter, ImpulsesPerKwh);
        flash = new FakeFlash(SimulationSeedParts.Flash(settings.Seed));
        if (settings.FlashTrace != null)
        {
            try
            {
                traceFile = new System.IO.StreamWriter(settings.FlashTrace);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw new ChargerAgent.Host.Run.UsageException("--flash-trace: cannot write " + settings.FlashTrace + ": " + e.Message);
            }

            trace = new FlashTraceRecorder(flash, traceFile, () => nowSeconds, settings.FlashTraceData);
        }
        endpoint = new FlatpeakEndpoint(new EndpointOptions
        {
            UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(clock.TrueMs),
            Faults = new EndpointFaultPlan(EndpointFaultProfile.None, SimulationSeedParts.Endpoint(settings.Seed)),
        });
        initialTrueWh = meter.TrueWh;
        if (settings.ApiUrl != null)
        {
            // A real account: records go with non_persistent=true, a live key is refused, and only
            // the faults the agent itself controls are injected (no server-side storms).
            externalApi = ChargerAgent.Host.Run.Credentials.FromEnvironment(settings.ApiUrl, DeviceId);
            externalApi.NonPersistent = true;
            if (externalApi.ApiKey != null && externalApi.ApiKey.StartsWith("sk_live_", StringComparison.Ordinal))
            {
                throw new ChargerAgent.Host.Run.UsageException("simulate refuses a live key (sk_live_…): use a test key (sk_test_…)");
            }

            externalApi.Validate();
        }
        report = new SimulationReport
        {
            Seed = settings.Seed,
            Days = settings.Days,
            Faults = settings.Faults.ToString().ToLowerInvariant(),
            Meter = settings.PulseMeter ? "s0" : "sdm630",
            Sessions = driver.Count,
        };
    }

    /// <summary>Runs the whole plan and the quiet drain period; <paramref name="progress"/> gets the fraction done.</summary>
    public SimulationReport Run(Action<double> progress = null)
    {
        long faultySeconds = settings.Days * 86400L;
        long total = faultySeconds + SimFaultPlan.QuietSeconds;
        Boot();
        int nextFault = 0;
        for (nowSeconds = 0; nowSeconds < total; nowSeconds++)
        {
            while (nextFault < plan.Faults.Count && plan.Faults[nextFault].AtSeconds <= nowSeconds)
            {
                Fault fault = plan.Faults[nextFault++];
                // An instant fault whose moment fell while the board was down did not happen to it:
                // a meter swapped while the agent is off leaves the old meter's last watt-hours
                // unknowable, which no agent can account for (the README says so).
                if (fault.AtSeconds < nowSeconds && fault.DurationSeconds == 0) continue;
                StartFault(fault);
            }

            SetNetwork(!IsActive(SimFaultKind.NetworkOutage));
            if (externalApi == null) SetStorms();
            // Simulated time stands still while a real request is in flight.
            if (externalTransport != null && externalTransport.IsBusy) externalTransport.WaitForResult(60000);
            DriveCharger(total);
            Advance(1000);
            SyncClock();
            Tick();
            report.LargestBacklog = Math.Max(report.LargestBacklog, runtime.Agent.Status.Backlog);
            if (progress != null && nowSeconds % 86400 == 0) progress((double)nowSeconds / total);
        }

        progress?.Invoke(1);
        Finish();
        traceFile?.Dispose();
        return report;
    }

    private void Advance(long ms)
    {
        clock.Advance(ms);
        meter.Advance(ms);
    }

    private void StartFault(Fault fault)
    {
        int k = (int)fault.Kind;
        activeUntil[k] = Math.Max(activeUntil[k], fault.AtSeconds + fault.DurationSeconds);
        switch (fault.Kind)
        {
            case SimFaultKind.PowerCut:
                if (cutArmed) break;
                cutArmed = true;
                flash.CutAfterOperations = flash.Counters.Operations + world.Next(0, 4);
                cutDeadlineSeconds = nowSeconds + 120;
                cutDowntimeSeconds = Math.Max(1, fault.DurationSeconds);
                break;
            case SimFaultKind.CleanReboot:
                runtime.Agent.RequestReboot();
                break;
            case SimFaultKind.ClockJump:
                if (clock.Synced)
                {
                    clock.Jump(fault.ClockJumpSeconds * 1000);
                    report.ClockJumps++;
                }

                break;
            case SimFaultKind.MeterGlitch:
                glitches++;
                if (settings.PulseMeter) pulses.AddNoise(50_000);
                else register.Glitch();
                break;
            case SimFaultKind.MeterReplacement:
                // Installers swap a meter with the charger off: no energy flows while it is done.
                if (!settings.PulseMeter && !charging) register.Replace(world.Next(0, 1000));
                break;
            case SimFaultKind.ExpiredTokenStorm:
                if (externalApi == null) endpoint.ExpireAllTokens();
                break;
        }
    }

    private bool IsActive(SimFaultKind kind) => nowSeconds < activeUntil[(int)kind];

    private void SetNetwork(bool up)
    {
        if (up == networkUp) return;
        networkUp = up;
        network.Up = up;
        runtime.SetNetworkUp(up);
    }

    private void SetStorms()
    {
        bool serverErrors = IsActive(SimFaultKind.ServerErrorStorm);
        bool rateLimits = IsActive(SimFaultKind.RateLimitStorm);
        bool expired = IsActive(SimFaultKind.ExpiredTokenStorm);
        bool forbidden = IsActive(SimFaultKind.ForbiddenStorm);
        bool lost = IsActive(SimFaultKind.LostResponses);
        long key = (serverErrors ? 1 : 0) | (rateLimits ? 2 : 0) | (expired ? 4 : 0) | (forbidden ? 8 : 0) | (lost ? 16 : 0);
        if (key == stormsKey) return;
        stormsKey = key;
        var faults = endpoint.Faults;
        faults.SetProbability(EndpointFault.ServerError, serverErrors ? 0.9 : 0);
        faults.SetProbability(EndpointFault.RateLimited, rateLimits ? 0.8 : 0);
        faults.SetProbability(EndpointFault.TokenExpired, forbidden ? 1.0 : expired ? 0.2 : 0);
        faults.SetProbability(EndpointFault.ResponseLost, lost ? 0.3 : 0);
    }

    private void DriveCharger(long totalSeconds)
    {
        bool wantCharging = driver.Charging(nowSeconds, out int powerW);
        // The last three hours the charger is switched off, so every watt-hour is in a closed record.
        meter.PowerW = nowSeconds >= totalSeconds - 3 * 3600 ? 0 : powerW;
        if (wantCharging != charging)
        {
            charging = wantCharging;
            runtime.Agent.SetSessionSignal(charging);
        }
    }

    private void SyncClock()
    {
        if (!networkUp) return;
        if (!clock.Synced && clock.MonotonicMilliseconds >= syncAtMonotonicMs)
        {
            clock.Sync();
            lastSyncSeconds = nowSeconds;
        }
        else if (clock.Synced && nowSeconds - lastSyncSeconds >= 3600)
        {
            // SNTP answers again every hour and corrects any jump.
            clock.Sync();
            lastSyncSeconds = nowSeconds;
        }
    }

    private void Tick()
    {
        try
        {
            runtime.Tick();
        }
        catch (PowerCutException)
        {
            // The board died in the middle of a write: handled below.
        }

        if (flash.IsCut || (cutArmed && nowSeconds >= cutDeadlineSeconds))
        {
            PowerCut();
        }
        else if (runtime.Agent.RebootRequested)
        {
            report.Reboots++;
            Down(world.Next(3, 30));
        }
    }

    private void PowerCut()
    {
        report.PowerCuts++;
        report.Reboots++;
        cutArmed = false;
        Down(cutDowntimeSeconds);
    }

    private void Down(long seconds)
    {
        network.Powered = false;
        CollectCounters();
        report.DowntimeS += seconds;
        for (long i = 0; i < seconds && nowSeconds + 1 < settings.Days * 86400L + SimFaultPlan.QuietSeconds; i++)
        {
            nowSeconds++;
            DriveChargerWhileDown();
            Advance(1000);
        }

        Boot();
    }

    private void DriveChargerWhileDown()
    {
        // The car keeps charging while the agent's board is down; the signal edge is seen after boot.
        driver.Charging(nowSeconds, out int powerW);
        meter.PowerW = powerW;
    }

    private void Boot()
    {
        clock.Reboot();
        pulses.Restart();
        flash.PowerOn();
        CheckFileBudgets();
        if (booted) trace?.PowerCut();
        booted = true;
        syncAtMonotonicMs = world.Next(5, 90) * 1000L;
        IHttpTransport inner;
        if (externalApi != null)
        {
            externalTransport?.Dispose();
            externalTransport = new HttpClientTransport(settings.CaFile);
            inner = externalTransport;
        }
        else
        {
            inner = new InMemoryTransport(endpoint, new InMemoryTransportOptions { NowMilliseconds = () => clock.TrueMs, LatencyMilliseconds = 150 });
        }

        network = new SimulatedNetworkTransport(inner) { Up = networkUp };
        IEnergySource source = settings.PulseMeter
            ? new S0EnergySource(pulses, clock, ImpulsesPerKwh, Limit, 0)
            : new ChargerAgent.Core.Metering.Plausibility.PlausibilityFilter(register,
                new ChargerAgent.Core.Metering.Plausibility.PlausibilityOptions(Limit));
        var agentOptions = new AgentOptions
        {
            DeviceId = DeviceId,
            MaxPowerW = (int)Limit.MaxPowerW,
            PulseCheckpointStepWh = CheckpointStepWh,
        };
        UploadOptions uploadOptions = externalApi ?? new UploadOptions
        {
            BaseUrl = "https://flatpeak.invalid",
            AccountId = EndpointAccount.LocalTest.AccountId,
            ApiKey = EndpointAccount.LocalTest.ApiKey,
            LocationId = "loc_simulated",
            ReferenceDeviceId = DeviceId,
            RandomSeed = world.Next(),
        };
        uploadOptions.RandomSeed = world.Next();
        runtime = new AgentRuntime(agentOptions, uploadOptions, new RingOptions(), clock, source, (IFileStore)trace ?? flash, network,
            new SystemRandomSource(world.Next()));
        runtime.SetNetworkUp(networkUp);
        charging = false;
    }

    /// <summary>
    /// The byte budgets of the files on flash (SPEC.md, "Byte budgets"): the ring's 96 KB (plus its
    /// one spare segment while a new one is written), and each small file's MaxFileBytes; all files
    /// together at most 160 KB.
    /// </summary>
    private void CheckFileBudgets()
    {
        long ring = 0, total = 0;
        var sizes = new System.Collections.Generic.Dictionary<string, long>();
        foreach (string name in flash.List())
        {
            long length = Math.Max(0, flash.Length(name));
            total += length;
            string kind = SegmentFormat.TryParseName(name, out _, out _) ? "ring" : name;
            if (kind == "ring") ring += length;
            else sizes[kind] = length;
        }

        sizes["ring"] = ring;
        foreach (var pair in sizes)
        {
            report.LargestFileBytes[pair.Key] = Math.Max(report.LargestFileBytes.GetValueOrDefault(pair.Key), pair.Value);
        }

        report.LargestFlashBytes = Math.Max(report.LargestFlashBytes, total);
    }

    private void CheckFileBudgetsAtEnd()
    {
        var budgets = new System.Collections.Generic.Dictionary<string, long>
        {
            ["ring"] = RingOptions.DefaultTotalBytes + SegmentFormat.DefaultSegmentBytes,
            [ChargerAgent.Core.Time.BootEpochLog.FileName] = ChargerAgent.Core.Time.BootEpochLog.MaxFileBytes,
            [ChargerAgent.Core.Sessions.SessionIdFile.FileName] = ChargerAgent.Core.Sessions.SessionIdFile.MaxFileBytes,
            [CostStore.FileName] = CostStore.MaxFileBytes,
            [SideRecords.FileName] = SideRecords.MaxFileBytes,
        };
        foreach (var pair in budgets)
        {
            long seen = report.LargestFileBytes.GetValueOrDefault(pair.Key);
            if (seen > pair.Value) report.Violations.Add($"{pair.Key} reached {seen} bytes, above its budget of {pair.Value}");
        }

        if (report.LargestFlashBytes > 160 * 1024) report.Violations.Add($"the files on flash reached {report.LargestFlashBytes} bytes, above 160 KB");
    }

    private void CollectCounters()
    {
        if (runtime?.Uploader == null) return;
        UploadCounters c = runtime.Uploader.Counters;
        report.EstimatedTimeRecords += c.EstimatedEpochRecords;
        report.UnverifiedAcknowledgements += c.UnverifiedAcknowledgements;
        report.ForeignAnswers += c.ForeignAnswers;
        report.SessionChecksGivenUp += c.SessionChecksGivenUp;
        duplicatesLostResponse += c.ResentAfterLostResponse;
        duplicatesAfterRestart += c.ResentAfterRestart;
        duplicatesRepeatedAck += c.RepeatedAcknowledgements;
    }

    private void Finish()
    {
        CollectCounters();
        Checkpoint state = runtime.Agent.State;
        long metered = meter.TrueWh - initialTrueWh;
        StoredRecord[] stored = externalApi != null ? Array.Empty<StoredRecord>() : endpoint.Ledger.Records().OrderBy(r => r.Start).ThenBy(r => r.End).ToArray();
        report.MeteredWh = metered;
        report.RecordedWh = (long)state.RecordedWh;
        report.DeliveredWh = endpoint.Ledger.TotalWh;
        if (externalApi != null)
        {
            // The account's own store is not readable here (and non_persistent records are not
            // kept): delivered is what the API acknowledged, all of it once SentUpTo covers every Seq.
            bool allAcknowledged = runtime.Watermarks.SentUpTo >= state.NextSeq - 1 && runtime.Agent.Status.Quarantined == 0 && runtime.Agent.Status.SetAside == 0;
            report.DeliveredWh = allAcknowledged ? report.RecordedWh : -1;
            if (!allAcknowledged) report.Violations.Add("not every record was acknowledged by " + settings.ApiUrl);
            externalTransport?.Dispose();
        }
        report.Records = state.NextSeq - 1;
        report.DeliveredRecords = externalApi != null ? (report.DeliveredWh >= 0 ? report.Records : 0) : stored.Length;
        report.UnaccountedWh = metered - report.RecordedWh;
        report.UnaccountedBoundWh = settings.PulseMeter
            ? CheckpointStepWh * report.PowerCuts + Limit.MaxPowerW * report.DowntimeS / 3600 + report.Reboots + 1
                + glitches * Limit.MaxPowerW * NoiseDiscardSeconds / 3600
            : (long)state.UnaccountedWhBound; // register meter: only the unseen time around a replaced meter
        report.Duplicates = endpoint.Ledger.Duplicates;
        report.DuplicatesByCause["lost_response"] = duplicatesLostResponse;
        report.DuplicatesByCause["resent_after_restart"] = duplicatesAfterRestart;
        report.DuplicatesByCause["repeated_acknowledgement"] = duplicatesRepeatedAck;
        report.Quarantined = runtime.Agent.Status.Quarantined;

        if (state.Violations > 0) report.Violations.Add($"the agent counted {state.Violations} accounting violation(s)");
        if (report.DeliveredWh != report.RecordedWh) report.Violations.Add($"delivered {report.DeliveredWh} Wh != recorded {report.RecordedWh} Wh");
        if (!settings.PulseMeter && report.UnaccountedWh > report.UnaccountedBoundWh)
            report.Violations.Add($"register meter: metered {metered} Wh != recorded {report.RecordedWh} Wh beyond the {report.UnaccountedBoundWh} Wh unseen around replaced meters");
        if (report.UnaccountedWh < 0) report.Violations.Add($"recorded {report.RecordedWh} Wh is more than metered {metered} Wh");
        if (report.UnaccountedWh > report.UnaccountedBoundWh && settings.PulseMeter)
            report.Violations.Add($"unaccounted {report.UnaccountedWh} Wh above the bound {report.UnaccountedBoundWh} Wh");
        if (endpoint.Ledger.ConflictingDuplicates > 0) report.Violations.Add($"{endpoint.Ledger.ConflictingDuplicates} reference id(s) sent with different content");
        CheckFileBudgets();
        CheckFileBudgetsAtEnd();
        if (runtime.Agent.Status.Backlog > 0) report.Violations.Add($"{runtime.Agent.Status.Backlog} record(s) still waiting after the drain period");
        if (report.Quarantined > 0) report.Violations.Add($"{report.Quarantined} record(s) quarantined");
        for (int i = 0; i < stored.Length; i++)
        {
            if (stored[i].End <= stored[i].Start) report.Violations.Add($"{stored[i].RecordReferenceId}: empty or negative period");
            if (i > 0 && stored[i].Start < stored[i - 1].End)
            {
                report.Violations.Add($"{stored[i - 1].RecordReferenceId} ({stored[i - 1].StartText}..{stored[i - 1].EndText}) overlaps {stored[i].RecordReferenceId} ({stored[i].StartText}..{stored[i].EndText})");
            }
        }
    }
}
