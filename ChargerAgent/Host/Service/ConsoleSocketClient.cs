using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using ChargerAgent.Host.Run;

namespace ChargerAgent.Host.Service;

/// <summary>
/// The other end of <see cref="ConsoleSocketServer"/>: sends command lines to the running agent and
/// prints its answers, one command (<c>status</c>, <c>session start</c>…) or an interactive console.
/// </summary>
internal static class ConsoleSocketClient
{
    /// <summary>Where the README's systemd unit has the agent listen.</summary>
    public const string DefaultPath = "/run/chargeragent/console.sock";

    /// <summary>Connects to <paramref name="path"/>; false when nothing listens there.</summary>
    public static bool TryConnect(string path, out Socket socket)
    {
        socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            socket = null;
            return false;
        }
    }

    /// <summary>Sends the lines read from <paramref name="input"/> and copies the answers to <paramref name="output"/> until the agent has answered them all.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string path, TextReader input, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine("no agent console at " + path + ": is the agent running with --console-socket " + path + "? (systemctl status chargeragent)");
            return ExitCodes.NotRunning;
        }

        Socket socket;
        try
        {
            if (!TryConnect(path, out socket))
            {
                error.WriteLine("no agent answers at " + path + ": the agent is not running (a stale socket file)");
                return ExitCodes.NotRunning;
            }
        }
        catch (UnauthorizedAccessException)
        {
            socket = null;
        }

        if (socket == null)
        {
            error.WriteLine("cannot connect to " + path + ": permission denied (run as the agent's user: sudo -u chargeragent chargeragent …)");
            return ExitCodes.NotRunning;
        }

        using (socket)
        {
            // The answers' stream is made here, before the send side is shut: NetworkStream refuses a
            // socket that no longer counts as connected.
            var answersStream = new NetworkStream(socket, ownsSocket: false);
            var answers = new Thread(() => Copy(answersStream, output)) { IsBackground = true, Name = "console answers" };
            answers.Start();
            // Lines go out on the socket itself: a second NetworkStream over it, disposed while the
            // answers are still being read, could end the connection under the reader.
            string line;
            try
            {
                while ((line = input.ReadLine()) != null)
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
                    int sent = 0;
                    while (sent < bytes.Length) sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The agent closed the connection (it stopped): its answers so far are printed below.
            }

            answers.Join();
            return ExitCodes.Ok;
        }
    }

    private static void Copy(NetworkStream stream, TextWriter output)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
        catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
        {
            // Connection gone: nothing more to print.
        }
    }
}
