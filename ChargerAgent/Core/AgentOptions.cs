using System;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Sessions;

namespace ChargerAgent.Core
{
    /// <summary>What an <see cref="Agent"/> needs to know besides its ports. Checked by <see cref="Validate"/>.</summary>
    public sealed class AgentOptions
    {
        /// <summary>Device id: part of every reference id (letters, digits, '-', '_').</summary>
        public string DeviceId;

        /// <summary>Sources that may start and stop sessions.</summary>
        public SessionSources SessionSources = SessionSources.Console | SessionSources.Signal;

        /// <summary>Power detector: charging at or above this power, W.</summary>
        public int DetectorThresholdW = 1000;

        /// <summary>Power detector: seconds above the threshold before a session starts.</summary>
        public int DetectorStartAfterSeconds = 30;

        /// <summary>Power detector: seconds below the threshold before a session stops.</summary>
        public int DetectorStopAfterSeconds = 300;

        /// <summary>Pulse meters: save the checkpoint every time this much energy was counted since the last save, Wh.</summary>
        public int PulseCheckpointStepWh = 20;

        /// <summary>Maximum power (voltage × maximum current × phases), W: the bound of unseen energy.</summary>
        public int MaxPowerW = 22080;

        /// <summary>Confidence of energy spread over a downtime (register meters), percent (10–99).</summary>
        public byte DowntimeConfidencePercent = 50;

        /// <summary>Length of a boot-relative period before the clock is known, seconds (records cannot align to UTC then).</summary>
        public int UnsyncedPeriodSeconds = 1800;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
        public void Validate()
        {
            if (!ReferenceIds.IsValidDeviceId(DeviceId)) throw new ArgumentException("DeviceId: 1-" + ReferenceIds.MaxDeviceIdLength + " letters, digits, '-' or '_'");
            if (DetectorThresholdW <= 0) throw new ArgumentException("DetectorThresholdW must be positive");
            if (DetectorStartAfterSeconds < 0 || DetectorStopAfterSeconds < 0) throw new ArgumentException("detector delays must not be negative");
            if (PulseCheckpointStepWh < 1) throw new ArgumentException("PulseCheckpointStepWh must be at least 1");
            if (MaxPowerW <= 0) throw new ArgumentException("MaxPowerW must be positive");
            if (DowntimeConfidencePercent < 10 || DowntimeConfidencePercent > 99) throw new ArgumentException("DowntimeConfidencePercent: 10-99");
            if (UnsyncedPeriodSeconds < 60 || UnsyncedPeriodSeconds > 86400) throw new ArgumentException("UnsyncedPeriodSeconds: 60-86400");
        }
    }
}
