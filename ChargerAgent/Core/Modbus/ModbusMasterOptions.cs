using System;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>Timeouts and retries of the Modbus RTU master, all explicit, units in the names.</summary>
    public sealed class ModbusMasterOptions
    {
        /// <summary>Default time a slave has to start answering: 300 ms (Eastron and ABB answer within ~100 ms).</summary>
        public const int DefaultResponseTimeoutMs = 300;

        /// <summary>Default gap after which a started frame is taken as ended: 50 ms (USB adapters deliver in bursts).</summary>
        public const int DefaultFrameGapMs = 50;

        /// <summary>Default retries after a failed attempt (no answer, CRC, partial frame): 2, so 3 attempts.</summary>
        public const int DefaultRetries = 2;

        /// <summary>Most retries allowed: retries are bounded so a read has a bounded duration.</summary>
        public const int MaxRetries = 5;

        /// <summary>Longest response timeout accepted: 5000 ms.</summary>
        public const int MaxResponseTimeoutMs = 5000;

        private int responseTimeoutMs = DefaultResponseTimeoutMs;
        private int frameGapMs = DefaultFrameGapMs;
        private int retries = DefaultRetries;

        /// <summary>Time the slave has, after the request is written, to finish its answer (1..5000 ms).</summary>
        public int ResponseTimeoutMs
        {
            get { return responseTimeoutMs; }
            set
            {
                if (value < 1 || value > MaxResponseTimeoutMs)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                responseTimeoutMs = value;
            }
        }

        /// <summary>Silence after a byte that ends a frame that has not reached its announced length (1..5000 ms).</summary>
        public int FrameGapMs
        {
            get { return frameGapMs; }
            set
            {
                if (value < 1 || value > MaxResponseTimeoutMs)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                frameGapMs = value;
            }
        }

        /// <summary>Retries after a failed attempt (0..5). Exception responses are answers: never retried.</summary>
        public int Retries
        {
            get { return retries; }
            set
            {
                if (value < 0 || value > MaxRetries)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                retries = value;
            }
        }

        /// <summary>
        /// Skip a copy of the request read back before the answer (an RS485 transceiver whose receiver stays
        /// enabled while it transmits). Detected by comparing the first bytes with the request. Default true.
        /// </summary>
        public bool SkipEcho { get; set; } = true;
    }
}
