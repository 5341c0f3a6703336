using System;
using System.Collections.Generic;

namespace ChargerAgent.Endpoint;

/// <summary>
/// Decides, per request, which fault (if any) the endpoint injects. Two sources, in this order:
/// faults queued by a test with <see cref="Inject"/> (applied to the next cost requests, exactly), then
/// random faults drawn from a seeded generator with the probabilities of the chosen profile, so a
/// seed replays the same sequence of decisions for the same sequence of requests.
/// Thread-safe.
/// </summary>
public sealed class EndpointFaultPlan
{
    private readonly object gate = new();
    private readonly Queue<EndpointFault> scripted = new();
    private readonly Random random;
    private readonly double[] probabilities = new double[8];

    /// <summary>A plan with no random faults (scripted ones only), seed 1.</summary>
    public EndpointFaultPlan()
        : this(EndpointFaultProfile.None, 1)
    {
    }

    /// <summary>A plan drawing random faults with the profile's probabilities from <paramref name="seed"/>.</summary>
    public EndpointFaultPlan(EndpointFaultProfile profile, int seed)
    {
        Profile = profile;
        Seed = seed;
        random = new Random(seed);
        switch (profile)
        {
            case EndpointFaultProfile.None:
                break;
            case EndpointFaultProfile.Mild:
                probabilities[(int)EndpointFault.Refused] = 0.01;
                probabilities[(int)EndpointFault.Delayed] = 0.005;
                probabilities[(int)EndpointFault.ServerError] = 0.01;
                probabilities[(int)EndpointFault.RateLimited] = 0.01;
                probabilities[(int)EndpointFault.TokenExpired] = 0.005;
                probabilities[(int)EndpointFault.ResponseLost] = 0.005;
                probabilities[(int)EndpointFault.NoPriceData] = 0.002;
                break;
            case EndpointFaultProfile.Harsh:
                probabilities[(int)EndpointFault.Refused] = 0.08;
                probabilities[(int)EndpointFault.Delayed] = 0.03;
                probabilities[(int)EndpointFault.ServerError] = 0.08;
                probabilities[(int)EndpointFault.RateLimited] = 0.06;
                probabilities[(int)EndpointFault.TokenExpired] = 0.03;
                probabilities[(int)EndpointFault.ResponseLost] = 0.04;
                probabilities[(int)EndpointFault.NoPriceData] = 0.02;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(profile));
        }
    }

    /// <summary>The profile the random faults are drawn with.</summary>
    public EndpointFaultProfile Profile { get; }

    /// <summary>The seed of the random faults (print it when a randomised run fails).</summary>
    public int Seed { get; }

    /// <summary>How long a <see cref="EndpointFault.Delayed"/> response is held, in milliseconds (default 40 s, past a 30 s client deadline).</summary>
    public int DelayMilliseconds { get; set; } = 40_000;

    /// <summary>Sets the probability of one fault kind for each request (0 to 1).</summary>
    public void SetProbability(EndpointFault kind, double probability)
    {
        if (kind == EndpointFault.None || (int)kind < 0 || (int)kind >= probabilities.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "must be between 0 and 1");
        }

        lock (gate)
        {
            probabilities[(int)kind] = probability;
        }
    }

    /// <summary>Queues <paramref name="count"/> faults of <paramref name="kind"/> for the next cost requests (/costs/…), one each.</summary>
    public void Inject(EndpointFault kind, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            for (int i = 0; i < count; i++)
            {
                scripted.Enqueue(kind);
            }
        }
    }

    /// <summary>Number of scripted faults not yet applied.</summary>
    public int PendingInjected
    {
        get
        {
            lock (gate)
            {
                return scripted.Count;
            }
        }
    }

    /// <summary>Parses a profile name as the command line gives it: none, mild or harsh.</summary>
    public static bool TryParseProfile(string text, out EndpointFaultProfile profile)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none":
                profile = EndpointFaultProfile.None;
                return true;
            case "mild":
                profile = EndpointFaultProfile.Mild;
                return true;
            case "harsh":
                profile = EndpointFaultProfile.Harsh;
                return true;
            default:
                profile = EndpointFaultProfile.None;
                return false;
        }
    }

    /// <summary>The fault for the next request. Login requests get only connection-level and 5xx/429 faults.</summary>
    internal EndpointFault Next(bool isCostRequest)
    {
        lock (gate)
        {
            if (isCostRequest && scripted.Count > 0)
            {
                return scripted.Dequeue();
            }

            if (Profile == EndpointFaultProfile.None && AllZero())
            {
                return EndpointFault.None;
            }

            double draw = random.NextDouble();
            double cumulative = 0;
            for (int k = 1; k < probabilities.Length; k++)
            {
                cumulative += probabilities[k];
                if (draw < cumulative)
                {
                    var kind = (EndpointFault)k;
                    return isCostRequest || IsLoginFault(kind) ? kind : EndpointFault.None;
                }
            }

            return EndpointFault.None;
        }
    }

    private static bool IsLoginFault(EndpointFault kind) =>
        kind is EndpointFault.Refused or EndpointFault.Delayed or EndpointFault.ServerError or EndpointFault.RateLimited;

    private bool AllZero()
    {
        foreach (double p in probabilities)
        {
            if (p != 0)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Named sets of fault probabilities for <see cref="EndpointFaultPlan"/>.</summary>
public enum EndpointFaultProfile
{
    /// <summary>No random faults.</summary>
    None = 0,

    /// <summary>About 5 % of requests fail in some way.</summary>
    Mild = 1,

    /// <summary>About a third of requests fail in some way.</summary>
    Harsh = 2,
}
