using BenchmarkDotNet.Running;

namespace ChargerAgent.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (all with --filter '*').</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
