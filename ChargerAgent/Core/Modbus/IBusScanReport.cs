namespace ChargerAgent.Core.Modbus
{
    /// <summary>Where a <see cref="BusScan"/> tells what it does and finds.</summary>
    public interface IBusScanReport
    {
        /// <summary>The scan starts trying <paramref name="baud"/> and <paramref name="parity"/> on the addresses.</summary>
        void Trying(int baud, string parity, int firstAddress, int lastAddress);

        /// <summary>A meter answered at <paramref name="address"/> with these settings (<paramref name="answer"/> says how).</summary>
        void Found(int address, int baud, string parity, string answer);

        /// <summary>The line could not be opened with these settings; the scan goes on with the next ones.</summary>
        void LineProblem(int baud, string parity, string problem);
    }
}
