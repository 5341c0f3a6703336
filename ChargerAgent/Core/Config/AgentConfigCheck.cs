using System;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Runtime;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// Builds, from a filled <see cref="AgentConfig"/>, everything the agent builds at start (its options, the
    /// uploader's options and credentials header, the meter chain) without touching any hardware, and reports the
    /// first refusal. <see cref="ConfigValidator"/> ends with it, so a configuration <c>config check</c> passes is one
    /// the agent starts with.
    /// </summary>
    public static class AgentConfigCheck
    {
        /// <summary>Why the agent would refuse <paramref name="config"/>, or null when it starts with it. Never contains a secret.</summary>
        public static string Problem(AgentConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            try
            {
                RuntimeSettings.Agent(config).Validate();
                RuntimeSettings.Ring(config).Validate();
                UploadOptions upload = RuntimeSettings.Upload(config);
                upload.Validate();
                BasicAuth.HeaderValue(upload.AccountId, upload.ApiKey);
                RuntimeSettings.Limit(config);
                if (config.MeterIsModbus)
                {
                    RuntimeSettings.ModbusMeter(config, new UnopenedLine(config.ModbusBaud), new StoppedClock());
                }

                return null;
            }
            catch (ArgumentException e)
            {
                // The options' messages name fields, never values.
                return "the agent refuses this configuration: " + e.Message;
            }
        }

        // A line that is never opened: the meter chain is built, never read.
        private sealed class UnopenedLine : ISerialLine
        {
            private readonly int baud;

            public UnopenedLine(int baud)
            {
                this.baud = baud;
            }

            public int BaudRate
            {
                get { return baud; }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                throw new InvalidOperationException("the configuration check never opens the meter line");
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
            {
                throw new InvalidOperationException("the configuration check never opens the meter line");
            }

            public void DiscardInput()
            {
            }
        }

        private sealed class StoppedClock : IClock
        {
            public long MonotonicMilliseconds
            {
                get { return 0; }
            }

            public bool TryGetUtc(out long unixSeconds)
            {
                unixSeconds = 0;
                return false;
            }
        }
    }
}
