using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChargerAgent.Core.Http;
using ChargerAgent.Core;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Core.Recording;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Core.Watchdog;
using ChargerAgent.Endpoint;
using ChargerAgent.Endpoint.InMemory;
using ChargerAgent.Simulation.Clock;
using ChargerAgent.Simulation.Faults;
using ChargerAgent.Simulation.Flash;
using ChargerAgent.Simulation.Meters;
using ChargerAgent.Simulation.Report;
using SimFaultKind = ChargerAgent.Simulation.Faults.FaultKind;
using SimFaultPlan = ChargerAgent.Simulation.Faults.FaultPlan;

namespace ChargerAgent.Simulation.Whole;

/// <summary>
/// The whole agent on simulated time: the same <see cref="AgentRuntime"/> the firmware runs, on a
/// <see cref="SimulatedBoard"/> whose flash loses power at random writes, fills up and fails reads, a
/// simulated meter that knows the true energy and can stop answering, a clock that must be synced
/// and can step, a network that goes away (for up to 120 days), and the local endpoint (in
/// process) with its faults. One tick a simulated second; a seed replays a run. At the end the
/// records the endpoint stored are checked against what really happened (<see cref="TrueHistory"/>).
/// </summary>
public sealed class WholeAgentSimulation
{
    /// <summary>Start of every run: 2024-02-28T22:00:00Z, so the first days cross a leap day and a month end.</summary>
    public const long StartUnixSeconds = 1709157600;

    /// <summary>The device id the simulated board reports.</summary>
    public const string DeviceId = "sim-charger-1";

    private const int ImpulsesPerKwh = 1000;
    private const int CheckpointStepWh = 20;

    // A noise burst on the S0 line discards the pulses of the samples it spans, real ones included.
    private const long NoiseDiscardSeconds = 10;

    // The firmware's loop: this many faults at its edge within the window reboot the board (Program.cs).
    private const int LoopMaxFaults = 5;
    private const long LoopFaultWindowMs = 600000;

    private static readonly PowerLimit Limit = new(230, 32, 3);

    private readonly SimulationSettings settings;
    private readonly SimFaultPlan plan;
    private readonly ChargingDriver driver;
    private readonly Random world;
    private readonly SimulatedBoard board;
    private readonly SimulatedClock clock;
    private readonly SimulatedMeter meter = new(register: true, initialWh: 1_234_567);
    private readonly SimulatedRegisterMeter register;
    private readonly SimulatedPulseCounter pulses;
    private readonly FakeFlash flash;
    private readonly StreamWriter traceFile;
    private readonly FlashTraceRecorder trace;
    private readonly FlatpeakEndpoint endpoint;
    private readonly SimulationReport report;
    private readonly long initialTrueWh;
    private readonly RingOptions ringOptions;
    private readonly FileBudgets budgets;
    private readonly TrueHistory truth = new();
    private readonly IExternalApi externalApi;
    private readonly long endSeconds;
    private readonly long[] activeUntil = new long[Enum.GetValues<SimFaultKind>().Length];

    private bool booted;
    private IHttpTransport externalTransport;
    private AgentRuntime runtime;
    private SimulatedNetworkTransport network;
    private FaultCounter loopFaults;
    private long nowSeconds;
    private long syncAtMonotonicMs;
    private long lastSyncSeconds;
    private bool networkUp = true;
    private bool charging;
    private bool signalTold;
    private bool cutArmed;
    private long cutDeadlineSeconds;
    private long cutDowntimeSeconds;
    private long absentFrom = -1;
    private long stormsKey = -1;
    private long glitchWindowsWh;
    private long duplicatesLostResponse, duplicatesAfterRestart, duplicatesRepeatedAck;
    private long bootStartSeconds;
    private uint bootFirstSeq = 1;
    private bool bootSynced;
    private long lastKnownTimeSeconds;
    private bool unknownTimePending;
    private long clockStepFrom = -1, clockStepUntil, clockStepSeconds;
    private long readGapFrom = -1;
    private bool noiseInReadGap;
    private bool replacementUnseen;
    private long lastMeterReadSeconds;
    private long flashFullFrom = -1;
    private long unsavedFrom = -1;
    private long checkpointSaves;
    private long checkpointSavedAt = -1;
    private long lostWhileFlashFull;
    private long lostWhileUnread;
    private long bootUpFromSeconds;
    private long previousTrueWh;

