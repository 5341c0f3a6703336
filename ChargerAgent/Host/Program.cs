using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using ChargerAgent.Host.Commands;
using ChargerAgent.Host.Run;

namespace ChargerAgent.Host;

/// <summary>Entry point of the desktop agent.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command; argument errors exit 2, as the README says.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("ChargerAgent: energy metering agent for EV chargers (desktop and Linux gateway).");
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (ParseError error in parsed.Errors)
            {
                Console.Error.WriteLine("chargeragent: " + error.Message);
            }

            Console.Error.WriteLine("(chargeragent " + CommandName(parsed) + "--help lists the options)");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No stack trace reaches a user: one line, and the exit code of an unexpected failure.
            Console.Error.WriteLine("chargeragent: unexpected error (" + e.GetType().Name + "): " + e.Message);
            return ExitCodes.Failure;
        }
    }

    private static string CommandName(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? string.Empty : parsed.CommandResult.Command.Name + " ";
}
