using System;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Plausibility;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Core.Sessions;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Runtime
{
    /// <summary>
    /// Turns a validated <see cref="AgentConfig"/> (the configuration file shared by the firmware and
    /// the desktop agent) into the options and the meter of an <see cref="AgentRuntime"/>.
    /// </summary>
    public static class RuntimeSettings
    {
        /// <summary>The agent's options from the configuration.</summary>
        public static AgentOptions Agent(AgentConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (config.DeviceIdConflict) throw new ArgumentException(ConfigValidator.DeviceIdConflictProblem);
            var options = new AgentOptions();
            options.DeviceId = config.DeviceId;
            options.MaxPowerW = config.MaxPowerW;
            options.PulseCheckpointStepWh = config.S0CheckpointWh;
            options.DetectorThresholdW = config.SessionStartWatts;
            options.DetectorStopAfterSeconds = config.SessionStopDelaySeconds;
            switch (config.SessionSource)
            {
                case "power":
                    options.SessionSources = SessionSources.PowerDetector;
                    break;
                case "both":
                    options.SessionSources = SessionSources.Console | SessionSources.Signal | SessionSources.PowerDetector;
                    break;
                default:
                    options.SessionSources = SessionSources.Console | SessionSources.Signal;
                    break;
            }

            return options;
        }

        /// <summary>The ring's sizes from the configuration: the default ring on the partition it names (<see cref="RingOptions.Validate"/> refuses one that does not fit).</summary>
        public static RingOptions Ring(AgentConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            RingOptions options = new RingOptions();
            options.PartitionBytes = config.FlashPartitionKb * 1024;
            return options;
        }

        /// <summary>The uploader's options from the configuration.</summary>
        public static UploadOptions Upload(AgentConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            var options = new UploadOptions();
            options.BaseUrl = config.BaseUrl;
            options.AccountId = config.AccountId;
            options.ApiKey = config.ApiKey;
            options.LocationId = config.LocationId;
            options.ReferenceDeviceId = config.DeviceId;
            options.FlatpeakDeviceId = config.FlatpeakDevice;
            options.FlatpeakDeviceReference = config.FlatpeakDeviceReference;
            options.ReadPrices = config.ReadPrices;
            options.TariffDirection = config.TariffDirection;
            options.EnergyFlowDirection = config.FlowDirection;
            options.SendConfidence = config.SendConfidence;
            options.PaceMs = config.UploadMinGapMs;
            options.RequestDeadlineMs = config.UploadTimeoutSeconds * 1000;
            options.BackoffCapMs = config.UploadMaxBackoffSeconds * 1000;
            return options;
        }

        /// <summary>The charger's power limit from the configuration.</summary>
        public static PowerLimit Limit(AgentConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            return new PowerLimit(config.VoltageV, config.MaxCurrentA, config.Phases);
        }

        /// <summary>An S0 meter on <paramref name="counter"/>, as configured.</summary>
        public static IEnergySource PulseMeter(AgentConfig config, IPulseCounter counter, IClock clock, long counterModulus)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            return new S0EnergySource(counter, clock, config.S0ImpulsesPerKwh, Limit(config), counterModulus);
        }

        /// <summary>A Modbus register meter on <paramref name="line"/>, as configured: polled, behind the plausibility filter.</summary>
        /// <exception cref="ArgumentException">The configured profile is unknown.</exception>
        public static IEnergySource ModbusMeter(AgentConfig config, ISerialLine line, IClock clock)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            MeterProfile profile = config.ModbusMeterProfile;
            if (profile == null && !MeterProfiles.TryFind(config.ModbusProfile, out profile))
            {
                throw new ArgumentException("modbus.profile: unknown meter profile '" + config.ModbusProfile + "'");
            }

            string serial = SerialSettings.Problem(config.ModbusBaud, config.ModbusParity, config.ModbusStopBits);
            if (serial != null) throw new ArgumentException("modbus: " + serial);

            var masterOptions = new ModbusMasterOptions();
            masterOptions.ResponseTimeoutMs = config.ModbusTimeoutMs;
            var master = new ModbusRtuMaster(line, clock, masterOptions);
            var meter = new ModbusEnergySource(master, profile, (byte)config.ModbusAddress, clock);
            var checkedMeter = new PlausibilityFilter(meter, new PlausibilityOptions(Limit(config)));
            return new PolledEnergySource(checkedMeter, clock, config.ModbusPollSeconds * 1000);
        }
    }
}