    /// <summary>Builds the run of <paramref name="settings"/>; nothing runs until <see cref="Run"/>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the flash trace file cannot be written.</exception>
    public WholeAgentSimulation(SimulationSettings settings)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        ringOptions = new RingOptions { TotalBytes = settings.EffectiveRingKilobytes * 1024 };
        ringOptions.Validate();
        bool smallRing = ringOptions.TotalBytes < RingOptions.DefaultTotalBytes;
        plan = SimFaultPlan.Create(settings.Seed, settings.Days, settings.Faults, settings.OnlyFault, smallRing);
        endSeconds = settings.Days * 86400L + SimFaultPlan.QuietSeconds;
        driver = new ChargingDriver(settings.Seed, settings.Days * 86400L, kwhPerDay: settings.KwhPerDay, longSessions: settings.Faults == FaultLevel.Harsh);
        world = new Random(SimulationSeedParts.World(settings.Seed));
        board = new SimulatedBoard(StartUnixSeconds, SimulationSeedParts.Flash(settings.Seed));
        clock = board.Clock;
        flash = board.Flash;
        register = new SimulatedRegisterMeter(meter, clock);
        pulses = new SimulatedPulseCounter(meter, ImpulsesPerKwh);
        budgets = new FileBudgets(ringOptions, new UploadOptions().MaxSideRecords);
        flash.LengthChanged = budgets.Changed;
        if (settings.FlashTrace != null)
        {
            try
            {
                traceFile = new StreamWriter(settings.FlashTrace);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ArgumentException("--flash-trace: cannot write " + settings.FlashTrace + ": " + e.Message);
            }

            trace = new FlashTraceRecorder(flash, traceFile, () => nowSeconds, settings.FlashTraceData);
        }

