namespace ChargerAgent.Core.Status
{
    /// <summary>The status LED's pin. Setting it never blocks.</summary>
    public interface ILedOutput
    {
        /// <summary>Lights the LED (true) or darkens it.</summary>
        void Set(bool on);
    }
}
