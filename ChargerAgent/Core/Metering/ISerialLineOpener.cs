namespace ChargerAgent.Core.Metering
{
    /// <summary>Opens the meter's RS485 line with given settings (for a bus scan, which tries many).</summary>
    public interface ISerialLineOpener
    {
        /// <summary>Opens the line at <paramref name="baud"/>, <paramref name="parity"/> (none, even, odd) and <paramref name="stopBits"/>.</summary>
        /// <returns>The open line, or null with <paramref name="problem"/> (one line for people) when it cannot be opened.</returns>
        ISerialLine Open(int baud, string parity, int stopBits, out string problem);

        /// <summary>Closes a line <see cref="Open"/> returned.</summary>
        void Close(ISerialLine line);
    }
}
