namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// The readable reasons attached to Modbus results: constant strings, so a failure allocates nothing.
    /// Exception-code texts follow the Modbus Application Protocol Specification V1.1b3, section 7.
    /// </summary>
    public static class ModbusReasons
    {
        /// <summary>Reason for <see cref="ModbusError.None"/>.</summary>
        public const string Ok = "ok";

        /// <summary>Reason for <see cref="ModbusError.NoAnswer"/>.</summary>
        public const string NoAnswer = "no answer from the meter (check address, baud rate, parity and A/B wiring)";

        /// <summary>Reason for <see cref="ModbusError.ShortFrame"/>.</summary>
        public const string ShortFrame = "partial frame: the answer stopped early";

        /// <summary>Reason for <see cref="ModbusError.BadCrc"/>.</summary>
        public const string BadCrc = "CRC error (noise, wrong baud rate or parity)";

        /// <summary>Reason for <see cref="ModbusError.WrongAddress"/>.</summary>
        public const string WrongAddress = "answer from another slave address";

        /// <summary>Reason for <see cref="ModbusError.WrongFunction"/>.</summary>
        public const string WrongFunction = "answer for another function code";

        /// <summary>Reason for <see cref="ModbusError.BadByteCount"/>.</summary>
        public const string BadByteCount = "byte count does not match the registers asked for";

        /// <summary>Reason for <see cref="ModbusError.LineFault"/>.</summary>
        public const string LineFault = "serial line fault";

        /// <summary>Exception code 01.</summary>
        public const string IllegalFunction = "illegal function";

        /// <summary>Exception code 02.</summary>
        public const string IllegalDataAddress = "illegal data address";

        /// <summary>Exception code 03.</summary>
        public const string IllegalDataValue = "illegal data value";

        /// <summary>Exception code 04.</summary>
        public const string SlaveDeviceFailure = "slave device failure";

        /// <summary>Exception code 05.</summary>
        public const string Acknowledge = "acknowledge (slave busy with a long command)";

        /// <summary>Exception code 06.</summary>
        public const string SlaveDeviceBusy = "slave device busy";

        /// <summary>Exception code 08.</summary>
        public const string MemoryParityError = "memory parity error";

        /// <summary>Exception code 0A.</summary>
        public const string GatewayPathUnavailable = "gateway path unavailable";

        /// <summary>Exception code 0B.</summary>
        public const string GatewayTargetFailed = "gateway target device failed to respond";

        /// <summary>Any other exception code.</summary>
        public const string UnknownException = "unknown exception code";

        /// <summary>The constant text of a Modbus exception code.</summary>
        public static string ForExceptionCode(byte code)
        {
            switch (code)
            {
                case 0x01: return IllegalFunction;
                case 0x02: return IllegalDataAddress;
                case 0x03: return IllegalDataValue;
                case 0x04: return SlaveDeviceFailure;
                case 0x05: return Acknowledge;
                case 0x06: return SlaveDeviceBusy;
                case 0x08: return MemoryParityError;
                case 0x0A: return GatewayPathUnavailable;
                case 0x0B: return GatewayTargetFailed;
                default: return UnknownException;
            }
        }

        /// <summary>The constant reason of an error other than <see cref="ModbusError.ExceptionResponse"/>.</summary>
        public static string ForError(ModbusError error)
        {
            switch (error)
            {
                case ModbusError.None: return Ok;
                case ModbusError.NoAnswer: return NoAnswer;
                case ModbusError.ShortFrame: return ShortFrame;
                case ModbusError.BadCrc: return BadCrc;
                case ModbusError.WrongAddress: return WrongAddress;
                case ModbusError.WrongFunction: return WrongFunction;
                case ModbusError.BadByteCount: return BadByteCount;
                case ModbusError.LineFault: return LineFault;
                default: return UnknownException;
            }
        }

        /// <summary>The short name of an error, for logs and JSON ("no-answer", "crc"…): enum names print as numbers on the device.</summary>
        public static string Name(ModbusError error)
        {
            switch (error)
            {
                case ModbusError.None: return "none";
                case ModbusError.NoAnswer: return "no-answer";
                case ModbusError.ShortFrame: return "short-frame";
                case ModbusError.BadCrc: return "crc";
                case ModbusError.WrongAddress: return "wrong-address";
                case ModbusError.WrongFunction: return "wrong-function";
                case ModbusError.BadByteCount: return "byte-count";
                case ModbusError.ExceptionResponse: return "exception";
                case ModbusError.LineFault: return "line-fault";
                default: return "unknown";
            }
        }
    }
}
