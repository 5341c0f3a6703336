using System;
using System.Threading;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Time;
using ChargerAgent.Core.Watchdog;
using nanoFramework.Runtime.Native;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// The device half of the software watchdog (nanoFramework exposes no hardware watchdog): a
    /// thread that checks the <see cref="LoopWatchdog"/> every <see cref="CheckPeriodMs"/> and, when
    /// the main loop has stopped kicking it, writes the reboot note (<see cref="RebootNote"/>, with
    /// its own file store so it never waits on the main loop's open file) and reboots with
    /// <c>Power.RebootDevice</c> (nanoFramework.Runtime.Native/Power.cs).
    /// </summary>
    /// <remarks>
    /// It is a managed thread, so it runs only while the interpreter runs: a native call that blocks
    /// inside (a TLS handshake, a DNS lookup: see <see cref="Esp32Connection"/>) stops it with every
    /// other managed thread, and nothing else takes over: the ESP32 firmware starts without ESP-IDF's
    /// task watchdog (<c>CONFIG_ESP_TASK_WDT_INIT=n</c> in nf-interpreter's
    /// targets/ESP32/_IDF/sdkconfig.default*) and nanoFramework exposes no hardware watchdog. A stall
    /// that ends after more than the timeout is usually followed by a reboot from here, since the
    /// loop's last kick is then too old.
    /// </remarks>
    public sealed class Esp32Watchdog
    {
        /// <summary>Time between checks, ms.</summary>
        public const int CheckPeriodMs = 1000;

        private readonly LoopWatchdog _watchdog;
        private readonly IClock _clock;
        private readonly IFileStore _noteFiles;
        private readonly Thread _thread;

        /// <summary>Creates the thread (call <see cref="Start"/>).</summary>
        /// <param name="watchdog">The portable watchdog the main loop kicks.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="noteFiles">A file store used only for the reboot note, or null when flash is unusable.</param>
        public Esp32Watchdog(LoopWatchdog watchdog, IClock clock, IFileStore noteFiles)
        {
            if (watchdog == null) throw new ArgumentNullException(nameof(watchdog));
            if (clock == null) throw new ArgumentNullException(nameof(clock));
            _watchdog = watchdog;
            _clock = clock;
            _noteFiles = noteFiles;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
        }

        /// <summary>Starts watching.</summary>
        public void Start()
        {
            _thread.Start();
        }

        /// <summary>Writes the reboot note (best effort) and reboots. Used by the watchdog and by the main loop.</summary>
        public static void Reboot(IFileStore noteFiles, byte reason)
        {
            try
            {
                if (noteFiles != null) RebootNote.Write(noteFiles, reason);
            }
            catch (Exception)
            {
                // The reboot matters more than the note: the next boot then reports "power loss or unknown".
            }

            Power.RebootDevice();
        }

        private void Run()
        {
            while (true)
            {
                Thread.Sleep(CheckPeriodMs);
                if (_watchdog.IsExpired(_clock.MonotonicMilliseconds))
                {
                    Reboot(_noteFiles, RebootReason.Watchdog);
                }
            }
        }
    }
}
