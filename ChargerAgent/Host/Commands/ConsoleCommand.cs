using System;
using System.CommandLine;
using System.IO;
using ChargerAgent.Host.Service;

namespace ChargerAgent.Host.Commands;

/// <summary>
/// <c>console</c>, <c>status</c> and <c>session</c>: the board's console commands, sent to the agent
/// running as a service over its console socket (<c>run --console-socket</c>).
/// </summary>
internal static class ConsoleCommand
{
    /// <summary><c>console [COMMAND…]</c>: interactive (stdin), or the one command given.</summary>
    public static Command Console()
    {
        var socket = SocketOption();
        var words = new Argument<string[]>("command") { Description = "One console command to run (e.g. upload now); without it, the lines read from stdin", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("console", "The running agent's console (help, status, config, session, queue, upload now, …) over its socket.");
        command.Options.Add(socket);
        command.Arguments.Add(words);
        command.SetAction(parse =>
        {
            string[] given = parse.GetValue(words) ?? Array.Empty<string>();
            TextReader input = given.Length > 0 ? new StringReader(string.Join(' ', given)) : System.Console.In;
            return ConsoleSocketClient.Run(parse.GetValue(socket), input, System.Console.Out, System.Console.Error);
        });
        return command;
    }

    /// <summary><c>status</c>: the running agent's status, once.</summary>
    public static Command Status()
    {
        var socket = SocketOption();
        var command = new Command("status", "The running agent's status (as the console's status command).");
        command.Options.Add(socket);
        command.SetAction(parse => ConsoleSocketClient.Run(parse.GetValue(socket), new StringReader("status"), System.Console.Out, System.Console.Error));
        return command;
    }

    /// <summary><c>session start [ID]</c> and <c>session stop</c> on the running agent.</summary>
    public static Command Session()
    {
        var command = new Command("session", "Start or stop a charging session on the running agent (session.source must include console).");
        var start = new Command("start", "Start a session, with an optional reference id (letters, digits, - and _).");
        var id = new Argument<string>("id") { Arity = ArgumentArity.ZeroOrOne, Description = "The session's reference id (default: generated)" };
        var startSocket = SocketOption();
        start.Arguments.Add(id);
        start.Options.Add(startSocket);
        start.SetAction(parse =>
        {
            string given = parse.GetValue(id);
            return ConsoleSocketClient.Run(parse.GetValue(startSocket), new StringReader(given == null ? "session start" : "session start " + given),
                System.Console.Out, System.Console.Error);
        });
        var stop = new Command("stop", "End the open session.");
        var stopSocket = SocketOption();
        stop.Options.Add(stopSocket);
        stop.SetAction(parse => ConsoleSocketClient.Run(parse.GetValue(stopSocket), new StringReader("session stop"), System.Console.Out, System.Console.Error));
        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        return command;
    }

    private static Option<string> SocketOption() => new("--socket")
    {
        Description = "The agent's console socket (run --console-socket)",
        DefaultValueFactory = _ => ConsoleSocketClient.DefaultPath,
    };
}
