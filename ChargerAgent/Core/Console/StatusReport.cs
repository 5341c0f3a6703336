using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Watchdog;

namespace ChargerAgent.Core.Console
{
    /// <summary>Writes the status snapshot as console lines (numbers formatted by hand: the device's format strings are limited).</summary>
    public static class StatusReport
    {
        /// <summary>The full status: state, meter, interval, session, queue, last upload, network, clock, uptime, memory.</summary>
        public static void Write(IConsoleOutput output, AgentStatus status, bool unsavedConfiguration)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));

            output.WriteLine("state: " + LedStates.Name(LedStates.Select(status)));
            if (status.Board.ConfigurationMissing)
            {
                output.WriteLine("configuration: " + (status.Board.ConfigurationProblem ?? "missing"));
            }
            else if (unsavedConfiguration)
            {
                output.WriteLine("configuration: changed on the console, not saved");
            }

            WriteMeter(output, status);
            output.WriteLine("interval: " + (status.Recording.IntervalStart == 0 ? "none open" : "since " + Time(status.Recording.IntervalStart, status.Recording.ClockTrusted) + ", " + status.Recording.IntervalWh.ToString() + " Wh"));
            output.WriteLine("session: " + (status.Recording.Session == 0 ? "none" : status.Recording.Session.ToString()));
            WriteQueue(output, status);
            if (status.Delivery.LastUploadAt == 0)
            {
                output.WriteLine("last upload: none yet");
            }
            else
            {
                output.WriteLine("last upload: record " + status.Delivery.LastUploadedSeq.ToString() + " at " + Rfc3339.Format(status.Delivery.LastUploadAt)
                    + ", cost " + Money(status.Delivery.LastUploadCostMinor, status.Delivery.Currency));
            }

            WriteFlatpeak(output, status);
            output.WriteLine("network: " + (status.Board.NetworkUp ? "up" : "down"));
            output.WriteLine("clock: " + (status.Recording.ClockTrusted ? Rfc3339.Format(status.Recording.UtcNow) : "not set (waiting for SNTP)"));
            output.WriteLine("uptime: " + Duration(status.Recording.UptimeSeconds));
            output.WriteLine("memory: " + (status.Board.FreeMemoryBytes < 0 ? "not measured" : status.Board.FreeMemoryBytes.ToString() + " bytes free"));
            output.WriteLine("last reboot: " + RebootReasons.Name(status.Board.LastRebootReason) + ", loop faults this boot: " + status.Board.LoopFaults.ToString());
            if (status.Recording.Violations != 0) output.WriteLine("accounting violations: " + status.Recording.Violations.ToString());
        }

        /// <summary>The meter's health and last reading.</summary>
        public static void WriteMeter(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            string line = "meter: " + Health(status.Recording.MeterHealth) + ", total " + KilowattHours(status.Recording.MeterTotalWh);
            if (status.Recording.MeterHasPower) line += ", " + status.Recording.MeterPowerW.ToString() + " W";
            output.WriteLine(line);
            if (status.Recording.MeterProblem != null) output.WriteLine("meter problem: " + status.Recording.MeterProblem);
            if (status.Recording.UnaccountedWhBound != 0 || status.Recording.MeterRebases != 0)
            {
                output.WriteLine("unaccounted: up to " + status.Recording.UnaccountedWhBound.ToString() + " Wh (" + status.Recording.UnaccountedCause
                    + "), new baselines this boot: " + status.Recording.MeterRebases.ToString());
            }
        }

        /// <summary>The upload queue: backlog, quarantine, ring fill, pause.</summary>
        public static void WriteQueue(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            string ring = status.Recording.FlashWriteFailed ? ", flash write FAILED (no space left or a write error; energy waits in the open interval)"
                : status.Recording.RingFull ? ", ring FULL (energy waits in the open interval)" : status.Delivery.RingNearlyFull ? ", ring nearly full" : string.Empty;
            output.WriteLine("queue: " + status.Delivery.Backlog.ToString() + " record(s) waiting, " + status.Delivery.Quarantined.ToString() + " quarantined" + ring);
            if (status.Delivery.CredentialsRejected) output.WriteLine("upload: credentials rejected by the API (check flatpeak.account_id and flatpeak.api_key)");
            if (status.Delivery.UploadPausedByConfigurationFault) output.WriteLine("upload: paused, records rejected as invalid (check the configuration)");
            if (status.Delivery.LastUploadError != null) output.WriteLine("last upload error: " + status.Delivery.LastUploadError);
        }

        /// <summary>What Flatpeak sees: the device id records carry and the registration's state.</summary>
        public static void WriteFlatpeak(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            output.WriteLine("flatpeak device: " + (status.Delivery.FlatpeakDevice ?? "none (records are attributed to the location)"));
            if (status.Delivery.DeviceRegistration != null) output.WriteLine("device registration: " + status.Delivery.DeviceRegistration);
            if (status.Prices.PriceState != null)
            {
                output.WriteLine("price now: " + (status.Prices.PriceNowKnown ? Price(status.Prices.PriceNowMicros, status.Prices.PriceCurrency, status.Prices.PriceNowFrom, status.Prices.PriceNowTo, status.Prices.PriceNowConfidencePermille) : "unknown"));
                output.WriteLine("price next half-hour: " + (status.Prices.PriceNextKnown ? Price(status.Prices.PriceNextMicros, status.Prices.PriceCurrency, status.Prices.PriceNextFrom, status.Prices.PriceNextTo, status.Prices.PriceNextConfidencePermille) : "unknown"));
                output.WriteLine("prices: " + status.Prices.PriceState + (status.Prices.PriceTimezone == null ? string.Empty : ", location time zone " + status.Prices.PriceTimezone));
            }

            if (status.Delivery.LastSessionNumber != 0)
            {
                string asOf = status.Delivery.LastSessionCostAsOf == 0 ? string.Empty : " as of " + Rfc3339.Format(status.Delivery.LastSessionCostAsOf);
                output.WriteLine("session " + status.Delivery.LastSessionNumber.ToString() + " cost: " + Money(status.Delivery.LastSessionCostMicros, 6) + " " + (status.Delivery.Currency ?? string.Empty)
                    + " (sum of " + status.Delivery.LastSessionCostRecords.ToString() + " record(s)), provisional" + asOf + ": the API marks no cost final");
                string server = status.Delivery.LastSessionServerCostState ?? "not asked";
                if (status.Delivery.LastSessionServerCostAvailable) server = Money(status.Delivery.LastSessionServerCostMicros, 6) + " " + (status.Delivery.Currency ?? string.Empty) + asOf;
                output.WriteLine("session " + status.Delivery.LastSessionNumber.ToString() + " re-read from /costs/session: " + server);
            }
        }

        /// <summary>A price per kWh with its slot (UTC) and whether it is confirmed or a forecast.</summary>
        public static string Price(long micros, string currency, long from, long to, int confidencePermille)
        {
            string confidence = confidencePermille < 0 ? string.Empty
                : confidencePermille >= 1000 ? ", confirmed"
                : ", forecast (confidence 0." + Three(confidencePermille) + ")";
            return Money(micros, 5) + " " + (currency ?? string.Empty) + "/kWh (" + Rfc3339.Format(from) + " to " + Rfc3339.Format(to) + confidence + ")";
        }

        /// <summary>Millionths of a currency as a decimal with <paramref name="decimals"/> places (1-6), rounded half away from zero: 245000 with 5 → "0.24500".</summary>
        public static string Money(long micros, int decimals)
        {
            long scale = 1;
            for (int i = decimals; i < 6; i++) scale *= 10;
            bool negative = micros < 0;
            long v = negative ? -micros : micros;
            v = (v + scale / 2) / scale;
            long unit = 1;
            for (int i = 0; i < decimals; i++) unit *= 10;
            string fraction = (v % unit).ToString();
            while (fraction.Length < decimals) fraction = "0" + fraction;
            return (negative ? "-" : string.Empty) + (v / unit).ToString() + "." + fraction;
        }

        private static string Three(int permille)
        {
            string digits = permille.ToString();
            while (digits.Length < 3) digits = "0" + digits;
            while (digits.Length > 1 && digits[digits.Length - 1] == '0') digits = digits.Substring(0, digits.Length - 1);
            return digits;
        }

        /// <summary>A cost in minor units (pence, cents) as major units with the currency, e.g. 131, "GBP" → "1.31 GBP".</summary>
        public static string Money(long minor, string currency)
        {
            string sign = minor < 0 ? "-" : string.Empty;
            if (minor < 0) minor = -minor;
            long cents = minor % 100;
            string text = sign + (minor / 100).ToString() + "." + (cents < 10 ? "0" : string.Empty) + cents.ToString();
            return currency == null ? text : text + " " + currency;
        }

        /// <summary>Wh as kWh with three decimals, e.g. 1234567 → "1234.567 kWh".</summary>
        public static string KilowattHours(long wh)
        {
            string sign = wh < 0 ? "-" : string.Empty;
            if (wh < 0) wh = -wh;
            long fraction = wh % 1000;
            string digits = fraction.ToString();
            while (digits.Length < 3) digits = "0" + digits;
            return sign + (wh / 1000).ToString() + "." + digits + " kWh";
        }

        /// <summary>Seconds as "2d 03:04:05".</summary>
        public static string Duration(long seconds)
        {
            if (seconds < 0) seconds = 0;
            long days = seconds / 86400;
            long rest = seconds % 86400;
            string text = Two(rest / 3600) + ":" + Two(rest % 3600 / 60) + ":" + Two(rest % 60);
            return days > 0 ? days.ToString() + "d " + text : text;
        }

        private static string Time(long value, bool clockTrusted)
        {
            // Before the clock is known an interval starts at seconds since boot (see RecordingStatus.IntervalStart).
            if (value > 1000000000L) return Rfc3339.Format(value);
            return Duration(value) + " after boot" + (clockTrusted ? string.Empty : " (clock not set)");
        }

        private static string Health(MeterHealth health)
        {
            switch (health)
            {
                case MeterHealth.Ok: return "ok";
                case MeterHealth.NoAnswer: return "NO ANSWER";
                case MeterHealth.BadData: return "BAD DATA";
                default: return "not read yet";
            }
        }

        private static string Two(long value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }
    }
}
