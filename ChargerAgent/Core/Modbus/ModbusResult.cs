namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// The outcome of one Modbus transaction, filled in place (a value type: no allocation per poll).
    /// <see cref="Reason"/> is always a constant string; <see cref="Describe"/> builds the full text
    /// ("illegal data address 0x0048") for display, and allocates.
    /// </summary>
    public struct ModbusResult
    {
        /// <summary>What went wrong, or <see cref="ModbusError.None"/>.</summary>
        public ModbusError Error;

        /// <summary>A constant, readable reason (see <see cref="ModbusReasons"/>).</summary>
        public string Reason;

        /// <summary>The exception code when <see cref="Error"/> is <see cref="ModbusError.ExceptionResponse"/>, else 0.</summary>
        public byte ExceptionCode;

        /// <summary>The slave address asked.</summary>
        public byte Slave;

        /// <summary>The function code asked (03 or 04).</summary>
        public byte Function;

        /// <summary>The first register asked.</summary>
        public ushort Register;

        /// <summary>How many attempts the transaction took (1 when the first one answered).</summary>
        public int Attempts;

        /// <summary>True when the transaction succeeded.</summary>
        public bool Ok
        {
            get { return Error == ModbusError.None; }
        }

        /// <summary>Sets the outcome to <paramref name="error"/> with its constant reason.</summary>
        public void Fail(ModbusError error)
        {
            Error = error;
            ExceptionCode = 0;
            Reason = ModbusReasons.ForError(error);
        }

        /// <summary>Sets the outcome to an exception response with code <paramref name="code"/>.</summary>
        public void FailWithException(byte code)
        {
            Error = ModbusError.ExceptionResponse;
            ExceptionCode = code;
            Reason = ModbusReasons.ForExceptionCode(code);
        }

        /// <summary>Sets the outcome to success.</summary>
        public void Succeed()
        {
            Error = ModbusError.None;
            ExceptionCode = 0;
            Reason = ModbusReasons.Ok;
        }

        /// <summary>
        /// The full readable text: for an exception, its text and the register asked, e.g.
        /// "illegal data address 0x0048 (exception 02, slave 1, function 04)". Allocates: for display only.
        /// </summary>
        public string Describe()
        {
            if (Error == ModbusError.ExceptionResponse)
            {
                return Reason + " " + Hex.Word(Register) + " (exception " + Hex.Byte(ExceptionCode) + ", slave "
                    + Slave.ToString() + ", function " + Hex.Byte(Function) + ")";
            }

            if (Error == ModbusError.None)
            {
                return ModbusReasons.Ok;
            }

            return Reason + " (slave " + Slave.ToString() + ", function " + Hex.Byte(Function) + ", register "
                + Hex.Word(Register) + ", " + Attempts.ToString() + " attempt(s))";
        }
    }
}
