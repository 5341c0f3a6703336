namespace ChargerAgent.Core.Status
{
    /// <summary>
    /// What the agent shows, read by the LED pattern, the serial console and the desktop status
    /// view: one section per part that fills it, each handed only to its owner, so no part writes
    /// another's. The agent fills <see cref="Recording"/>, the delivery <see cref="Delivery"/>, the
    /// price reader <see cref="Prices"/> and the firmware or desktop host <see cref="Board"/>. The
    /// sections are made once and updated in place (no allocation per tick).
    /// </summary>
    public sealed class AgentStatus
    {
        /// <summary>The agent's clock, meter, interval, session, ring and accounting.</summary>
        public readonly RecordingStatus Recording = new RecordingStatus();

        /// <summary>The upload queue, the last upload and the costs.</summary>
        public readonly DeliveryStatus Delivery = new DeliveryStatus();

        /// <summary>The current and next half-hour's price.</summary>
        public readonly PriceStatus Prices = new PriceStatus();

        /// <summary>The configuration, network, boot, memory and loop faults.</summary>
        public readonly BoardStatus Board = new BoardStatus();
    }
}
