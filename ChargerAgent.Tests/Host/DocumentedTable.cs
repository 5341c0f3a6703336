using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host
{
    /// <summary>
    /// A table the docs show between two markers (<c>&lt;!-- name:begin --&gt;</c> …
    /// <c>&lt;!-- name:end --&gt;</c>) is exactly the one a test prints, so a figure cannot go stale.
    /// </summary>
    public static class DocumentedTable
    {
        /// <summary>Prints <paramref name="table"/> and fails unless <paramref name="page"/> (a path from the repository root) shows it between the markers of <paramref name="name"/>.</summary>
        public static void AssertShown(string page, string name, IReadOnlyList<string> table, string what)
        {
            foreach (string line in table) System.Console.WriteLine(line);
            string begin = "<!-- " + name + ":begin -->";
            string end = "<!-- " + name + ":end -->";
            string text = File.ReadAllText(RepositoryPaths.Combine(page.Split('/'))).Replace("\r\n", "\n");
            int from = text.IndexOf(begin, StringComparison.Ordinal);
            int to = text.IndexOf(end, StringComparison.Ordinal);
            Assert.IsTrue(from >= 0 && to > from, page + " has no " + begin + " … " + end + " block");
            string shown = text.Substring(from + begin.Length, to - from - begin.Length).Trim('\n');
            Assert.AreEqual(string.Join("\n", table), shown, page + "'s " + what + " differ from what the code prints: paste the printed table between the markers");
        }
    }
}
