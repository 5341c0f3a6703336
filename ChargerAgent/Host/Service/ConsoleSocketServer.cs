using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using ChargerAgent.Core.Console;
using ChargerAgent.Host.Run;

namespace ChargerAgent.Host.Service;

/// <summary>
/// The agent's console on a local Unix socket, for a service whose stdin is /dev/null: each
/// connection sends command lines and gets the board console's answers. The socket file is made
/// mode 600, so only the agent's user (and root) can connect; put it in a directory only that user
/// can enter (systemd's <c>RuntimeDirectory</c>) so there is no moment it is open to others.
/// Lines are read on background threads but run on the agent loop's thread (<see cref="Pump"/>), like
/// the board's serial console. A connection closes once its sender has closed and every line it
/// sent has been answered.
/// </summary>
internal sealed class ConsoleSocketServer : IDisposable
{
    private readonly Socket listener;
    private readonly ConcurrentQueue<(Connection From, string Line)> lines = new();
    private readonly List<Connection> connections = new();
    private int generation;

    private ConsoleSocketServer(string path, Socket listener)
    {
        Path = path;
        this.listener = listener;
        new Thread(Accept) { IsBackground = true, Name = "console socket" }.Start();
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Listens on <paramref name="path"/>, replacing a stale socket file left by a crash.</summary>
    /// <exception cref="RunFailure">Another agent listens there, or the socket cannot be created.</exception>
    public static ConsoleSocketServer Listen(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path) || Directory.Exists(path))
        {
            if (Directory.Exists(path)) throw new RunFailure(ExitCodes.Usage, "--console-socket " + path + " is a directory: pass a file path");
            if (ConsoleSocketClient.TryConnect(path, out Socket other))
            {
                other.Dispose();
                throw new RunFailure(ExitCodes.Usage, "--console-socket " + path + ": another agent is listening there (stop it, or pass another path)");
            }

            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(8);
        }
        catch (Exception e) when (e is SocketException || StorageErrors.IsStorage(e))
        {
            socket.Dispose();
            string why = e is SocketException s && s.SocketErrorCode == SocketError.AddressNotAvailable
                ? "the directory does not exist"
                : e is SocketException se && se.SocketErrorCode == SocketError.AccessDenied ? "permission denied" : e.Message;
            throw new RunFailure(ExitCodes.Storage, "--console-socket " + path + ": cannot listen: " + why
                + " (the directory must exist and be writable by the agent's user; systemd: RuntimeDirectory=chargeragent)");
        }

        return new ConsoleSocketServer(path, socket);
    }

    /// <summary>Runs the lines received so far, on the caller's (the agent loop's) thread.</summary>
    /// <param name="commandsFor">Makes the command set answering into a connection's output.</param>
    public void Pump(Func<IConsoleOutput, ConsoleCommands> commandsFor)
    {
        while (lines.TryDequeue(out (Connection From, string Line) item))
        {
            Connection from = item.From;
            if (item.Line == null)
            {
                from.Close();
                lock (connections) connections.Remove(from);
                continue;
            }

            if (from.Commands == null || from.Generation != generation)
            {
                from.Commands = commandsFor(from);
                from.Generation = generation;
            }

            try
            {
                from.Commands.Execute(item.Line);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // As on the board: a failing command answers one line and leaves the agent running.
                from.WriteLine("error: " + e.Message);
            }
        }
    }

    /// <summary>The agent was rebuilt (reboot, reload): every connection gets a command set for the new one.</summary>
    public void AgentReplaced() => generation++;

    public void Dispose()
    {
        listener.Dispose();
        lock (connections)
        {
            foreach (Connection connection in connections) connection.Close();
            connections.Clear();
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            // Left behind: the next start replaces a stale socket file.
        }
    }

    private void Accept()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = listener.Accept();
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                return;
            }

            var connection = new Connection(socket);
            lock (connections) connections.Add(connection);
            new Thread(() => Receive(connection)) { IsBackground = true, Name = "console connection" }.Start();
        }
    }

    private void Receive(Connection connection)
    {
        try
        {
            using var reader = new StreamReader(new NetworkStream(connection.Socket, ownsSocket: false), System.Text.Encoding.UTF8);
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length > LineEditor.MaxLineLength)
                {
                    connection.WriteLine("error: line longer than " + LineEditor.MaxLineLength + " characters; ignored");
                    continue;
                }

                lines.Enqueue((connection, line));
            }
        }
        catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
        {
            // The client went away: close once its lines are done.
        }

        lines.Enqueue((connection, null));
    }

    /// <summary>One client: its socket and its command set (with its own unsaved-changes flag).</summary>
    private sealed class Connection(Socket socket) : IConsoleOutput
    {
        private bool closed;

        public Socket Socket { get; } = socket;

        public ConsoleCommands Commands { get; set; }

        public int Generation { get; set; }

        public void Write(string text) => Send(text);

        public void WriteLine(string line) => Send(line + "\n");

        public void Close()
        {
            lock (this)
            {
                if (closed) return;
                closed = true;
                try
                {
                    Socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // Already gone.
                }

                Socket.Dispose();
            }
        }

        private void Send(string text)
        {
            lock (this)
            {
                if (closed) return;
                try
                {
                    // A client that stops reading must not stall the agent loop.
                    Socket.SendTimeout = 1000;
                    Socket.Send(System.Text.Encoding.UTF8.GetBytes(text));
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    closed = true;
                    Socket.Dispose();
                }
            }
        }
    }
}
