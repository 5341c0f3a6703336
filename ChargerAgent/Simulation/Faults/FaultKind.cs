namespace ChargerAgent.Simulation.Faults;

/// <summary>What a simulated fault does.</summary>
public enum FaultKind
{
    /// <summary>The agent's network is down: nothing reaches the API.</summary>
    NetworkOutage,

    /// <summary>The API answers 5xx for a while.</summary>
    ServerErrorStorm,

    /// <summary>The API answers 429 for a while.</summary>
    RateLimitStorm,

    /// <summary>The API's tokens expire early: 401 answers until the agent logs in again.</summary>
    ExpiredTokenStorm,

    /// <summary>The API answers 403 for a while (credentials rejected, then accepted again).</summary>
    ForbiddenStorm,

    /// <summary>Responses are lost after the record was stored (the client sees a timeout).</summary>
    LostResponses,

    /// <summary>A clean reboot: the agent stops and starts again at once.</summary>
    CleanReboot,

    /// <summary>Power is cut at a random write, and comes back after a downtime.</summary>
    PowerCut,

    /// <summary>The wall clock jumps by <see cref="Fault.ClockJumpSeconds"/> (forward or back).</summary>
    ClockJump,

    /// <summary>The meter returns one implausible reading.</summary>
    MeterGlitch,

    /// <summary>The meter is replaced, while a car may be charging: its register restarts near zero.</summary>
    MeterReplacement,

    /// <summary>The API answers 422 no_price_data for a while.</summary>
    NoPriceDataStorm,

    /// <summary>The API answers only after the client's deadline for a while (the record is stored: a timeout).</summary>
    DeadlineStorm,

    /// <summary>Connections to the API are refused for a while (nothing reaches it).</summary>
    RefusedStorm,

    /// <summary>The meter does not answer for a while (Modbus timeouts, an unreadable pulse counter).</summary>
    MeterReadFailure,

    /// <summary>The flash is full for a while: appends and writes fail with "no space left".</summary>
    FlashFull,

    /// <summary>Flash reads fail for a while.</summary>
    FlashReadErrors,

    /// <summary>The power goes during a session and comes back only after the car has left: no stop edge is seen.</summary>
    CutUntilCarLeaves,

    /// <summary>The network is down long enough to fill the ring (120 days in long runs; 15 to 22 days with a small ring).</summary>
    LongOffline,
}
