using System.IO;
using System.Linq;
using ChargerAgent.Guard;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Guard
{
    [TestClass]
    public sealed class GuardTests
    {
        // A small allow-list, so these tests say exactly what the guard does with any list.
        private static readonly NanoFrameworkApi SmallApi = NanoFrameworkApi.Parse(new StringReader(string.Join("\n",
            "# test list",
            "T System.Object", "M System.Object..ctor", "M System.Object.ToString",
            "T System.Int32", "T System.Int64", "T System.String", "T System.Boolean", "T System.Void", "T System.Byte",
            "M System.String.Length",
            "T System.Collections.ArrayList", "M System.Collections.ArrayList..ctor", "M System.Collections.ArrayList.Add",
            "M System.Collections.ArrayList.Count",
            "T System.DateTime", "M System.DateTime.UtcNow")));

        private static string[] Check(string source) => GuardHarness.Run(source, SmallApi);

        private static void AssertRule(string rule, string source)
        {
            string[] found = Check(source);
            Assert.IsTrue(found.Any(d => d.StartsWith(rule + ":")), $"expected {rule}, got: {string.Join(" | ", found)}");
        }

        [TestMethod]
        public void ArrayList_passes() =>
            CollectionAssert.AreEqual(new string[0], Check("class P { System.Collections.ArrayList x = new System.Collections.ArrayList(); int N() { x.Add(1); return x.Count; } }"));

        [TestMethod]
        public void List_of_int_is_rejected_naming_the_rule()
        {
            string[] found = Check("class P { System.Collections.Generic.List<int> x; }");
            Assert.IsTrue(found.Any(d => d.StartsWith("NF1001:") && d.Contains("no generics on nanoFramework 1.x")), string.Join(" | ", found));
        }

        [TestMethod]
        public void A_generic_class_of_our_own_is_rejected() => AssertRule("NF1001", "class Box<T> { }");

        [TestMethod]
        public void A_generic_method_is_rejected() => AssertRule("NF1001", "class P { static void M<T>(T t) { } }");

        [TestMethod]
        public void Async_and_await_are_rejected() =>
            AssertRule("NF1002", "class P { async System.Threading.Tasks.Task M() { await System.Threading.Tasks.Task.Delay(1); } }");

        [TestMethod]
        public void Linq_is_rejected() => AssertRule("NF1003", "using System.Linq; class P { }");

        [TestMethod]
        public void A_nullable_int_is_rejected() => AssertRule("NF1004", "class P { int? x; }");

        [TestMethod]
        public void Span_is_rejected() => AssertRule("NF1005", "class P { void M() { System.Span<byte> s = stackalloc byte[4]; } }");

        [TestMethod]
        public void A_tuple_is_rejected() => AssertRule("NF1006", "class P { (int, int) M() { return (1, 2); } }");

        [TestMethod]
        public void A_record_is_rejected() => AssertRule("NF1007", "record R(int A);");

        [TestMethod]
        public void A_type_nanoFramework_lacks_is_rejected() => AssertRule("NF1008", "class P { System.Text.RegularExpressions.Regex r; }");

        [TestMethod]
        public void A_member_nanoFramework_lacks_is_rejected() => AssertRule("NF1009", "class P { object M() { return System.DateTime.Now; } }");

        [TestMethod]
        public void A_member_nanoFramework_has_passes() =>
            CollectionAssert.AreEqual(new string[0], Check("class P { object M() { return System.DateTime.UtcNow; } }"));

        [TestMethod]
        public void A_multidimensional_array_is_rejected() => AssertRule("NF1010", "class P { int[,] grid; }");

        private static string[] CheckEmbedded(string source) => GuardHarness.Run(source, NanoFrameworkApi.Embedded);

        [TestMethod]
        public void A_uint_cast_to_int_and_widened_to_long_is_rejected()
        {
            foreach (string body in new[]
            {
                "long M(uint u) { return (long)(int)u; }",
                "long M(uint u) { return (int)u; }",
                "long M(uint u) { return (int)u - 1; }",
                "void M(uint u) { Take((int)u); } void Take(long v) { }",
                "double M(uint u) { return (int)(u >> 1); }",
            })
            {
                string[] found = CheckEmbedded("class P { " + body + " }");
                Assert.IsTrue(found.Any(d => d.StartsWith("NF1011:")), body + ": " + string.Join(" | ", found));
            }
        }

        [TestMethod]
        public void A_uint_kept_in_an_int_local_or_widened_as_unsigned_passes()
        {
            foreach (string body in new[]
            {
                "long M(uint u) { return u; }",
                "long M(uint u) { return ((long)u ^ 0x80000000L) - 0x80000000L; }",
                "int M(uint u) { return (int)u + 1; }",
                "long M(int i) { return i; }",
            })
            {
                string[] found = CheckEmbedded("class P { " + body + " }");
                Assert.IsFalse(found.Any(d => d.StartsWith("NF1011:")), body + ": " + string.Join(" | ", found));
            }
        }

        [TestMethod]
        public void A_uint_cast_to_int_is_rejected_when_it_reaches_a_widening_through_a_local_a_parameter_or_a_return()
        {
            // Release compilation drops a local read once ("int i = (int)u; return i;" is ldarg, conv.i8), and
            // nanoCLR passes arguments and return values with their type tag (the callee's arguments are the
            // caller's evaluation stack; ret only promotes small types), so none of these re-tags the value.
            foreach (string body in new[]
            {
                "long M(uint u) { int i = (int)u; return i; }",
                "long M(uint u) { int i; i = (int)u + 1; return i * 2L; }",
                "long M(uint u) { return Widen((int)u); } long Widen(int v) { return v; }",
                "long M(uint u) { return Bits(u) * 2L; } int Bits(uint u) { return (int)u; }",
                "long M(uint u) => Bits(u); int Bits(uint u) => (int)(u >> 2);",
            })
            {
                string[] found = CheckEmbedded("class P { " + body + " }");
                Assert.IsTrue(found.Any(d => d.StartsWith("NF1011:")), body + ": " + string.Join(" | ", found));
            }
        }

        [TestMethod]
        public void An_int_from_a_uint_that_stays_an_int_passes()
        {
            foreach (string body in new[]
            {
                "int M(uint u) { int i = (int)u; return i & 0xFF; }",
                "long M(int v) { return v; }",
                "void M(uint u, int[] a) { a[(int)(u & 3)] = 1; }",
                "long M(uint u) { int i = 0; i = 5; return i; }",
            })
            {
                string[] found = CheckEmbedded("class P { " + body + " }");
                Assert.IsFalse(found.Any(d => d.StartsWith("NF1011:")), body + ": " + string.Join(" | ", found));
            }
        }

        [TestMethod]
        public void A_Hashtable_entry_set_by_index_is_rejected()
        {
            string[] found = CheckEmbedded("class P { System.Collections.Hashtable t = new System.Collections.Hashtable(); void M() { t[\"a\"] = 1; } }");
            Assert.IsTrue(found.Any(d => d.StartsWith("NF1012:")), string.Join(" | ", found));
        }

        [TestMethod]
        public void A_Hashtable_entry_removed_then_added_or_read_by_index_passes()
        {
            string[] found = CheckEmbedded("class P { System.Collections.Hashtable t = new System.Collections.Hashtable(); object M() { t.Remove(\"a\"); t.Add(\"a\", 1); return t[\"a\"]; } }");
            Assert.IsFalse(found.Any(d => d.StartsWith("NF1012:")), string.Join(" | ", found));
        }

        [TestMethod]
        public void Files_not_marked_are_left_alone() =>
            CollectionAssert.AreEqual(new string[0], GuardHarness.Run("class P { System.Collections.Generic.List<int> x; }", SmallApi, marked: false));

        [TestMethod]
        public void The_embedded_allow_list_was_generated_from_nanoFramework_sources()
        {
            Assert.IsTrue(NanoFrameworkApi.Embedded.TypeCount > 200, $"the embedded nanoframework-api.txt lists only {NanoFrameworkApi.Embedded.TypeCount} types");
            Assert.IsTrue(NanoFrameworkApi.Embedded.HasType("System.Collections.ArrayList"));
            Assert.IsTrue(NanoFrameworkApi.Embedded.HasMember("System.DateTime", "UtcNow"));
            Assert.IsFalse(NanoFrameworkApi.Embedded.HasMember("System.DateTime", "Now"), "nanoFramework has no DateTime.Now");
            Assert.IsFalse(NanoFrameworkApi.Embedded.HasType("System.Buffer"), "nanoFramework has no Buffer.BlockCopy");
        }

        [TestMethod]
        public void With_the_embedded_list_ArrayList_passes_and_DateTime_Now_is_rejected()
        {
            Assert.AreEqual(0, GuardHarness.Run("class P { System.Collections.ArrayList x = new System.Collections.ArrayList(); }", NanoFrameworkApi.Embedded).Length);
            Assert.IsTrue(GuardHarness.Run("class P { object M() { return System.DateTime.Now; } }", NanoFrameworkApi.Embedded).Any(d => d.StartsWith("NF1009:")));
        }
    }
}
