using System;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Configuration of the uploader: where to send, as whom, what the body carries, and the retry
    /// clock. Every duration has its unit in its name. Call <see cref="Validate"/> before use (the
    /// uploader's constructor does). The API key is a secret: nothing here prints it.
    /// </summary>
    public sealed class UploadOptions
    {
        /// <summary>Default API base address.</summary>
        public const string DefaultBaseUrl = "https://api.flatpeak.com";

        /// <summary>Longest location id, device id or account id accepted (the API's ids are about 28 characters).</summary>
        public const int MaxIdLength = 64;

        /// <summary>API base address without a trailing slash.</summary>
        public string BaseUrl = DefaultBaseUrl;

        /// <summary>Flatpeak account id (the user name of HTTP Basic).</summary>
        public string AccountId;

        /// <summary>Flatpeak API key (the password of HTTP Basic). A secret: never logged or shown.</summary>
        public string ApiKey;

        /// <summary>Flatpeak <c>location_id</c> (required by the API).</summary>
        public string LocationId;

        /// <summary>Flatpeak <c>device_id</c> (<c>dev_…</c>), sent on every record when not null (it wins over the location on the server).</summary>
        public string FlatpeakDeviceId;

        /// <summary>When not null (and <see cref="FlatpeakDeviceId"/> is null): register once through <c>POST /devices</c> under this <c>reference_id</c> and send the id it returns.</summary>
        public string FlatpeakDeviceReference;

        /// <summary>This charger's own id: the first part of every record and session reference id.</summary>
        public string ReferenceDeviceId;

        /// <summary><c>energy_flow_direction</c>: "INBOUND" or "OUTBOUND"; null leaves it out (the API's default is INBOUND).</summary>
        public string EnergyFlowDirection = "INBOUND";

        /// <summary><c>tariff_direction</c>: "IMPORT", "EXPORT" or "LOCAL"; null leaves it out (the API's default is IMPORT).</summary>
        public string TariffDirection = "IMPORT";

        /// <summary>Send <c>confidence</c> (beta on the API: enable only when the account has it) for records below 100 %.</summary>
        public bool SendConfidence;

        /// <summary>Read the prices of the coming hours (<c>POST /prices/{location_id}</c>) and show the current and next half-hour's price.</summary>
        public bool ReadPrices;

        /// <summary>Adds <c>?non_persistent=true</c>: the server computes costs but keeps nothing (simulations).</summary>
        public bool NonPersistent;

        /// <summary>Deadline of one whole exchange (DNS, connect, TLS, request, response), milliseconds.</summary>
        public int RequestDeadlineMs = 30000;

        /// <summary>Extra time past the deadline before the uploader gives up waiting for the transport's own verdict, milliseconds.</summary>
        public int DeadlineGraceMs = 2000;

        /// <summary>How many records <c>AttemptedUpTo</c> moves ahead per checkpoint write (one flash sync per step).</summary>
        public int AttemptedStepRecords = 8;

        /// <summary>Least time between two request starts while draining, milliseconds; 0 turns pacing off.</summary>
        public int PaceMs = 200;

        /// <summary>Default of <see cref="MaxPaceMs"/>: 60000 ms (also the largest <c>upload.min_gap_ms</c> the configuration accepts).</summary>
        public const int DefaultMaxPaceMs = 60000;

        /// <summary>Largest pacing interval after repeated 429 answers, milliseconds.</summary>
        public int MaxPaceMs = DefaultMaxPaceMs;

        /// <summary>First backoff after a transient failure (429, 5xx, network, timeout), milliseconds.</summary>
        public int BackoffBaseMs = 2000;

        /// <summary>Largest backoff, milliseconds.</summary>
        public int BackoffCapMs = 600000;

        /// <summary>Least time between two tries of a record refused with 422, milliseconds (the API asks for 15 minutes).</summary>
        public int SlowRetryMs = 15 * 60 * 1000;

        /// <summary>Log in again this long before the token's <c>expires_in</c> runs out, milliseconds.</summary>
        public int TokenRenewMarginMs = 5 * 60 * 1000;

        /// <summary>Identical 4xx answers in a row that pause uploading as a configuration fault.</summary>
        public int ConfigurationFaultThreshold = 5;

        /// <summary>Most records kept quarantined or set aside at once (the side file's bound).</summary>
        public int MaxSideRecords = 64;

        /// <summary>Seed of the backoff jitter (fixed seeds replay a run exactly).</summary>
        public int RandomSeed = 1;

        /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the first bad one (never its secret value).</summary>
        public void Validate()
        {
            if (BaseUrl == null || !(BaseUrl.StartsWith("https://") || BaseUrl.StartsWith("http://")) || BaseUrl.EndsWith("/"))
            {
                throw new ArgumentException("BaseUrl must start with https:// and have no trailing slash");
            }

            CheckId(AccountId, "AccountId", true);
            CheckId(LocationId, "LocationId", true);
            CheckId(FlatpeakDeviceId, "FlatpeakDeviceId", false);
            if (FlatpeakDeviceId != null && !Devices.DeviceRegistration.IsDeviceId(FlatpeakDeviceId)) throw new ArgumentException("FlatpeakDeviceId must be a Flatpeak device id (dev_...)");
            if (FlatpeakDeviceReference != null && !ReferenceIds.IsValidDeviceId(FlatpeakDeviceReference)) throw new ArgumentException("FlatpeakDeviceReference must be 1-" + ReferenceIds.MaxDeviceIdLength + " letters, digits, '-' or '_'");
            if (FlatpeakDeviceId != null && FlatpeakDeviceReference != null) throw new ArgumentException("set FlatpeakDeviceId or FlatpeakDeviceReference, not both");
            if (ApiKey == null || ApiKey.Length == 0 || ApiKey.Length > 256) throw new ArgumentException("ApiKey must be 1-256 characters");
            if (!ReferenceIds.IsValidDeviceId(ReferenceDeviceId)) throw new ArgumentException("ReferenceDeviceId must be 1-" + ReferenceIds.MaxDeviceIdLength + " letters, digits, '-' or '_'");
            if (EnergyFlowDirection != null && EnergyFlowDirection != "INBOUND" && EnergyFlowDirection != "OUTBOUND")
            {
                throw new ArgumentException("EnergyFlowDirection must be INBOUND or OUTBOUND");
            }

            if (TariffDirection != null && TariffDirection != "IMPORT" && TariffDirection != "EXPORT" && TariffDirection != "LOCAL")
            {
                throw new ArgumentException("TariffDirection must be IMPORT, EXPORT or LOCAL");
            }

            if (RequestDeadlineMs < 1000) throw new ArgumentException("RequestDeadlineMs must be at least 1000");
            if (DeadlineGraceMs < 0) throw new ArgumentException("DeadlineGraceMs must not be negative");
            if (AttemptedStepRecords < 1 || AttemptedStepRecords > 1000) throw new ArgumentException("AttemptedStepRecords must be 1-1000");
            if (PaceMs < 0 || MaxPaceMs < PaceMs) throw new ArgumentException("PaceMs must be 0..MaxPaceMs");
            if (BackoffBaseMs < 1 || BackoffCapMs < BackoffBaseMs) throw new ArgumentException("BackoffBaseMs must be 1..BackoffCapMs");
            if (SlowRetryMs < 1) throw new ArgumentException("SlowRetryMs must be positive");
            if (TokenRenewMarginMs < 0) throw new ArgumentException("TokenRenewMarginMs must not be negative");
            if (ConfigurationFaultThreshold < 2) throw new ArgumentException("ConfigurationFaultThreshold must be at least 2");
            if (MaxSideRecords < 1 || MaxSideRecords > SideRecords.MaxCapacity) throw new ArgumentException("MaxSideRecords must be 1-" + SideRecords.MaxCapacity.ToString() + " (the side file's byte budget)");
        }

        private static void CheckId(string value, string name, bool required)
        {
            if (value == null)
            {
                if (required) throw new ArgumentException(name + " is required");
                return;
            }

            if (value.Length == 0 || value.Length > MaxIdLength) throw new ArgumentException(name + " must be 1-" + MaxIdLength + " characters");
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < 0x20 || value[i] > 0x7E) throw new ArgumentException(name + " must be printable ASCII");
            }
        }
    }
}
