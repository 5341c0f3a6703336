namespace ChargerAgent.Simulation.Faults;

/// <summary>One fault in a plan: what, when (simulated seconds from the start) and for how long.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="AtSeconds">When it starts, in seconds from the start of the run.</param>
/// <param name="DurationSeconds">How long it lasts (outages, storms, power-cut downtime); 0 for instant faults.</param>
/// <param name="ClockJumpSeconds">For <see cref="FaultKind.ClockJump"/>: the jump, negative for backwards.</param>
public sealed record Fault(FaultKind Kind, long AtSeconds, long DurationSeconds, long ClockJumpSeconds = 0)
{
    /// <summary>True while the fault is in force at <paramref name="seconds"/>.</summary>
    public bool IsActiveAt(long seconds) => seconds >= AtSeconds && seconds < AtSeconds + DurationSeconds;
}
