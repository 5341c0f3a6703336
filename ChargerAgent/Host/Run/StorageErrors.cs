using System;
using System.IO;

namespace ChargerAgent.Host.Run;

/// <summary>Turns a file-system exception into one line that names the path and what to do.</summary>
internal static class StorageErrors
{
    // errno values as .NET keeps them in IOException.HResult on Linux.
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;
    private const int QuotaExceeded = 122;

    /// <summary>True for the exceptions a file system raises (so callers catch only those).</summary>
    public static bool IsStorage(Exception e) => e is IOException || e is UnauthorizedAccessException;

    /// <summary>The failure for <paramref name="e"/> in the state directory <paramref name="directory"/>.</summary>
    public static RunFailure StateDirectory(string directory, Exception e)
    {
        string hint = IsNoSpace(e) ? "free space there or pass another --state-dir"
            : IsReadOnly(e) ? "pass a --state-dir on a writable disk"
            : e is UnauthorizedAccessException ? "the agent's user must own it (chown -R chargeragent " + directory + ")"
            : "check the disk";
        return new RunFailure(ExitCodes.Storage, "state directory " + directory + ": " + Condition(e) + ": " + hint);
    }

    /// <summary>An output file (given on the command line) that cannot be written.</summary>
    public static RunFailure OutputFile(string option, string path, Exception e)
    {
        string hint = e is DirectoryNotFoundException ? "create " + Path.GetDirectoryName(Path.GetFullPath(path)) + " first or pass another path"
            : "pass a writable path";
        return new RunFailure(ExitCodes.Storage, option + " " + path + ": " + Condition(e) + ": " + hint);
    }

    /// <summary>What went wrong, without the exception's type or stack.</summary>
    public static string Condition(Exception e)
    {
        if (IsNoSpace(e)) return "the disk is full (no space left on device)";
        if (IsReadOnly(e)) return "the file system is read-only";
        if (e is UnauthorizedAccessException) return "permission denied";
        if (e is DirectoryNotFoundException) return "the directory does not exist";
        return e.Message;
    }

    private static bool IsNoSpace(Exception e) =>
        e is IOException && (e.HResult == NoSpace || e.HResult == QuotaExceeded || Mentions(e, "No space left"));

    private static bool IsReadOnly(Exception e) => e.HResult == ReadOnlyFileSystem || Mentions(e, "Read-only file system");

    private static bool Mentions(Exception e, string text)
    {
        for (Exception at = e; at != null; at = at.InnerException)
        {
            if (at.Message.Contains(text, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
