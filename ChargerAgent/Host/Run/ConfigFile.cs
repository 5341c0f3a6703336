using System;
using System.IO;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Host.Run;

/// <summary>
/// The configuration file <c>run --config</c> was started with, as the console's
/// <see cref="ConfigStore"/> sees it: <c>config save</c> replaces that file atomically (a temporary
/// file in the same directory, synced, renamed over it) with mode 600, since it holds the API key.
/// Where it cannot be written, the exception's message is one line naming the file and the fix.
/// </summary>
internal sealed class ConfigFile : IFileStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A store for the file at <paramref name="path"/>, or for no file at all (the demo) when null.</summary>
    public ConfigFile(string path) => Path = path == null ? null : System.IO.Path.GetFullPath(path);

    /// <summary>The file's full path, or null in the demo.</summary>
    public string Path { get; }

    /// <summary>Reads and checks the file into <paramref name="values"/>; the configuration it describes.</summary>
    /// <exception cref="RunFailure">Missing, unreadable or invalid; the message names the key or the fix.</exception>
    public AgentConfig Load(ConfigValues values)
    {
        if (Directory.Exists(Path)) throw new RunFailure(ExitCodes.Usage, "--config " + Path + " is a directory: pass the configuration file");
        if (!File.Exists(Path)) throw new RunFailure(ExitCodes.Usage, "configuration file not found: " + Path);
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new RunFailure(ExitCodes.Usage, "cannot read " + Path + ": permission denied (the agent's user must own it: chown chargeragent " + Path + ")");
        }
        catch (IOException e)
        {
            throw new RunFailure(ExitCodes.Usage, "cannot read " + Path + ": " + e.Message);
        }

        if (!ConfigText.TryParse(text, values, out string problem)) throw new RunFailure(ExitCodes.Usage, Path + ": " + problem);
        try
        {
            Credentials.FillFromEnvironment(values);
        }
        catch (UsageException e)
        {
            throw new RunFailure(ExitCodes.Usage, e.Message);
        }

        var config = new AgentConfig();
        if (!ConfigValidator.Validate(values, false, config, out string[] problems))
        {
            throw new RunFailure(ExitCodes.Usage, Path + ": " + string.Join("; ", problems));
        }

        return config;
    }

    /// <inheritdoc/>
    public string[] List() => Exists(ConfigStore.FileName) ? new[] { ConfigStore.FileName } : Array.Empty<string>();

    /// <inheritdoc/>
    public bool Exists(string name) => IsConfig(name) && Path != null && File.Exists(Path);

    /// <inheritdoc/>
    public long Length(string name) => Exists(name) ? new FileInfo(Path).Length : -1;

    /// <inheritdoc/>
    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (position >= stream.Length) return 0;
        stream.Position = position;
        return stream.Read(buffer, offset, count);
    }

    /// <inheritdoc/>
    public void Write(string name, byte[] buffer, int offset, int count)
    {
        if (!IsConfig(name)) throw new IOException("only " + ConfigStore.FileName + " can be written here");
        if (Path == null) throw new IOException("the demo has no configuration file: start run with --config FILE to save one");
        string directory = System.IO.Path.GetDirectoryName(Path);
        string temporary = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + ".new");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(buffer, offset, count);
                stream.Flush(flushToDisk: true);
            }

            // An existing temporary file keeps its old mode: set it again before it becomes the configuration.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, OwnerOnly);
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            TryDelete(temporary);
            string why = e is UnauthorizedAccessException
                ? "permission denied (the agent's user must own " + directory + ": chown chargeragent " + directory + ")"
                : StorageErrors.Condition(e);
            throw new IOException("cannot write " + Path + ": " + why);
        }
    }

    /// <inheritdoc/>
    public void Flush(string name)
    {
        // Write already synced the file before the rename.
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] buffer, int offset, int count) => throw new IOException(ConfigStore.FileName + " is only ever replaced whole");

    /// <inheritdoc/>
    public void Delete(string name) => throw new IOException(ConfigStore.FileName + " is never deleted by the agent");

    private static bool IsConfig(string name) => name == ConfigStore.FileName;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (StorageErrors.IsStorage(e))
        {
            // Nothing more to do: the message about the write says what matters.
        }
    }
}
