namespace ChargerAgent.Core.Metering
{
    /// <summary>
    /// The energy-source port: everything downstream (intervals, sessions) sees a meter only
    /// through this. Implementations: S0 pulse counting, Modbus RTU register meters, simulators.
    /// </summary>
    public interface IEnergySource
    {
        /// <summary>
        /// True when the cumulative count survives the agent's reboot (a meter register), so energy
        /// used while the agent was down can be attributed; false for a pulse count kept in RAM.
        /// </summary>
        bool CountSurvivesReboot { get; }

        /// <summary>Maximum time one <see cref="Read"/> may take, in milliseconds (its I/O timeout and retries).</summary>
        int MaxReadMilliseconds { get; }

        /// <summary>Reads the meter into <paramref name="reading"/>. Never throws for meter faults: they are reported in the reading.</summary>
        void Read(ref EnergyReading reading);
    }
}
