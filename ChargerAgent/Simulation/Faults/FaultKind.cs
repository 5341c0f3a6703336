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

    /// <summary>The meter is replaced: its register restarts near zero.</summary>
    MeterReplacement,
}
