using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace ChargerAgent.Endpoint;

/// <summary>
/// The devices an endpoint knows, per account: created by <c>POST /devices</c> (or by a test
/// through <see cref="Create"/>), found by reference at <c>GET /devices?reference_id=</c>, and
/// required for every <c>device_id</c> a meter record names. Thread-safe; bounded.
/// </summary>
public sealed class EndpointDevices
{
    /// <summary>Most devices kept over all accounts.</summary>
    public const int MaxDevices = 10_000;

    private readonly object gate = new();
    private readonly List<EndpointDevice> devices = [];
    private long counter;

    /// <summary>Devices created so far.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return devices.Count;
            }
        }
    }

    /// <summary>Creates a device of <paramref name="accountId"/> (a second one with the same reference too, as the API does).</summary>
    /// <exception cref="InvalidOperationException">Already <see cref="MaxDevices"/> devices.</exception>
    public EndpointDevice Create(string accountId, string referenceId, bool liveMode, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        lock (gate)
        {
            if (devices.Count >= MaxDevices)
            {
                throw new InvalidOperationException("the endpoint holds " + MaxDevices + " devices already");
            }

            var device = new EndpointDevice(
                "dev_" + Interlocked.Increment(ref counter).ToString("x24", CultureInfo.InvariantCulture),
                referenceId, accountId, liveMode, now);
            devices.Add(device);
            return device;
        }
    }

    /// <summary>The devices of <paramref name="accountId"/> with <paramref name="referenceId"/> (all when null), newest first.</summary>
    public EndpointDevice[] Find(string accountId, string referenceId, int limit)
    {
        var found = new List<EndpointDevice>();
        lock (gate)
        {
            for (int i = devices.Count - 1; i >= 0 && found.Count < limit; i--)
            {
                EndpointDevice d = devices[i];
                if (d.AccountId == accountId && (referenceId == null || d.ReferenceId == referenceId))
                {
                    found.Add(d);
                }
            }
        }

        return [.. found];
    }

    /// <summary>True when <paramref name="deviceId"/> is a device of <paramref name="accountId"/>.</summary>
    public bool Knows(string accountId, string deviceId)
    {
        lock (gate)
        {
            foreach (EndpointDevice d in devices)
            {
                if (d.Id == deviceId && d.AccountId == accountId)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>One device as <c>POST /devices</c> returns it.</summary>
/// <param name="Id">The dev_ id.</param>
/// <param name="ReferenceId">The caller's reference, or null.</param>
/// <param name="AccountId">The account it belongs to.</param>
/// <param name="LiveMode">True when created in live mode.</param>
/// <param name="TimeCreated">When it was created.</param>
public sealed record EndpointDevice(string Id, string ReferenceId, string AccountId, bool LiveMode, DateTimeOffset TimeCreated);
