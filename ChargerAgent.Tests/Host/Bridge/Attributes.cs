using System;

// The nanoFramework.TestFramework 3.x API surface that portable tests may use, mapped onto MSTest.
// Only what the device framework offers is here, so a portable test that compiles on the host also
// compiles for the device.
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class whose methods are tests (nanoFramework.TestFramework).</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a test method; it takes no parameters.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs once per class before its tests; a skip here skips the whole class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once per class after its tests.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute
    {
    }

    /// <summary>One row of arguments for a data-driven test method (which carries no [TestMethod]).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>.</summary>
    public sealed class SkipTestException : Exception
    {
        public SkipTestException(string message) : base(message)
        {
        }
    }

    /// <summary>Writes a line to the test output.</summary>
    public static class OutputHelper
    {
        public static void WriteLine(string message)
        {
            Console.WriteLine(message);
        }
    }
}
