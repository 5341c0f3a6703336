using System.Reflection;
using ChargerAgent.Benchmarks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Benchmarks
{
    [TestClass]
    public class TimeBenchmarksTests
    {
        /// <summary>A fast machine calls the benchmark over 140 million times in a run: its instants must stay formattable.</summary>
        [TestMethod]
        public void The_RFC_3339_benchmark_keeps_running_however_many_times_it_is_called()
        {
            var benchmark = new TimeBenchmarks();
            FieldInfo instant = typeof(TimeBenchmarks).GetField("instant", BindingFlags.NonPublic | BindingFlags.Instance);
            Assert.IsNotNull(instant, "TimeBenchmarks keeps its instant in a field named 'instant'");
            instant.SetValue(benchmark, 253402300799L - 3600); // an hour before 9999-12-31T23:59:59Z
            for (int i = 0; i < 10; i++) Assert.AreEqual(20, benchmark.WriteRfc3339());
        }
    }
}
