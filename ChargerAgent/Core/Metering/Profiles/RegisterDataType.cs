namespace ChargerAgent.Core.Metering.Profiles
{
    /// <summary>How a meter value is laid out in its 16-bit registers.</summary>
    public enum RegisterDataType : byte
    {
        /// <summary>IEEE 754 single precision over two registers.</summary>
        Float32 = 0,

        /// <summary>Signed 32-bit integer over two registers.</summary>
        Int32 = 1,

        /// <summary>Unsigned 32-bit integer over two registers.</summary>
        UInt32 = 2,

        /// <summary>Signed 64-bit integer over four registers.</summary>
        Int64 = 3,

        /// <summary>Unsigned 64-bit integer over four registers.</summary>
        UInt64 = 4,
    }
}
