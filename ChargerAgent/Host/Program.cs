using System.CommandLine;
using ChargerAgent.Host.Commands;

namespace ChargerAgent.Host;

/// <summary>Entry point of the desktop agent.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("ChargerAgent: energy metering agent for EV chargers (desktop and Linux gateway).");
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args).Invoke();
    }
}
