using System;
using System.IO;
using ChargerAgent.Host.Storage;

namespace ChargerAgent.Host.Run;

/// <summary>
/// Opens the state directory (the agent's flash) and proves it can be written before the agent
/// starts, so a read-only, full or wrong path ends in one line instead of failing mid-run.
/// </summary>
internal static class StateDirectory
{
    // Ends in .tmp: the file store never lists it, even if a crash leaves it behind.
    private const string ProbeName = "write-check.tmp";

    /// <summary>The file store over <paramref name="path"/>, created if missing.</summary>
    /// <exception cref="RunFailure">The directory cannot be used; the message says why and what to do.</exception>
    public static DirectoryFileStore Open(string path)
    {
        if (File.Exists(path))
        {
            throw new RunFailure(ExitCodes.Storage, "state directory " + path + " is a file, not a directory: pass --state-dir a directory (it is created if missing)");
        }

        try
        {
            var store = new DirectoryFileStore(path);
            string probe = Path.Combine(store.Root, ProbeName);
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(new byte[512]);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return store;
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            throw StorageErrors.StateDirectory(path, e);
        }
    }
}
