namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>The order of the 16-bit words of a multi-register value (each word is big-endian on the wire).</summary>
    public enum WordOrder : byte
    {
        /// <summary>Most significant word in the first register (Modbus's usual order; Eastron, ABB).</summary>
        HighWordFirst = 0,

        /// <summary>Least significant word in the first register ("word swapped").</summary>
        LowWordFirst = 1,
    }
}
