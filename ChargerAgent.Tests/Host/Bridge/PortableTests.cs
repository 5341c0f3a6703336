using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Bridge
{
    /// <summary>The MSTest entry point: one result per portable test case, in launcher order.</summary>
    [TestClass]
    public sealed class PortableTests
    {
        public static IEnumerable<object[]> Cases => PortableTestCatalog.All.Select(t => new object[] { t.Id });

        [TestMethod]
        [DynamicData(nameof(Cases))]
        public void Portable(string id) => PortableTestCatalog.Run(id);

        [TestMethod]
        public void Portable_tests_are_found() =>
            Assert.IsTrue(PortableTestCatalog.All.Count > 0, "no portable test was discovered: the bridge would pass vacuously");

        [ClassCleanup]
        public static void RunPendingCleanups() => PortableTestCatalog.RunPendingCleanups();
    }
}
