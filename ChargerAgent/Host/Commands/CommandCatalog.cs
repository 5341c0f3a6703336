using System.CommandLine;

namespace ChargerAgent.Host.Commands;

/// <summary>Every command of the desktop agent, one line each.</summary>
internal static class CommandCatalog
{
    public static Command[] All() =>
    [
        RunCommand.Create(),
        ReadMeterCommand.Create(),
        ServeCommand.Create(),
        SimulateCommand.Create(),
        ConsoleCommand.Console(),
        ConsoleCommand.Status(),
        ConsoleCommand.Session(),
    ];
}
