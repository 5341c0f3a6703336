using ChargerAgent.Core.Metering;

namespace ChargerAgent.Core.Status
{
    /// <summary>Chooses the LED state from the agent's status, and names the states for people.</summary>
    public static class LedStates
    {
        /// <summary>Number of states.</summary>
        public const int Count = 9;

        private static readonly string[] Names =
        {
            "booting", "no configuration", "meter fault", "ring nearly full", "no Wi-Fi",
            "no valid time", "credentials rejected", "backlog draining", "all sent",
        };

        /// <summary>The state the LED shows for <paramref name="status"/>: the highest-priority condition that holds.</summary>
        public static LedState Select(AgentStatus status)
        {
            if (status == null) throw new System.ArgumentNullException(nameof(status));
            BoardStatus board = status.Board;
            RecordingStatus recording = status.Recording;
            DeliveryStatus delivery = status.Delivery;
            if (board.Booting) return LedState.Booting;
            if (board.ConfigurationMissing) return LedState.NoConfiguration;
            if (recording.MeterHealth == MeterHealth.NoAnswer || recording.MeterHealth == MeterHealth.BadData) return LedState.MeterFault;
            if (delivery.RingNearlyFull || recording.RingFull || recording.FlashWriteFailed) return LedState.RingNearlyFull;
            if (!board.NetworkUp) return LedState.NoWifi;
            if (!recording.ClockTrusted) return LedState.NoValidTime;
            if (delivery.CredentialsRejected || delivery.UploadPausedByConfigurationFault) return LedState.CredentialsRejected;
            if (delivery.Backlog > 0) return LedState.BacklogDraining;
            return LedState.AllSent;
        }

        /// <summary>The state's name as the console and the README write it (enum names print as numbers on the device).</summary>
        public static string Name(LedState state)
        {
            int index = (int)state;
            return index >= 0 && index < Names.Length ? Names[index] : "unknown";
        }
    }
}
