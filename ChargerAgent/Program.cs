using System.Diagnostics;
using System.Threading;

namespace ChargerAgent
{
    /// <summary>Firmware entry point on the ESP32.</summary>
    public class Program
    {
        /// <summary>Starts the agent.</summary>
        public static void Main()
        {
            Debug.WriteLine("ChargerAgent starting");
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
