namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// The price reader's part of the status: the current and the next half-hour's price. Only the
    /// price reader writes it; it stays empty (<see cref="PriceState"/> null) when prices are not read.
    /// </summary>
    public sealed class PriceStatus
    {
        /// <summary>What the price reader is doing ("as of …", "not read yet: …"), or null when prices are not read.</summary>
        public string PriceState;

        /// <summary>Currency of the prices (ISO 4217), or null.</summary>
        public string PriceCurrency;

        /// <summary>The location's time zone as the API names it, shown only, or null.</summary>
        public string PriceTimezone;

        /// <summary>A slot holds now (UTC).</summary>
        public bool PriceNowKnown;

        /// <summary>The current slot's price per kWh, millionths of <see cref="PriceCurrency"/>.</summary>
        public long PriceNowMicros;

        /// <summary>The current slot's valid_from, UTC Unix seconds.</summary>
        public long PriceNowFrom;

        /// <summary>The current slot's valid_to, UTC Unix seconds.</summary>
        public long PriceNowTo;

        /// <summary>The current slot's confidence, thousandths (1000 confirmed, below a forecast), -1 when not given.</summary>
        public int PriceNowConfidencePermille = -1;

        /// <summary>A slot holds the start of the next half-hour.</summary>
        public bool PriceNextKnown;

        /// <summary>The next half-hour's price per kWh, millionths.</summary>
        public long PriceNextMicros;

        /// <summary>That slot's valid_from, UTC Unix seconds.</summary>
        public long PriceNextFrom;

        /// <summary>That slot's valid_to, UTC Unix seconds.</summary>
        public long PriceNextTo;

        /// <summary>That slot's confidence, thousandths, -1 when not given.</summary>
        public int PriceNextConfidencePermille = -1;
    }
}
