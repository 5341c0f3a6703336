using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// <see cref="IHttpConnection"/> over nanoFramework's <c>Socket</c> and <c>SslStream</c>
    /// (nanoFramework.System.Net 1.11.54). What bounds each wait, from the sources: nanoframework/System.Net
    /// at v1.11.54 and nanoframework/nf-interpreter at 3367392a, the firmware named in
    /// hardware/firmware.csv (paths below are in nf-interpreter unless they end in .cs).
    /// <list type="bullet">
    /// <item>DNS (<c>Dns.GetHostEntry</c>): the native getaddrinfo calls <c>lwip_getaddrinfo</c>,
    /// which blocks inside the call (src/PAL/Lwip/lwIP_Sockets.cpp:774); the 30 s bound and the
    /// wait loop around it (src/DeviceInterfaces/System.Net/sys_net_native_System_Net_Sockets_NativeSocket.cpp:149-191)
    /// only act on a would-block answer, which lwIP's blocking lookup never gives. So no managed
    /// thread runs during a lookup, which ends when lwIP's own DNS retries end. The address is
    /// therefore kept for <see cref="AddressCacheMs"/> and looked up again only after that or a failure.</item>
    /// <item>TCP connect (<c>Socket.Connect</c>): connects non-blocking, then waits in
    /// <c>Poll(-1, SelectWrite)</c> (Sockets/Socket.cs:334-351), a wait that lets other managed
    /// threads run (NativeSocket.cpp:386-395, WaitEvents) but has no bound of its own, and the
    /// managed API offers none (no public Blocking setter, no connect timeout). lwIP ends it when its
    /// SYN retries run out.</item>
    /// <item>TLS handshake (<c>SslStream.AuthenticateAsClient</c>): ssl_connect_internal switches the
    /// socket to blocking and loops on <c>mbedtls_ssl_handshake</c> until it succeeds or fails
    /// (src/PAL/COM/sockets/ssl/MbedTLS/ssl_connect_internal.cpp:48-59), inside one native call whose
    /// own timeout is infinite (sys_net_native_System_Net_Security_SslNative.cpp:151-172; its
    /// wait branch needs a would-block answer the blocking loop never gives). mbedTLS reads through
    /// <c>mbedtls_net_recv_timeout</c> with its read timeout, never configured and so 0: a
    /// <c>select</c> without a timeout (src/PAL/COM/sockets/ssl/MbedTLS/ssl_generic.cpp:143-179).
    /// Neither <c>ReceiveTimeout</c> nor <c>SO_RCVTIMEO</c> reaches it, and no managed thread runs
    /// meanwhile. Only the TCP layer ends it: a reset, or TCP keepalive on a dead path, set here to
    /// give up after <see cref="KeepAliveIdleSeconds"/> + <see cref="KeepAliveCount"/> x
    /// <see cref="KeepAliveIntervalSeconds"/> s without an answer from the peer. A server that keeps
    /// the connection alive but never answers the handshake holds the board: nothing in the stock
    /// firmware bounds that.</item>
    /// <item>Send and receive after the handshake (<c>SslStream.Write/Read</c>, <c>NetworkStream</c>):
    /// bounded by the socket's <c>SendTimeout</c>/<c>ReceiveTimeout</c>, passed to the native call
    /// (Security/SslStream.cs:280,311; Sockets/Socket.cs:572,737), which waits with other threads
    /// running and throws a SocketException on timeout (SslNative.cpp:257-360, ReadWriteHelper;
    /// NativeSocket.cpp:785-808). Both are set before every call to what is left of the request's
    /// deadline.</item>
    /// </list>
    /// A held TLS session keeps mbedTLS's input and output record buffers, about 16.7 KB each on an
    /// ESP32 (nanoframework/Home#792): the client closes an idle connection after a short bound.
    /// </summary>
    public sealed class Esp32Connection : IHttpConnection
    {
        /// <summary>How long a looked-up address is used before it is looked up again, ms.</summary>
        public const long AddressCacheMs = 600000;

        /// <summary>Idle seconds before lwIP sends the first TCP keepalive probe.</summary>
        public const int KeepAliveIdleSeconds = 10;

        /// <summary>Seconds between TCP keepalive probes.</summary>
        public const int KeepAliveIntervalSeconds = 5;

        /// <summary>Unanswered probes after which lwIP drops the connection.</summary>
        public const int KeepAliveCount = 3;

        // lwIP's TCP-level option names (lwip/sockets.h: TCP_KEEPIDLE 0x03, TCP_KEEPINTVL 0x04,
        // TCP_KEEPCNT 0x05, in seconds). nanoFramework's managed enum lacks them; its native side
        // passes unknown TCP option names to lwIP unchanged (src/PAL/Lwip/lwIP_Sockets.cpp:1535-1553,
        // GetNativeTcpOption: "allow the C# user to specify LWIP options that our managed enum doesn't support").
        private const int TcpKeepIdle = 0x03;
        private const int TcpKeepInterval = 0x04;
        private const int TcpKeepCount = 0x05;

        // WSAETIMEDOUT, what the native waits throw when their bound passes (SslNative.cpp:351, SOCK_ETIMEDOUT = 10060L in src/PAL/Include/nanoPAL_Sockets.h).
        private const int TimedOut = 10060;

        private readonly X509Certificate extraRoot;
        private Socket socket;
        private SslStream secure;
        private NetworkStream plain;
        private string cachedHost;
        private IPAddress cachedAddress;
        private long cachedAtMs;

        /// <summary>Creates the connection (closed).</summary>
        /// <param name="extraRoot">Root certificates to trust besides the device's CA store, or null.
        /// They add to the store, they do not replace it: the device store is always loaded
        /// (src/PAL/COM/sockets/ssl/MbedTLS/ssl_generic_init_internal.cpp:194-215) and the given PEM
        /// appended with <c>mbedtls_x509_crt_parse</c>, which takes every certificate block of it
        /// (SslNative.cpp:504-532, ssl_add_cert_auth_internal.cpp:30).</param>
        public Esp32Connection(X509Certificate extraRoot)
        {
            this.extraRoot = extraRoot;
        }

        /// <inheritdoc />
        public void Open(HttpTarget target, int timeoutMs)
        {
            Close();
            IPAddress address = Resolve(target.Host);
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Option(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, 1);
            Option(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, 1);
            Option(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepIdle, KeepAliveIdleSeconds);
            Option(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepInterval, KeepAliveIntervalSeconds);
            Option(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepCount, KeepAliveCount);

            // Set before the handshake too, though the handshake does not read them (see above).
            socket.ReceiveTimeout = timeoutMs;
            socket.SendTimeout = timeoutMs;
            try
            {
                socket.Connect(new IPEndPoint(address, target.Port));
            }
            catch (Exception e)
            {
                Forget();
                Close();
                throw new HttpTransportException(HttpOutcome.NotSent, "connect failed: " + Describe(e));
            }

            if (!target.Secure)
            {
                plain = new NetworkStream(socket, false);
                return;
            }

            try
            {
                secure = new SslStream(socket);
                secure.SslVerification = SslVerification.CertificateRequired;
                secure.AuthenticateAsClient(target.Host, null, extraRoot, SslProtocols.Tls12);
            }
            catch (Exception e)
            {
                Forget();
                Close();
                // One unreadable certificate in ca.pem makes every TLS context fail to start
                // (ssl_add_cert_auth_internal.cpp:30 needs all of it parsed; SslNative.cpp:527-531 throws).
                string hint = extraRoot == null ? string.Empty : " (ca.pem is in use: every certificate in it must be readable)";
                throw new HttpTransportException(HttpOutcome.TlsError, "TLS handshake failed: " + Describe(e) + hint);
            }
        }

        /// <inheritdoc />
        public bool IsUsable()
        {
            if (socket == null) return false;
            try
            {
                // Readable while idle means the server closed (or sent an alert): not usable.
                // Poll(0, …) returns at once (NativeSocket.cpp:354-395). With TLS 1.2 only
                // (SslProtocols.Tls12 sets both the lowest and highest version,
                // ssl_generic_init_internal.cpp:157-185) no post-handshake message is expected.
                if (secure != null && secure.DataAvailable) return false;
                return !socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public void Write(byte[] data, int offset, int count, int timeoutMs)
        {
            try
            {
                socket.SendTimeout = timeoutMs;
                if (secure != null) secure.Write(data, offset, count);
                else plain.Write(data, offset, count);
            }
            catch (Exception e)
            {
                throw Failure("send failed", e);
            }
        }

        /// <inheritdoc />
        public int Read(byte[] data, int offset, int count, int timeoutMs)
        {
            try
            {
                socket.ReceiveTimeout = timeoutMs;
                return secure != null ? secure.Read(data, offset, count) : plain.Read(data, offset, count);
            }
            catch (Exception e)
            {
                throw Failure("receive failed", e);
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            // SslStream.Dispose closes the socket and frees the TLS context (Security/SslStream.cs:231-250).
            if (secure != null)
            {
                try
                {
                    secure.Dispose();
                }
                catch (Exception)
                {
                    // Closing must never fail the caller.
                }
            }

            if (plain != null)
            {
                try
                {
                    plain.Dispose();
                }
                catch (Exception)
                {
                    // As above.
                }
            }

            if (socket != null)
            {
                try
                {
                    socket.Close();
                }
                catch (Exception)
                {
                    // As above.
                }
            }

            secure = null;
            plain = null;
            socket = null;
        }

        private IPAddress Resolve(string host)
        {
            long now = Environment.TickCount64;
            if (cachedAddress != null && host == cachedHost && now - cachedAtMs < AddressCacheMs) return cachedAddress;
            IPAddress found = null;
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                IPAddress[] addresses = entry.AddressList;
                for (int i = 0; i < addresses.Length && found == null; i++)
                {
                    if (addresses[i] != null && addresses[i].AddressFamily == AddressFamily.InterNetwork) found = addresses[i];
                }
            }
            catch (Exception e)
            {
                throw new HttpTransportException(HttpOutcome.NotSent, "host name not resolved: " + Describe(e));
            }

            if (found == null) throw new HttpTransportException(HttpOutcome.NotSent, "host name has no IPv4 address");
            cachedHost = host;
            cachedAddress = found;
            cachedAtMs = now;
            return found;
        }

        private void Forget()
        {
            cachedAddress = null;
            cachedHost = null;
        }

        private void Option(SocketOptionLevel level, SocketOptionName name, int value)
        {
            try
            {
                socket.SetSocketOption(level, name, value);
            }
            catch (Exception)
            {
                // An option the stack refuses leaves that bound to lwIP's default; the connection still works.
            }
        }

        private static HttpTransportException Failure(string what, Exception e)
        {
            SocketException socketError = e as SocketException;
            if (socketError != null && socketError.ErrorCode == TimedOut) return new HttpTransportException(HttpOutcome.Timeout, what + ": timed out");
            return new HttpTransportException(HttpOutcome.NetworkError, what + ": " + Describe(e));
        }

        // Only the exception's type and socket error code: messages can quote what was sent.
        private static string Describe(Exception e)
        {
            SocketException socketError = e as SocketException;
            if (socketError != null) return "socket error " + socketError.ErrorCode.ToString();
            return e.GetType().Name;
        }
    }
}
