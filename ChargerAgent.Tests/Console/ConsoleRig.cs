using System.Text;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Status;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Console
{
    /// <summary>A console wired to captured output, a recording control, a status and an in-memory file store.</summary>
    public sealed class ConsoleRig
    {
        public readonly FakeConsoleOutput Output = new FakeConsoleOutput();
        public readonly FakeAgentControl Control = new FakeAgentControl();
        public readonly AgentStatus Status = new AgentStatus();
        public readonly FakeFileStore Files = new FakeFileStore();
        public readonly ConfigValues Config;
        public readonly ConsoleLog Log;
        public readonly ConsoleCommands Commands;
        public readonly ConsoleShell Shell;

        public ConsoleRig(ConfigValues config)
        {
            Config = config ?? new ConfigValues();
            Log = new ConsoleLog(Output);
            Commands = new ConsoleCommands(Output, Status, Control, Config, new ConfigStore(Files), Log, true);
            Shell = new ConsoleShell(Output, Commands);
        }

        /// <summary>Types <paramref name="text"/> as bytes (ASCII), returns what the console wrote meanwhile.</summary>
        public string Type(string text)
        {
            Output.Clear();
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Shell.Feed(bytes, 0, bytes.Length);
            return Output.Text;
        }

        /// <summary>Feeds raw bytes, returns what the console wrote meanwhile.</summary>
        public string Feed(byte[] bytes)
        {
            Output.Clear();
            Shell.Feed(bytes, 0, bytes.Length);
            return Output.Text;
        }
    }
}