        endpoint = new FlatpeakEndpoint(new EndpointOptions
        {
            UtcNow = () => DateTimeOffset.FromUnixTimeMilliseconds(clock.TrueMs),
            Faults = new EndpointFaultPlan(EndpointFaultProfile.None, SimulationSeedParts.Endpoint(settings.Seed)),
        });
        initialTrueWh = meter.TrueWh;
        previousTrueWh = initialTrueWh;
        externalApi = settings.ExternalApi;
        report = new SimulationReport
        {
            Seed = settings.Seed,
            Days = settings.Days,
            Faults = settings.Faults.ToString().ToLowerInvariant(),
            Meter = settings.PulseMeter ? "s0" : "sdm630",
            Sessions = driver.Count,
            RingKilobytes = settings.EffectiveRingKilobytes,
        };
        foreach (Fault fault in plan.Faults) report.FaultsPlanned[fault.Kind.ToString()] = report.FaultsPlanned.GetValueOrDefault(fault.Kind.ToString()) + 1;
    }

    /// <summary>Runs the whole plan and the quiet drain period; <paramref name="progress"/> gets the fraction done.</summary>
    public SimulationReport Run(Action<double> progress = null)
    {
        Boot();
        int nextFault = 0;
        for (nowSeconds = 0; nowSeconds < endSeconds; nowSeconds++)
        {
            while (nextFault < plan.Faults.Count && plan.Faults[nextFault].AtSeconds <= nowSeconds)
            {
                Fault fault = plan.Faults[nextFault++];
                // An instant fault whose moment fell while the board was down did not happen to it:
                // a meter swapped while the agent is off leaves the old meter's last watt-hours
                // unknowable, which no agent can account for (the README says so).
                if (fault.AtSeconds < nowSeconds && IsInstant(fault.Kind)) continue;
                StartFault(fault);
            }

            SetNetwork(!IsActive(SimFaultKind.NetworkOutage) && !IsActive(SimFaultKind.LongOffline));
            if (externalApi == null) SetStorms();
            SetHardwareFaults();
            // Simulated time stands still while a real request is in flight.
            if (externalTransport != null && externalTransport.IsBusy) externalApi.WaitForResult(externalTransport, 60000);
            DriveCharger();
            Advance();
            SyncClock();
            Tick();
            report.LargestBacklog = Math.Max(report.LargestBacklog, runtime.Status.Delivery.Backlog);
            if (nowSeconds % 60 == 0) SampleLiveEntries();
            if (progress != null && nowSeconds % 86400 == 0) progress((double)nowSeconds / endSeconds);
        }

        progress?.Invoke(1);
        Finish();
        traceFile?.Dispose();
        return report;
    }

    private static bool IsInstant(SimFaultKind kind) => kind is SimFaultKind.CleanReboot or SimFaultKind.ClockJump or SimFaultKind.MeterGlitch
        or SimFaultKind.MeterReplacement or SimFaultKind.CutUntilCarLeaves;

    private void Advance()
    {
        clock.Advance(1000);
        meter.Advance(1000);
        long trueWh = meter.TrueWh;
        if (replacementUnseen) report.TrueUnseenWh += trueWh - previousTrueWh;
        previousTrueWh = trueWh;
        truth.Add(trueWh - initialTrueWh);
    }

    private void StartFault(Fault fault)
    {
        int k = (int)fault.Kind;
        activeUntil[k] = Math.Max(activeUntil[k], fault.AtSeconds + fault.DurationSeconds);
        report.FaultsInjected[fault.Kind.ToString()] = report.FaultsInjected.GetValueOrDefault(fault.Kind.ToString()) + 1;
        switch (fault.Kind)
        {
            case SimFaultKind.PowerCut:
                ArmCut(Math.Max(1, fault.DurationSeconds));
                break;
            case SimFaultKind.CutUntilCarLeaves:
                int session = driver.SessionAt(nowSeconds);
                if (session >= 0 && driver.Sessions[session].End < endSeconds) ArmCut(driver.Sessions[session].End - nowSeconds + world.Next(60, 3600));
                break;
            case SimFaultKind.CleanReboot:
                runtime.Agent.RequestReboot();
                break;
            case SimFaultKind.ClockJump:
                if (clock.Synced && clockStepFrom < 0)
                {
                    clock.Jump(fault.ClockJumpSeconds * 1000);
                    report.ClockJumps++;
                    clockStepFrom = nowSeconds;
                    clockStepSeconds = fault.ClockJumpSeconds;
                    clockStepUntil = nowSeconds + Math.Max(1, fault.DurationSeconds);
                }

                break;
            case SimFaultKind.MeterGlitch:
                report.Glitches++;
                if (settings.PulseMeter)
                {
                    pulses.AddNoise(50_000);
                    glitchWindowsWh += truth.Between(nowSeconds - NoiseDiscardSeconds, nowSeconds) + Limit.MaxPowerW * NoiseDiscardSeconds / 3600 + 1;
                    // Noise on a counter that cannot be read is mixed into all it counts until the next read: that rise is dropped whole.
                    if (readGapFrom >= 0) noiseInReadGap = true;
                }
                else
                {
                    register.Glitch();
                }

                break;
            case SimFaultKind.MeterReplacement:
                // The meter is swapped, a car charging or not: the energy between the old meter's
                // last read and the new one's first is unseen (counted as it flows).
                if (!settings.PulseMeter)
                {
                    // A meter that stopped answering before the swap takes what it counted since
                    // the agent's last read with it.
                    report.TrueUnseenWh += truth.Between(lastMeterReadSeconds + 1, nowSeconds);
                    register.Replace(world.Next(0, 1000));
                    replacementUnseen = true;
                    report.MeterReplacements++;
                    if (charging) report.MeterReplacementsWhileCharging++;
                }

                break;
            case SimFaultKind.FlashFull:
                flash.CapacityBytes = flash.CurrentBytes + world.Next(0, 256);
                if (flashFullFrom < 0) flashFullFrom = nowSeconds;
                break;
            case SimFaultKind.FlashReadErrors:
                // Half of them come with a brownout: the board restarts into failing reads.
                if (world.Next(0, 2) == 0) runtime.Agent.RequestReboot();
                break;
            case SimFaultKind.ExpiredTokenStorm:
                if (externalApi == null) endpoint.ExpireAllTokens();
                break;
        }
    }

    private void ArmCut(long downtimeSeconds)
    {
        if (cutArmed) return;
        cutArmed = true;
        board.CutAt(1 + world.Next(0, 4));
        cutDeadlineSeconds = nowSeconds + 120;
        cutDowntimeSeconds = downtimeSeconds;
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
        bool noPrice = IsActive(SimFaultKind.NoPriceDataStorm);
        bool late = IsActive(SimFaultKind.DeadlineStorm);
        bool refused = IsActive(SimFaultKind.RefusedStorm);
        long key = (serverErrors ? 1 : 0) | (rateLimits ? 2 : 0) | (expired ? 4 : 0) | (forbidden ? 8 : 0) | (lost ? 16 : 0)
            | (noPrice ? 32 : 0) | (late ? 64 : 0) | (refused ? 128 : 0);
        if (key == stormsKey) return;
        stormsKey = key;
        var faults = endpoint.Faults;
        faults.SetProbability(EndpointFault.ServerError, serverErrors ? 0.9 : 0);
        faults.SetProbability(EndpointFault.RateLimited, rateLimits ? 0.8 : 0);
        faults.SetProbability(EndpointFault.TokenExpired, forbidden ? 1.0 : expired ? 0.2 : 0);
        faults.SetProbability(EndpointFault.ResponseLost, lost ? 0.3 : 0);
        faults.SetProbability(EndpointFault.NoPriceData, noPrice ? 0.5 : 0);
        faults.SetProbability(EndpointFault.Delayed, late ? 0.5 : 0);
        faults.SetProbability(EndpointFault.Refused, refused ? 0.7 : 0);
    }

    private void SetHardwareFaults()
    {
        bool failing = IsActive(SimFaultKind.MeterReadFailure);
        if (failing != meter.Failing)
        {
            meter.Failing = failing;
            pulses.Failing = failing;
            if (failing) readGapFrom = nowSeconds;
            else CloseReadGap();
        }

        flash.ReadsFail = IsActive(SimFaultKind.FlashReadErrors);
        if (flash.CapacityBytes != null && !IsActive(SimFaultKind.FlashFull))
        {
            flash.CapacityBytes = null;
            // The agent retries a refused write once a minute: what it held waits up to that long more.
            Refused(flashFullFrom, nowSeconds + 1 + OpenInterval.WriteRetryMs / 1000);
        }
        // The agent saves again within a checkpoint step once there is room: a minute later
        // nothing counted while the flash was full is at risk any more.
        if (flashFullFrom >= 0 && flash.CapacityBytes == null && nowSeconds >= activeUntil[(int)SimFaultKind.FlashFull] + 60) flashFullFrom = -1;
        if (clockStepFrom >= 0 && nowSeconds >= clockStepUntil && networkUp)
        {
            // SNTP answers again and corrects the step: not before the network is up, so the wall
            // clock stays wrong (and the step open) through an outage.
            clock.Sync();
            lastSyncSeconds = nowSeconds;
            CloseClockStep();
        }
    }

    private void CloseReadGap()
    {
        if (readGapFrom < 0) return;
        if (noiseInReadGap) glitchWindowsWh += truth.Between(Math.Max(readGapFrom, bootUpFromSeconds), nowSeconds + 1);
        noiseInReadGap = false;
        truth.ReadGaps.Add(new Span(readGapFrom, nowSeconds + 1));
        readGapFrom = -1;
    }

    private void CloseClockStep()
    {
        if (clockStepFrom < 0) return;
        truth.ClockSteps.Add((new Span(clockStepFrom, nowSeconds + 1), clockStepSeconds));
        clockStepFrom = -1;
    }

    private void DriveCharger()
    {
        bool wantCharging = driver.Charging(nowSeconds, out int powerW);
        // The last three hours the charger is switched off, so every watt-hour is in a closed record.
        meter.PowerW = nowSeconds >= endSeconds - 3 * 3600 ? 0 : powerW;
        if (wantCharging != charging || !signalTold)
        {
            // A board reads the level of the charge controller's signal at boot, then its edges.
            charging = wantCharging;
            runtime.Agent.SetSessionSignal(charging);
            // Until the agent has recovered it may not act on the level: it is told again each second.
            signalTold = runtime.Agent.IsRecovered;
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
        else if (clock.Synced && clockStepFrom < 0 && nowSeconds - lastSyncSeconds >= 3600)
        {
            // SNTP answers again every hour (a step waits for its own correction, above).
            clock.Sync();
            lastSyncSeconds = nowSeconds;
        }
    }

    private void Tick()
    {
        bool completed = true;
        try
        {
            runtime.Tick();
        }
        catch (PowerCutException)
        {
            // The board died in the middle of a write: handled below. Nothing of this tick counts.
            if (absentFrom < 0) absentFrom = nowSeconds;
            completed = false;
        }
        catch (IOException e)
        {
            // The firmware's loop catches it, counts it and goes on; a storm of them reboots.
            report.LoopFaults++;
            if (report.FirstLoopFault == null) report.FirstLoopFault = e.Message;
            if (loopFaults.Record(clock.MonotonicMilliseconds)) runtime.Agent.RequestReboot(RebootReason.RepeatedFaults);
            completed = false;
        }

        if (runtime.Agent.CheckpointSaves != checkpointSaves)
        {
            checkpointSaves = runtime.Agent.CheckpointSaves;
            checkpointSavedAt = nowSeconds;
        }

        if (flash.IsCut)
        {
            // The cut tore a write the agent caught as a flash error: its tick finished, but what it
            // learnt (a session's edge) was lost with the write, so the absence starts at this tick.
            if (absentFrom < 0) absentFrom = nowSeconds;
            completed = false;
        }

        if (completed && !bootSynced && clock.Synced && runtime.Agent.IsRecovered) LearntTime();
        if (completed && absentFrom >= 0 && runtime.Agent.IsRecovered)
        {
            // The first tick the recovered agent finished after a downtime: what the signal did in
            // between, the agent learnt now.
            truth.Absences.Add(new Span(absentFrom, nowSeconds + 1));
            if (unsavedFrom >= 0) truth.Unsaved.Add(new Span(unsavedFrom, nowSeconds + 1));
            unsavedFrom = -1;
            HoldRefusalsOver(absentFrom, nowSeconds + 1);
            absentFrom = -1;
        }

        if (!meter.Failing && runtime.Agent.IsRecovered) lastMeterReadSeconds = nowSeconds;
        if (!meter.Failing && replacementUnseen && runtime.Agent.IsRecovered) replacementUnseen = false;
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

    /// <summary>
    /// The boot learnt the time: a tick of the recovered agent finished with SNTP's answer. An answer
    /// whose tick a cut tore taught it nothing (nothing of that tick was kept), nor one that came
    /// before the meter answered (the agent takes the time in only once recovered).
    /// </summary>
    private void LearntTime()
    {
        if (unknownTimePending)
        {
            truth.UnknownTime.Add(new Span(lastKnownTimeSeconds, nowSeconds + 1));
            unknownTimePending = false;
        }

        bootSynced = true;
    }

    private void PowerCut()
    {
        report.PowerCuts++;
        report.Reboots++;
        cutArmed = false;
        if (flashFullFrom >= 0 && settings.PulseMeter) lostWhileFlashFull += truth.Between(flashFullFrom, nowSeconds + 1);
        // What the agent learnt while the flash was full, after its last checkpoint, is lost with the cut.
        if (flashFullFrom >= 0 && unsavedFrom < 0) unsavedFrom = Math.Max(flashFullFrom, checkpointSavedAt + 1);
        Down(cutDowntimeSeconds);
    }

    private void Down(long seconds)
    {
        network.Powered = false;
        // An S0 counter that could not be read takes what it counted since its last read with it (it restarts at 0).
        if (settings.PulseMeter && readGapFrom >= 0) lostWhileUnread += truth.Between(Math.Max(readGapFrom, bootUpFromSeconds), nowSeconds + 1);
        noiseInReadGap = false;
        CollectCounters();
        NoteBootSeqs();
        // A read gap stays open over the downtime while the meter keeps failing (SetHardwareFaults closes it).
        CloseClockStep();
        if (!bootSynced) unknownTimePending = true;
        else lastKnownTimeSeconds = nowSeconds;
        if (absentFrom < 0) absentFrom = nowSeconds + 1;
        while (true)
        {
            long from = nowSeconds + 1;
            for (long i = 0; i < seconds && nowSeconds + 1 < endSeconds; i++)
            {
                nowSeconds++;
                // The car keeps charging (or stops) while the board is down; the signal is read at boot.
                driver.Charging(nowSeconds, out int powerW);
                meter.PowerW = powerW;
                SetHardwareFaults();
                Advance();
            }

            if (nowSeconds + 1 >= endSeconds)
            {
                // The run ends: the board comes back on healthy flash to drain nothing more.
                flash.ReadsFail = false;
                flash.CapacityBytes = null;
            }

            report.DowntimeS += nowSeconds + 1 - from;
            if (nowSeconds + 1 > from) truth.Downtimes.Add(new Span(from, nowSeconds + 1));
            if (TryBoot()) return;
            report.BootFailures++;
            seconds = world.Next(5, 30);
        }
    }

    private void Boot()
    {
        if (!TryBoot()) throw new InvalidOperationException("the first boot failed on an empty flash");
    }

    private bool TryBoot()
    {
        board.PowerOn();
        pulses.Restart();
        if (booted) trace?.PowerCut();
        // The board counts from the second after its downtime (the first boot from the run's first second).
        bootUpFromSeconds = booted ? nowSeconds + 1 : 0;
        booted = true;
        bootStartSeconds = nowSeconds;
        bootSynced = false;
        syncAtMonotonicMs = world.Next(5, 90) * 1000L;
        IHttpTransport inner;
        if (externalApi != null)
        {
            (externalTransport as IDisposable)?.Dispose();
            externalTransport = externalApi.Connect();
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
        UploadOptions uploadOptions = externalApi?.Options ?? new UploadOptions
        {
            BaseUrl = "https://flatpeak.invalid",
            AccountId = EndpointAccount.LocalTest.AccountId,
            ApiKey = EndpointAccount.LocalTest.ApiKey,
            LocationId = "loc_simulated",
            ReferenceDeviceId = DeviceId,
            // The confidence is how the endpoint (and the checks) see that a record is estimated.
            SendConfidence = true,
        };
        uploadOptions.RandomSeed = world.Next();
        var random = new SystemRandomSource(world.Next());
        try
        {
            runtime = new AgentRuntime(agentOptions, uploadOptions, ringOptions, clock, source, (IFileStore)trace ?? flash, network, random);
        }
        catch (PowerCutException)
        {
            return false;
        }
        catch (IOException e)
        {
            // A read error or a full flash during recovery: the firmware's boot fails and the watchdog restarts it.
            if (report.FirstLoopFault == null) report.FirstLoopFault = "boot: " + e.Message;
            network.Powered = false;
            return false;
        }

        runtime.SetNetworkUp(networkUp);
        checkpointSaves = runtime.Agent.CheckpointSaves;
        loopFaults = new FaultCounter(LoopMaxFaults, LoopFaultWindowMs);
        signalTold = false;
        return true;
    }

    private void SampleLiveEntries()
    {
        Agent agent = runtime.Agent;
        Live("boot epochs", agent.Epochs.Count, ChargerAgent.Core.Time.BootEpochLog.CompactAtEntries);
        Live("caller session ids", agent.SessionIds.Count, ChargerAgent.Core.Sessions.SessionIdFile.KeptEntries);
        if (runtime.Uploader == null) return;
        Live("side records", runtime.Uploader.Side.Count, runtime.Uploader.Side.Capacity);
        Live("record costs", runtime.Uploader.Costs.Count, CostStore.MaxPendingCosts);
        Live("session costs", runtime.Uploader.Costs.SessionCount, CostStore.MaxSessions);
        if (runtime.Ring.IsFull)
        {
            report.RingFullMinutes++;
            Refused(nowSeconds - 60, nowSeconds + 60);
        }
    }

    /// <summary>
    /// A board cut while its writes were refused lost what it held for them (a session's edge):
    /// it learns again only when the absence ends, so the refusal holds up to then.
    /// </summary>
    private void HoldRefusalsOver(long absenceFrom, long absenceTo)
    {
        List<Span> spans = truth.Refusals;
        for (int i = 0; i < spans.Count; i++)
        {
            if (spans[i].From <= absenceFrom && spans[i].To >= absenceFrom && spans[i].To < absenceTo) spans[i] = new Span(spans[i].From, absenceTo);
        }
    }

    private void Refused(long from, long to)
    {
        List<Span> spans = truth.Refusals;
        if (spans.Count > 0 && spans[^1].To >= from) spans[^1] = new Span(Math.Min(from, spans[^1].From), Math.Max(to, spans[^1].To));
        else spans.Add(new Span(from, to));
    }

    private void Live(string what, long count, long bound)
    {
        report.LargestLiveEntries[what] = Math.Max(report.LargestLiveEntries.GetValueOrDefault(what), count);
        report.LiveEntryBounds[what] = bound;
    }

    private void CollectCounters()
    {
        if (runtime?.Uploader == null) return;
        UploadCounters c = runtime.Uploader.Counters;
        report.EstimatedTimeRecords += c.EstimatedEpochRecords;
        report.UnverifiedAcknowledgements += c.UnverifiedAcknowledgements;
        report.ForeignAnswers += c.ForeignAnswers;
        report.SessionChecksGivenUp += c.SessionChecksGivenUp;
        report.Timeouts += c.Timeouts;
        report.Coalescings += runtime.Ring.Coalescings;
        duplicatesLostResponse += c.ResentAfterLostResponse;
        duplicatesAfterRestart += c.ResentAfterRestart;
        duplicatesRepeatedAck += c.RepeatedAcknowledgements;
    }

    private void NoteBootSeqs()
    {
        uint next = runtime.Agent.State.NextSeq;
        truth.BootSeqs.Add((bootFirstSeq, next, bootSynced));
        bootFirstSeq = next;
    }

    private void Finish()
    {
        CollectCounters();
        NoteBootSeqs();
        CloseReadGap();
        CloseClockStep();
        if (unknownTimePending || !bootSynced) truth.UnknownTime.Add(new Span(unknownTimePending ? lastKnownTimeSeconds : bootStartSeconds, endSeconds));
        report.FlashFullRefusals = flash.FullRefusals;
        report.FlashReadErrors = flash.ReadErrors;
        report.SessionsStoppedWhileDown = driver.Sessions.Count(s => truth.Downtimes.Any(d => s.End >= d.From && s.End < d.To));
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
            bool allAcknowledged = runtime.Watermarks.SentUpTo >= state.NextSeq - 1 && runtime.Status.Delivery.Quarantined == 0 && runtime.Status.Delivery.SetAside == 0;
            report.DeliveredWh = allAcknowledged ? report.RecordedWh : -1;
            if (!allAcknowledged) report.Violations.Add("not every record was acknowledged by " + externalApi.Url);
            (externalTransport as IDisposable)?.Dispose();
        }

        report.Records = state.NextSeq - 1;
        report.DeliveredRecords = externalApi != null ? (report.DeliveredWh >= 0 ? report.Records : 0) : stored.Length;
        report.UnaccountedWh = metered - report.RecordedWh;
        if (settings.PulseMeter)
        {
            // What the board could not count (down, S0 noise discarding real pulses, a counter it could
            // not read when it went down), what a cut took of the pulses counted since the last
            // checkpoint, and a watt-hour a boot for the tick the cut tore.
            report.TrueUnseenWh = truth.Over(truth.Downtimes) + glitchWindowsWh + lostWhileFlashFull + lostWhileUnread;
            report.UnaccountedBoundWh = report.TrueUnseenWh + CheckpointStepWh * report.Reboots + report.Reboots + 1;
        }
        else
        {
            // Register meter: only the energy between a replaced meter's last read and the new one's first.
            report.UnaccountedBoundWh = report.TrueUnseenWh + 2 * report.MeterReplacements;
            report.AgentUnaccountedBoundWh = (long)state.UnaccountedWhBound;
        }

        report.Duplicates = endpoint.Ledger.Duplicates;
        report.DuplicatesByCause["lost_response"] = duplicatesLostResponse;
        report.DuplicatesByCause["resent_after_restart"] = duplicatesAfterRestart;
        report.DuplicatesByCause["repeated_acknowledgement"] = duplicatesRepeatedAck;
        report.Quarantined = runtime.Status.Delivery.Quarantined;

        if (state.Violations > 0) report.Violations.Add($"the agent counted {state.Violations} accounting violation(s)");
        // Delivery is at least once, and each duplicate the endpoint sees has a cause the agent counted (docs/DESIGN.md §3).
        long counted = duplicatesLostResponse + duplicatesAfterRestart + duplicatesRepeatedAck;
        if (externalApi == null && report.Duplicates > counted) report.Violations.Add($"{report.Duplicates} duplicates at the endpoint, {counted} with a cause the agent counted");
        if (report.DeliveredWh != report.RecordedWh) report.Violations.Add($"delivered {report.DeliveredWh} Wh != recorded {report.RecordedWh} Wh");
        if (report.UnaccountedWh < 0) report.Violations.Add($"recorded {report.RecordedWh} Wh is more than metered {metered} Wh");
        if (report.UnaccountedWh > report.UnaccountedBoundWh)
        {
            report.Violations.Add($"unaccounted {report.UnaccountedWh} Wh above the {report.UnaccountedBoundWh} Wh the agent could not see");
        }

        if (endpoint.Ledger.ConflictingDuplicates > 0) report.Violations.Add($"{endpoint.Ledger.ConflictingDuplicates} reference id(s) sent with different content");
        budgets.Report(report);
        foreach (var pair in report.LargestLiveEntries)
        {
            if (pair.Value > report.LiveEntryBounds[pair.Key]) report.Violations.Add($"{pair.Value} {pair.Key} held in memory, above the bound of {report.LiveEntryBounds[pair.Key]}");
        }

        if (runtime.Status.Delivery.Backlog > 0) report.Violations.Add($"{runtime.Status.Delivery.Backlog} record(s) still waiting after the drain period");
        if (report.Quarantined > 0) report.Violations.Add($"{report.Quarantined} record(s) quarantined");
        for (int i = 0; i < stored.Length; i++)
        {
            if (stored[i].End <= stored[i].Start) report.Violations.Add($"{stored[i].RecordReferenceId}: empty or negative period");
            if (i > 0 && stored[i].Start < stored[i - 1].End)
            {
                report.Violations.Add($"{stored[i - 1].RecordReferenceId} ({stored[i - 1].StartText}..{stored[i - 1].EndText}) overlaps {stored[i].RecordReferenceId} ({stored[i].StartText}..{stored[i].EndText})");
            }
        }

        if (externalApi == null)
        {
            new RecordChecks(truth, StartUnixSeconds, !settings.PulseMeter, settings.KnownDefectsCounted).Check(stored, driver.Sessions, report);
        }
    }
}
