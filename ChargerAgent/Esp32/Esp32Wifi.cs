using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using ChargerAgent.Core.Network;
using nanoFramework.Networking;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// Keeps the board on Wi-Fi from a thread of its own, so the main loop never waits for the
    /// network. The thread only observes and acts; what the observations mean and when to connect
    /// again is decided by the portable <see cref="NetworkMonitor"/>. Every <see cref="PollMs"/> it
    /// reads the interface's IPv4 address (the availability event is not always raised), as
    /// nanoFramework's own helper does (System.Net/NetworkHelper/NetworkHelperInternal.cs, CheckIP:
    /// an address starting with '0' means none), and the wall clock.
    /// </summary>
    /// <remarks>
    /// <para>SNTP is not touched. The ESP32 firmware starts its SNTP client by itself each time the
    /// station gets an IP address (nf-interpreter targets/ESP32/_common/targetHAL_Network.cpp:313-319,
    /// IP_EVENT_STA_GOT_IP → initialize_sntp), and there is no call that says it has synchronised;
    /// <c>Sntp.IsStarted</c> even throws on the device, its static native getter faults on a null
    /// <c>this</c> (src/DeviceInterfaces/Networking.Sntp/nf_networking_sntp_nanoFramework_Networking_Sntp.cpp:53-67).
    /// So the clock counts as set once it reads 2021 or later (<see cref="WallClock"/>).</para>
    /// <para>A connect attempt is <c>WifiNetworkHelper.ConnectDhcp</c> with automatic reconnection,
    /// always with a cancellation token: with the default token the call waits forever
    /// (System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, ScanAndConnect →
    /// NetworkHelper.InternalWaitNetworkAvailable), and each one that is not already connected
    /// saves the Wi-Fi configuration to flash (StoreWifiConfiguration), which is why the monitor
    /// backs off during an outage.</para>
    /// </remarks>
    public sealed class Esp32Wifi
    {
        /// <summary>Longest wait for one connect attempt, ms.</summary>
        public const int ConnectTimeoutMs = 30000;

        /// <summary>Time between observations, ms.</summary>
        public const int PollMs = 2000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly Thread _thread;
        private readonly NetworkMonitor _monitor = new NetworkMonitor();

        /// <summary>Creates the keeper (call <see cref="Start"/>). The password is handed to the Wi-Fi stack only.</summary>
        public Esp32Wifi(string ssid, string password)
        {
            if (ssid == null || ssid.Length == 0) throw new ArgumentNullException(nameof(ssid));
            _ssid = ssid;
            _password = password ?? string.Empty;
            _thread = new Thread(Run);
        }

        /// <summary>True while the Wi-Fi interface has an IPv4 address (as last observed).</summary>
        // nanoFramework has no 'volatile' (IsVolatile is missing from its CoreLibrary); the monitor's
        // fields are written whole and the interpreter does not cache fields, so reads are fresh.
        public bool IsUp => _monitor.IsUp;

        /// <summary>One of <see cref="NetworkState"/>.</summary>
        public byte State => _monitor.State;

        /// <summary>Connect attempts made this boot.</summary>
        public int Attempts => _monitor.Attempts;

        /// <summary>Starts the thread.</summary>
        public void Start()
        {
            _thread.Start();
        }

        private void Run()
        {
            while (true)
            {
                long now = Environment.TickCount64;
                try
                {
                    _monitor.AddressObserved(HasAddress(), now);
                }
                catch (Exception)
                {
                    _monitor.ObservationFailed(now);
                }

                _monitor.ClockObserved(DateTime.UtcNow.Ticks, now);
                if (_monitor.TakeConnectAttempt(now))
                {
                    bool address = false;
                    try
                    {
                        using (CancellationTokenSource deadline = new CancellationTokenSource(ConnectTimeoutMs))
                        {
                            // requiresDateTime false: the clock is watched here, not waited for.
                            WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, deadline.Token);
                        }

                        address = HasAddress();
                    }
                    catch (Exception)
                    {
                        // The helper reports most failures through its Status; a throw is one more
                        // failed attempt, and the monitor schedules the next.
                    }

                    _monitor.AttemptEnded(address, Environment.TickCount64);
                }

                Thread.Sleep(PollMs);
            }
        }

        private static bool HasAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                NetworkInterface ni = interfaces[i];
                if (ni.NetworkInterfaceType != NetworkInterfaceType.Wireless80211) continue;
                string address = ni.IPv4Address;
                if (address != null && address.Length > 0 && address[0] != '0') return true;
            }

            return false;
        }
    }
}
