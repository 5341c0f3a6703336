using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Host.Bridge
{
    /// <summary>
    /// Finds the portable tests and runs them the way nanoFramework's UnitTestLauncher does: per
    /// class, Setup once, then the [TestMethod] methods, then every [DataRow] of the data methods,
    /// then Cleanup. The launcher calls methods with no instance, so a test class may not keep
    /// state in instance fields: the bridge fails such a class instead of hiding the difference.
    /// </summary>
    internal static class PortableTestCatalog
    {
        private static readonly Dictionary<Type, ClassState> States = new Dictionary<Type, ClassState>();

        public static IReadOnlyList<PortableTestCase> All { get; } = Discover();

        public static void Run(string id)
        {
            PortableTestCase test = All.Single(t => t.Id == id);
            ClassState state = StateOf(test.Class);
            try
            {
                if (state.Problem != null) throw new InvalidOperationException(state.Problem);
                if (state.SkipReason != null)
                {
                    Microsoft.VisualStudio.TestTools.UnitTesting.Assert.Inconclusive("Setup skipped the class: " + state.SkipReason);
                }

                try
                {
                    Invoke(test.Method, test.Arguments);
                }
                catch (SkipTestException skip)
                {
                    Microsoft.VisualStudio.TestTools.UnitTesting.Assert.Inconclusive(skip.Message);
                }
            }
            finally
            {
                state.Remaining--;
                if (state.Remaining == 0) RunCleanup(test.Class, state);
            }
        }

        /// <summary>Runs the Cleanup of classes whose tests were not all run (a filtered run).</summary>
        public static void RunPendingCleanups()
        {
            foreach (KeyValuePair<Type, ClassState> pair in States.ToArray())
            {
                if (!pair.Value.CleanedUp) RunCleanup(pair.Key, pair.Value);
            }
        }

        private static ClassState StateOf(Type testClass)
        {
            if (States.TryGetValue(testClass, out ClassState state)) return state;

            state = new ClassState { Remaining = All.Count(t => t.Class == testClass) };
            States[testClass] = state;
            FieldInfo[] instanceFields = testClass.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (instanceFields.Length > 0)
            {
                state.Problem = $"{testClass.Name} has instance fields ({string.Join(", ", instanceFields.Select(f => f.Name))}); " +
                    "the nanoFramework launcher never creates test instances: keep shared state static";
                return state;
            }

            foreach (MethodInfo setup in MethodsWith<SetupAttribute>(testClass))
            {
                try
                {
                    Invoke(setup, null);
                }
                catch (SkipTestException skip)
                {
                    state.SkipReason = skip.Message ?? "skipped";
                }
                catch (Exception ex)
                {
                    state.Problem = $"Setup {setup.Name} failed: {ex.GetType().Name}: {ex.Message}";
                }
            }

            return state;
        }

        private static void RunCleanup(Type testClass, ClassState state)
        {
            state.CleanedUp = true;
            foreach (MethodInfo cleanup in MethodsWith<CleanupAttribute>(testClass))
            {
                Invoke(cleanup, null);
            }
        }

        private static void Invoke(MethodInfo method, object[] arguments)
        {
            object target = method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(method.DeclaringType);
            try
            {
                method.Invoke(target, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }

        private static IEnumerable<MethodInfo> MethodsWith<T>(Type type) where T : Attribute =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttributes(typeof(T), false).Length > 0)
                .OrderBy(m => m.MetadataToken);

        private static IReadOnlyList<PortableTestCase> Discover()
        {
            var cases = new List<PortableTestCase>();
            IEnumerable<Type> classes = typeof(PortableTestCatalog).Assembly.GetTypes()
                .Where(t => t.IsClass && t.GetCustomAttributes(typeof(TestClassAttribute), false).Length > 0)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (Type testClass in classes)
            {
                foreach (MethodInfo method in MethodsWith<TestMethodAttribute>(testClass))
                {
                    cases.Add(new PortableTestCase(testClass, method, null, $"{testClass.Name}.{method.Name}"));
                }

                foreach (MethodInfo method in MethodsWith<DataRowAttribute>(testClass))
                {
                    int row = 0;
                    foreach (DataRowAttribute data in method.GetCustomAttributes(typeof(DataRowAttribute), false))
                    {
                        string args = string.Join(", ", (data.MethodParameters ?? Array.Empty<object>()).Select(a => a?.ToString() ?? "null"));
                        cases.Add(new PortableTestCase(testClass, method, data.MethodParameters, $"{testClass.Name}.{method.Name}#{row}({args})"));
                        row++;
                    }
                }
            }

            return cases;
        }

        private sealed class ClassState
        {
            public int Remaining;
            public string Problem;
            public string SkipReason;
            public bool CleanedUp;
        }
    }

    /// <summary>One portable test: a method, and its arguments for a data row.</summary>
    internal sealed class PortableTestCase
    {
        public PortableTestCase(Type testClass, MethodInfo method, object[] arguments, string id)
        {
            Class = testClass;
            Method = method;
            Arguments = arguments;
            Id = id;
        }

        public Type Class { get; }
        public MethodInfo Method { get; }
        public object[] Arguments { get; }
        public string Id { get; }
    }
}
