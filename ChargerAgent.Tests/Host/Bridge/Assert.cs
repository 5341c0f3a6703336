using System;
using System.Collections;
using System.Runtime.CompilerServices;
using MS = Microsoft.VisualStudio.TestTools.UnitTesting;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// nanoFramework.TestFramework's Assert, each call forwarded to the MSTest assertion with the
    /// same meaning (exact equality, no deltas), so nothing is weaker on the host than on the device.
    /// Its message parameters carry [CallerArgumentExpression] as the device's do: the compiler then
    /// writes each asserted expression into the test assembly as a string, which the device's .pe
    /// string table must hold (ChargerAgent/PeBudget compiles against these declarations).
    /// </summary>
    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(TimeSpan expected, TimeSpan actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreEqual(expected, actual, message);

        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => MS.Assert.IsTrue(condition, message);
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => MS.Assert.IsFalse(condition, message);
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") => MS.Assert.IsNull(value, message);
        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") => MS.Assert.IsNotNull(value, message);
        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreSame(expected, actual, message);
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => MS.Assert.AreNotSame(notExpected, actual, message);
        public static void IsInstanceOfType(object value, Type expectedType, [CallerArgumentExpression(nameof(value))] string message = "") => MS.Assert.IsInstanceOfType(value, expectedType, message);

        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "") => MS.StringAssert.Contains(value, expected, message);
        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            MS.Assert.IsNotNull(value, message);
            MS.Assert.IsFalse(value.Contains(notExpected, StringComparison.Ordinal), $"'{value}' should not contain '{notExpected}'. {message}");
        }

        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "") => MS.StringAssert.StartsWith(value, expected, message);
        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "") => MS.StringAssert.EndsWith(value, expected, message);

        /// <summary>Passes only when <paramref name="action"/> throws exactly <paramref name="exceptionType"/> (not a derived type), as on the device.</summary>
        public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            if (exceptionType == null) throw new ArgumentNullException(nameof(exceptionType));
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exceptionType)
                {
                    throw new MS.AssertFailedException($"Assert.ThrowsException failed. Expected {exceptionType.Name}, got {ex.GetType().Name}: {ex.Message}. {message}");
                }

                return;
            }

            throw new MS.AssertFailedException($"Assert.ThrowsException failed. No exception thrown; expected {exceptionType.Name}. {message}");
        }

        public static void SkipTest(string message = null) => throw new SkipTestException(message);
    }

    /// <summary>nanoFramework.TestFramework's CollectionAssert, forwarded to MSTest.</summary>
    public static class CollectionAssert
    {
        public static void AreEqual(ICollection expected, ICollection actual, string message = "") => MS.CollectionAssert.AreEqual(expected, actual, message);
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "") => MS.CollectionAssert.AreNotEqual(notExpected, actual, message);

        public static void Empty(ICollection collection, string message = "")
        {
            MS.Assert.IsNotNull(collection, message);
            MS.Assert.AreEqual(0, collection.Count, message);
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            MS.Assert.IsNotNull(collection, message);
            MS.Assert.AreNotEqual(0, collection.Count, message);
        }
    }
}
