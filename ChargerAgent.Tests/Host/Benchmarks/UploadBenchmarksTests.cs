using System;
using System.Collections.Generic;
using System.IO;
using ChargerAgent.Benchmarks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Benchmarks
{
    /// <summary>The allocation figures in docs/UPLOAD.md for the upload path are what the benchmarks' own methods allocate, counted here.</summary>
    [TestClass]
    public class UploadBenchmarksTests
    {
        private const int Calls = 2000;

        [TestMethod]
        public void The_docs_show_the_bytes_the_upload_benchmarks_allocate_per_record()
        {
            var benchmarks = new UploadBenchmarks();
            benchmarks.Setup();
            var table = new List<string>
            {
                "| Per record (`UploadBenchmarks`, 2,000 calls after a warm-up) | Allocated |",
                "| --- | ---: |",
                $"| `InstantBodyWriter` body | {PerCall(() => benchmarks.BodyWriter())} B |",
                $"| System.Text.Json body through a reused `Utf8JsonWriter` | {PerCall(() => benchmarks.SystemTextJson())} B |",
                $"| `ResponseReader.TryReadInstant` | {PerCall(() => benchmarks.ReadResponse())} B |",
                $"| `JsonDocument` read of the same response | {PerCall(() => benchmarks.ReadResponseJsonDocument())} B |",
            };

            DocumentedTable.AssertShown("docs/UPLOAD.md", "upload-allocations", table, "upload allocation figures");
        }

        private static long PerCall(Action call)
        {
            for (int i = 0; i < 100; i++) call();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) call();
            return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
        }
    }
}
