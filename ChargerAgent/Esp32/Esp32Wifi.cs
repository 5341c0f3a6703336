using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// Keeps the board on Wi-Fi from a thread of its own, so the main loop never waits for the
    /// network. It connects with <c>WifiNetworkHelper.ConnectDhcp</c> and automatic reconnection,
    /// always with a cancellation token: with the default token the call waits forever
    /// (System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, ScanAndConnect →
    /// NetworkHelper.InternalWaitNetworkAvailable). Whether the network is up is decided by polling
    /// the interface's IPv4 address every <see cref="PollMs"/> (the availability event is not always
    /// raised), as the helper itself does (System.Net/NetworkHelper/NetworkHelperInternal.cs, CheckIP:
    /// an address starting with '0' means none). The Wi-Fi stack reconnects by itself
    /// (<c>WifiReconnectionKind.Automatic</c>); when the address stays missing the thread connects
    /// again after <see cref="FirstRetryMs"/>, doubling the wait up to <see cref="MaxRetryMs"/>,
    /// because each ConnectDhcp that is not already connected saves the Wi-Fi configuration to flash
    /// (WifiNetworkHelper.cs, StoreWifiConfiguration): a long outage must not wear the flash. Once up it makes sure SNTP runs
    /// (nanoFramework.Networking.Sntp/Sntp.cs: the ESP32 usually starts it by itself on getting an IP).
    /// </summary>
    public sealed class Esp32Wifi
    {
        /// <summary>Longest wait for one connect attempt, ms.</summary>
        public const int ConnectTimeoutMs = 30000;

        /// <summary>Time between address polls, ms.</summary>
        public const int PollMs = 2000;

        /// <summary>Time without an address before the first new connect attempt, ms.</summary>
        public const long FirstRetryMs = 60000;

        /// <summary>Longest wait between connect attempts during an outage, ms (at most 48 attempts a day).</summary>
        public const long MaxRetryMs = 1800000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly Thread _thread;
        // nanoFramework has no 'volatile' (IsVolatile is missing from its CoreLibrary); a bool and an int
        // are written whole, and the interpreter does not cache fields, so plain fields are read fresh.
        private bool _up;
        private int _attempts;

        /// <summary>Creates the keeper (call <see cref="Start"/>). The password is handed to the Wi-Fi stack only.</summary>
        public Esp32Wifi(string ssid, string password)
        {
            if (ssid == null || ssid.Length == 0) throw new ArgumentNullException(nameof(ssid));
            _ssid = ssid;
            _password = password ?? string.Empty;
            _thread = new Thread(Run);
        }

        /// <summary>True while the Wi-Fi interface has an IPv4 address.</summary>
        public bool IsUp => _up;

        /// <summary>Connect attempts made this boot.</summary>
        public int Attempts => _attempts;

        /// <summary>Starts the thread.</summary>
        public void Start()
        {
            _thread.Start();
        }

        private void Run()
        {
            long lastAttemptMs = 0;
            long retryMs = 0;
            bool sntpChecked = false;
            while (true)
            {
                try
                {
                    bool up = HasAddress();
                    _up = up;
                    long now = Environment.TickCount64;
                    if (up)
                    {
                        // After a drop, give the automatic reconnect FirstRetryMs before stepping in.
                        retryMs = FirstRetryMs;
                        lastAttemptMs = now;
                    }
                    else if (_attempts == 0 || now - lastAttemptMs >= retryMs)
                    {
                        lastAttemptMs = now;
                        retryMs = retryMs == 0 ? FirstRetryMs : (retryMs * 2 > MaxRetryMs ? MaxRetryMs : retryMs * 2);
                        _attempts++;
                        using (CancellationTokenSource deadline = new CancellationTokenSource(ConnectTimeoutMs))
                        {
                            // requiresDateTime false: the clock port watches the time itself.
                            WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, deadline.Token);
                        }

                        _up = HasAddress();
                    }

                    if (_up && !sntpChecked)
                    {
                        if (!Sntp.IsStarted) Sntp.Start();
                        sntpChecked = true;
                    }
                }
                catch (Exception)
                {
                    // The helper reports most failures through its Status; anything thrown here is
                    // retried on the next attempt. The main loop only sees IsUp.
                    _up = false;
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
