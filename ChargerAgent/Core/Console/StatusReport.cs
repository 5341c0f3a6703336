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
            if (status.ConfigurationMissing)
            {
                output.WriteLine("configuration: " + (status.ConfigurationProblem ?? "missing"));
            }
            else if (unsavedConfiguration)
            {
                output.WriteLine("configuration: changed on the console, not saved");
            }

            WriteMeter(output, status);
            output.WriteLine("interval: " + (status.IntervalStart == 0 ? "none open" : "since " + Time(status.IntervalStart, status.ClockTrusted) + ", " + status.IntervalWh.ToString() + " Wh"));
            output.WriteLine("session: " + (status.Session == 0 ? "none" : status.Session.ToString()));
            WriteQueue(output, status);
            if (status.LastUploadAt == 0)
            {
                output.WriteLine("last upload: none yet");
            }
            else
            {
                output.WriteLine("last upload: record " + status.LastUploadedSeq.ToString() + " at " + Rfc3339.Format(status.LastUploadAt)
                    + ", cost " + Money(status.LastUploadCostMinor, status.Currency));
            }

            WriteFlatpeak(output, status);
            output.WriteLine("network: " + (status.NetworkUp ? "up" : "down"));
            output.WriteLine("clock: " + (status.ClockTrusted ? Rfc3339.Format(status.UtcNow) : "not set (waiting for SNTP)"));
            output.WriteLine("uptime: " + Duration(status.UptimeSeconds));
            output.WriteLine("memory: " + (status.FreeMemoryBytes < 0 ? "not measured" : status.FreeMemoryBytes.ToString() + " bytes free"));
            output.WriteLine("last reboot: " + RebootReasons.Name(status.LastRebootReason) + ", loop faults this boot: " + status.LoopFaults.ToString());
            if (status.Violations != 0) output.WriteLine("accounting violations: " + status.Violations.ToString());
        }

        /// <summary>The meter's health and last reading.</summary>
        public static void WriteMeter(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            string line = "meter: " + Health(status.MeterHealth) + ", total " + KilowattHours(status.MeterTotalWh);
            if (status.MeterHasPower) line += ", " + status.MeterPowerW.ToString() + " W";
            output.WriteLine(line);
            if (status.MeterProblem != null) output.WriteLine("meter problem: " + status.MeterProblem);
            if (status.UnaccountedWhBound != 0 || status.MeterRebases != 0)
            {
                output.WriteLine("unaccounted: up to " + status.UnaccountedWhBound.ToString() + " Wh (" + status.UnaccountedCause
                    + "), new baselines this boot: " + status.MeterRebases.ToString());
            }
        }

        /// <summary>The upload queue: backlog, quarantine, ring fill, pause.</summary>
        public static void WriteQueue(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            string ring = status.FlashWriteFailed ? ", flash write FAILED (no space left or a write error; energy waits in the open interval)"
                : status.RingFull ? ", ring FULL (energy waits in the open interval)" : status.RingNearlyFull ? ", ring nearly full" : string.Empty;
            output.WriteLine("queue: " + status.Backlog.ToString() + " record(s) waiting, " + status.Quarantined.ToString() + " quarantined" + ring);
            if (status.CredentialsRejected) output.WriteLine("upload: credentials rejected by the API (check flatpeak.account_id and flatpeak.api_key)");
            if (status.UploadPausedByConfigurationFault) output.WriteLine("upload: paused, records rejected as invalid (check the configuration)");
            if (status.LastUploadError != null) output.WriteLine("last upload error: " + status.LastUploadError);
        }

        /// <summary>What Flatpeak sees: the device id records carry and the registration's state.</summary>
        public static void WriteFlatpeak(IConsoleOutput output, AgentStatus status)
        {
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            output.WriteLine("flatpeak device: " + (status.FlatpeakDevice ?? "none (records are attributed to the location)"));
            if (status.DeviceRegistration != null) output.WriteLine("device registration: " + status.DeviceRegistration);
            if (status.PriceState != null)
            {
                output.WriteLine("price now: " + (status.PriceNowKnown ? Price(status.PriceNowMicros, status.PriceCurrency, status.PriceNowFrom, status.PriceNowTo, status.PriceNowConfidencePermille) : "unknown"));
                output.WriteLine("price next half-hour: " + (status.PriceNextKnown ? Price(status.PriceNextMicros, status.PriceCurrency, status.PriceNextFrom, status.PriceNextTo, status.PriceNextConfidencePermille) : "unknown"));
                output.WriteLine("prices: " + status.PriceState + (status.PriceTimezone == null ? string.Empty : ", location time zone " + status.PriceTimezone));
            }

            if (status.LastSessionNumber != 0)
            {
                string asOf = status.LastSessionCostAsOf == 0 ? string.Empty : " as of " + Rfc3339.Format(status.LastSessionCostAsOf);
                output.WriteLine("session " + status.LastSessionNumber.ToString() + " cost: " + Money(status.LastSessionCostMicros, 6) + " " + (status.Currency ?? string.Empty)
                    + " (sum of " + status.LastSessionCostRecords.ToString() + " record(s)), provisional" + asOf + ": the API marks no cost final");
                string server = status.LastSessionServerCostState ?? "not asked";
                if (status.LastSessionServerCostAvailable) server = Money(status.LastSessionServerCostMicros, 6) + " " + (status.Currency ?? string.Empty) + asOf;
                output.WriteLine("session " + status.LastSessionNumber.ToString() + " re-read from /costs/session: " + server);
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
            // Before the clock is known an interval starts at seconds since boot (see AgentStatus.IntervalStart).
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
