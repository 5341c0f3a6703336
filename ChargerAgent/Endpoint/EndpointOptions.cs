using System;
using System.Collections.Generic;

namespace ChargerAgent.Endpoint;

/// <summary>Configuration of a <see cref="FlatpeakEndpoint"/>.</summary>
public sealed class EndpointOptions
{
    /// <summary>Accounts accepted at /login (default: <see cref="EndpointAccount.LocalTest"/>).</summary>
    public IList<EndpointAccount> Accounts { get; init; } = new List<EndpointAccount> { EndpointAccount.LocalTest };

    /// <summary>The tariff costs are computed with (default: <see cref="Tariff.Default"/>).</summary>
    public Tariff Tariff { get; init; } = Tariff.Default();

    /// <summary>Lifetime of a bearer token in seconds, returned as expires_in (default 3600).</summary>
    public int TokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>The endpoint's clock (token expiry, time_created). Default: the system clock; a simulator passes its own.</summary>
    public Func<DateTimeOffset> UtcNow { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The fault plan (default: none).</summary>
    public EndpointFaultPlan Faults { get; init; } = new();

    /// <summary>Time zone name returned by /costs/session (default Europe/London).</summary>
    public string LocationTimezone { get; init; } = "Europe/London";
}
