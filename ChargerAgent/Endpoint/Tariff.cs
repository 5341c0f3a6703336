using System;

namespace ChargerAgent.Endpoint;

/// <summary>
/// A simple tariff: a price per kWh for each half-hour of the UTC day (48 slots), in large currency
/// units. A record's cost spreads its energy evenly over its period and prices each part by the
/// half-hour slot it falls in.
/// </summary>
public sealed class Tariff
{
    private const int SlotsPerDay = 48;
    private const int SlotSeconds = 1800;
    private readonly decimal[] pricePerKwh;

    /// <summary>A tariff with one price per kWh for each of the 48 half-hours of the UTC day.</summary>
    public Tariff(string currencyCode, decimal[] pricePerKwhBySlot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currencyCode);
        ArgumentNullException.ThrowIfNull(pricePerKwhBySlot);
        if (pricePerKwhBySlot.Length != SlotsPerDay)
        {
            throw new ArgumentException("a tariff needs exactly 48 half-hour prices", nameof(pricePerKwhBySlot));
        }

        foreach (decimal price in pricePerKwhBySlot)
        {
            if (price < 0)
            {
                throw new ArgumentException("prices must not be negative", nameof(pricePerKwhBySlot));
            }
        }

        CurrencyCode = currencyCode;
        pricePerKwh = (decimal[])pricePerKwhBySlot.Clone();
    }

    /// <summary>ISO 4217 currency code of the prices, e.g. GBP.</summary>
    public string CurrencyCode { get; }

    /// <summary>The same price all day.</summary>
    public static Tariff Flat(string currencyCode, decimal pricePerKwh)
    {
        var prices = new decimal[SlotsPerDay];
        Array.Fill(prices, pricePerKwh);
        return new Tariff(currencyCode, prices);
    }

    /// <summary>
    /// The default: GBP 0.07/kWh from 00:30 to 05:30 UTC (off-peak), 0.35 from 16:00 to 19:00 (peak),
    /// 0.245 otherwise.
    /// </summary>
    public static Tariff Default()
    {
        var prices = new decimal[SlotsPerDay];
        for (int slot = 0; slot < SlotsPerDay; slot++)
        {
            prices[slot] = slot is >= 1 and < 11 ? 0.07m : slot is >= 32 and < 38 ? 0.35m : 0.245m;
        }

        return new Tariff("GBP", prices);
    }

    /// <summary>The price per kWh of the half-hour slot (0–47) of the UTC day.</summary>
    public decimal PriceOfSlot(int slot) => pricePerKwh[slot];

    /// <summary>The cost of <paramref name="wattHours"/> used evenly from <paramref name="start"/> to <paramref name="end"/> (end after start).</summary>
    public decimal Cost(decimal wattHours, DateTimeOffset start, DateTimeOffset end)
    {
        long from = start.ToUnixTimeSeconds();
        long to = end.ToUnixTimeSeconds();
        if (to <= from)
        {
            throw new ArgumentException("end must be after start", nameof(end));
        }

        // Price × seconds over the period, then energy per second × that: the energy is spread
        // evenly. Whole days go in one step each run, so a long period costs O(48) work, not O(days).
        decimal daySum = 0;
        foreach (decimal price in pricePerKwh)
        {
            daySum += price;
        }

        decimal priceSeconds = 0;
        long at = from;
        while (at < to)
        {
            if (Mod(at, 86_400) == 0 && to - at >= 86_400)
            {
                long days = (to - at) / 86_400;
                priceSeconds += days * SlotSeconds * daySum;
                at += days * 86_400;
                continue;
            }

            long slotStart = at - Mod(at, SlotSeconds);
            long slotEnd = Math.Min(slotStart + SlotSeconds, to);
            int slot = (int)(Mod(slotStart, 86_400) / SlotSeconds);
            priceSeconds += (slotEnd - at) * pricePerKwh[slot];
            at = slotEnd;
        }

        decimal total = wattHours / 1000m * priceSeconds / (to - from);
        // Dividing by 1.000… drops the trailing zeros the rounding leaves in the scale (2.519580 → 2.51958).
        return decimal.Round(total, 6, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;
    }

    private static long Mod(long value, long modulus)
    {
        long r = value % modulus;
        return r < 0 ? r + modulus : r;
    }
}
