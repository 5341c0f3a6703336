using System.CommandLine;

namespace ChargerAgent.Host;

/// <summary>Entry point of the desktop agent.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("ChargerAgent: energy metering agent for EV chargers (desktop and Linux gateway).");
        root.SetAction(_ =>
        {
            System.Console.WriteLine("ChargerAgent desktop agent: commands arrive with the desktop agent; see --help.");
            return 0;
        });
        return root.Parse(args).Invoke();
    }
}
