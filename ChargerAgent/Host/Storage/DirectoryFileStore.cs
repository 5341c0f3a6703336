using System;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Host.Storage;

/// <summary>
/// <see cref="IFileStore"/> over one ordinary directory on the desktop. Appends go to the end of
/// the file; <see cref="Flush"/> forces the file's data to the disk (fsync). <see cref="Write"/>
/// writes a temporary file, syncs it and renames it over the old one, so a crash leaves the old or
/// the new content whole.
/// </summary>
public sealed class DirectoryFileStore : IFileStore
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public DirectoryFileStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        Root = Path.GetFullPath(directory);
    }

    /// <summary>The directory's full path.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public string[] List()
    {
        string[] paths = Directory.GetFiles(Root);
        var names = new System.Collections.Generic.List<string>(paths.Length);
        foreach (string path in paths)
        {
            string name = Path.GetFileName(path);
            if (!name.EndsWith(TemporarySuffix, StringComparison.Ordinal)) names.Add(name);
        }

        return names.ToArray();
    }

    /// <inheritdoc/>
    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <inheritdoc/>
    public long Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? info.Length : -1;
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] buffer, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(buffer, offset, count);
    }

    /// <inheritdoc/>
    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (position >= stream.Length) return 0;
        stream.Position = position;
        return stream.Read(buffer, offset, count);
    }

    /// <inheritdoc/>
    public void Write(string name, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        string temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(buffer, offset, count);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <inheritdoc/>
    public void Flush(string name)
    {
        string path = PathOf(name);
        if (!File.Exists(path)) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
        {
            bool ok = char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
            if (!ok) throw new ArgumentException("file names are short ASCII: letters, digits, '.', '-', '_'", nameof(name));
        }

        if (name == "." || name == "..") throw new ArgumentException("not a file name", nameof(name));
        return Path.Combine(Root, name);
    }
}
