namespace ChargerAgent.Core.Modbus
{
    /// <summary>Why a Modbus transaction failed (<see cref="None"/> when it did not).</summary>
    public enum ModbusError : byte
    {
        /// <summary>The transaction succeeded.</summary>
        None = 0,

        /// <summary>Nothing came back within the response timeout (no slave, wrong address, wrong wiring or baud).</summary>
        NoAnswer = 1,

        /// <summary>Bytes came back but stopped before a whole frame (partial or truncated frame).</summary>
        ShortFrame = 2,

        /// <summary>A whole frame came back with a wrong CRC (noise, wrong baud or parity, a second master).</summary>
        BadCrc = 3,

        /// <summary>A valid frame came back from another slave address.</summary>
        WrongAddress = 4,

        /// <summary>A valid frame came back for another function code.</summary>
        WrongFunction = 5,

        /// <summary>A valid frame came back whose byte count does not match the registers asked for.</summary>
        BadByteCount = 6,

        /// <summary>The slave answered with a Modbus exception (see <see cref="ModbusResult.ExceptionCode"/>).</summary>
        ExceptionResponse = 7,

        /// <summary>The serial line failed (port closed, write timeout, I/O error).</summary>
        LineFault = 8,
    }
}
