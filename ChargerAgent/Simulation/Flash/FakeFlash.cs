#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// A simulated LittleFS drive behind <see cref="IFileStore"/>, in the manner of littlefs's
/// emubd: every call is charged on a <see cref="LittleFsModel"/> of the board's littlefs (bytes
/// programmed, blocks erased per block, commits and compactions), and it can lose power during its
/// N+1-th operation.
/// </summary>
/// <remarks>
/// Fault model (more pessimistic than LittleFS, which commits whole syncs): every append, write,
/// flush and delete is one operation and one possible cut point. A cut keeps, of each file's
/// unflushed data, only a prefix of <see cref="TearKeepBytes"/> bytes (or a seeded random length);
/// an unflushed whole-file write keeps only a prefix of the new content (the old content is lost);
/// a delete cut before it completes does not happen; a file created and not flushed still exists
/// (LittleFS commits creation at open). After the cut every call throws
/// <see cref="PowerCutException"/> until <see cref="PowerOn"/>. Deterministic for a given seed.
/// </remarks>
public sealed class FakeFlash : IFileStore
{
    private readonly Dictionary<string, FileState> files = new(StringComparer.Ordinal);
    private readonly Random random;
    private bool dead;

    /// <summary>Creates an empty drive with the ESP32 cost model.</summary>
    public FakeFlash(int seed = 1, LittleFsCostModel? model = null)
    {
        random = new Random(seed);
        Model = model ?? LittleFsCostModel.Esp32;
        FileSystem = new LittleFsModel(Model);
    }

    /// <summary>The littlefs parameters charged by.</summary>
    public LittleFsCostModel Model { get; }

    /// <summary>The model of the board's littlefs every call is charged on (wear per block included).</summary>
    public LittleFsModel FileSystem { get; }

    /// <summary>What has been charged so far.</summary>
    public FlashCounters Counters { get; } = new();

    /// <summary>When set, the operation after this many operations (counted by <see cref="FlashCounters.Operations"/>) is cut.</summary>
    public long? CutAfterOperations { get; set; }

    /// <summary>Bytes of unflushed data kept at a cut; negative for a seeded random length.</summary>
    public int TearKeepBytes { get; set; } = -1;

    /// <summary>True after a cut, until <see cref="PowerOn"/>.</summary>
    public bool IsCut => dead;

    /// <summary>
    /// Bytes the drive holds before an append or a write fails with "no space left" (an
    /// <see cref="IOException"/>, as LittleFS's LFS_ERR_NOSPC); null for no limit. A failed
    /// call changes nothing.
    /// </summary>
    public long? CapacityBytes { get; set; }

    /// <summary>While true, every read fails with an <see cref="IOException"/> (a flash read error).</summary>
    public bool ReadsFail { get; set; }

    /// <summary>Calls refused because the drive was full.</summary>
    public long FullRefusals { get; private set; }

    /// <summary>Reads that failed.</summary>
    public long ReadErrors { get; private set; }

    /// <summary>Hears of every change of a file's current length (name, old length, new length), tears included.</summary>
    public Action<string, long, long>? LengthChanged { get; set; }

    /// <summary>Bytes the files hold now (current content), without charging the cost model.</summary>
    public long CurrentBytes { get; private set; }

    /// <summary>When not null, each operation appends the number of unflushed bytes a cut at it could tear.</summary>
    public List<int>? TearableBytesTrace { get; set; }

    /// <summary>Restores power: every file shows its durable content; the cut is disarmed.</summary>
    public void PowerOn()
    {
        if (dead) Charge(() => FileSystem.PowerCut());
        dead = false;
        CutAfterOperations = null;
        foreach (FileState f in files.Values)
        {
            // After power-on every file is its durable content: nothing is pending, so a later cut
            // cannot tear a file that was not touched since.
            SetCurrent(null, f, f.Durable.ToArray());
            f.Replaced = false;
        }
    }

    /// <summary>Overwrites a file's durable content directly (to plant bad input); costs nothing.</summary>
    public void Plant(string name, byte[] content)
    {
        FileState f = Get(name, create: true)!;
        f.Durable = content.ToArray();
        SetCurrent(name, f, content.ToArray());
    }

    /// <summary>A copy of a file's current content, or null.</summary>
    public byte[]? Content(string name) => files.TryGetValue(name, out FileState? f) ? f.Current.ToArray() : null;

    /// <inheritdoc/>
    public string[] List()
    {
        Alive();
        return files.Keys.ToArray();
    }

    /// <inheritdoc/>
    public bool Exists(string name)
    {
        Alive();
        return files.ContainsKey(name);
    }

    /// <inheritdoc/>
    public long Length(string name)
    {
        Alive();
        Charge(() => FileSystem.Touch(name));
        return files.TryGetValue(name, out FileState? f) ? f.Current.Length : -1;
    }

    /// <inheritdoc/>
    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        Alive();
        ArgumentNullException.ThrowIfNull(buffer);
        if (!files.TryGetValue(name, out FileState? f)) throw new FileNotFoundException(name);
        if (ReadsFail)
        {
            ReadErrors++;
            throw new IOException("simulated flash read error: " + name);
        }

        Charge(() => FileSystem.Touch(name));
        if (position >= f.Current.Length) return 0;
        int n = (int)Math.Min(count, f.Current.Length - position);
        Array.Copy(f.Current, position, buffer, offset, n);
        return n;
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Alive();
        NeedRoom(count);
        FileState f = Get(name, create: true)!;
        byte[] next = new byte[f.Current.Length + count];
        f.Current.CopyTo(next, 0);
        Array.Copy(buffer, offset, next, f.Current.Length, count);
        Operation(f, next, replacing: false);
        Charge(() => FileSystem.Append(name, count));
        SetCurrent(name, f, next);
        Counters.BytesWritten += count;
    }

    /// <inheritdoc/>
    public void Write(string name, byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Alive();
        NeedRoom(count - (files.TryGetValue(name, out FileState? old) ? old.Current.Length : 0));
        FileState f = Get(name, create: true)!;
        byte[] next = buffer.AsSpan(offset, count).ToArray();
        Operation(f, next, replacing: true);
        Charge(() => FileSystem.Write(name, count));
        SetCurrent(name, f, next);
        f.Replaced = true;
        Counters.BytesWritten += count;
    }

    /// <inheritdoc/>
    public void Flush(string name)
    {
        FileState? f = files.GetValueOrDefault(name);
        Operation(f, null, replacing: false);
        if (f == null) return;
        Counters.Syncs++;
        Charge(() => FileSystem.Flush(name));
        f.Durable = f.Current.ToArray();
        f.Replaced = false;
    }

    /// <inheritdoc/>
    public void Delete(string name)
    {
        FileState? f = files.GetValueOrDefault(name);
        Operation(null, null, replacing: false);
        if (f == null) return;
        SetCurrent(name, f, []);
        files.Remove(name);
        Charge(() => FileSystem.Delete(name));
    }

    private void Operation(FileState? file, byte[]? incoming, bool replacing)
    {
        Alive();
        Counters.Operations++;
        TearableBytesTrace?.Add(file == null ? 0 : Tearable(file, incoming, replacing));
        if (CutAfterOperations is long after && Counters.Operations > after)
        {
            foreach (FileState f in files.Values)
            {
                bool mine = ReferenceEquals(f, file) && incoming != null;
                byte[] pending = mine ? incoming! : f.Current;
                bool replace = mine ? replacing : f.Replaced;
                Tear(f, pending, replace);
            }

            dead = true;
            throw new PowerCutException(Counters.Operations);
        }
    }

    private static int Tearable(FileState f, byte[]? incoming, bool replacing)
    {
        byte[] pending = incoming ?? f.Current;
        return replacing || f.Replaced ? pending.Length : pending.Length - f.Durable.Length;
    }

    private void Tear(FileState f, byte[] pending, bool replace)
    {
        int baseLength = replace ? 0 : f.Durable.Length;
        int unflushed = pending.Length - baseLength;
        if (!replace && unflushed <= 0)
        {
            SetCurrent(null, f, f.Durable.ToArray());
            return;
        }

        int keep = TearKeepBytes >= 0 ? Math.Min(TearKeepBytes, unflushed) : random.Next(unflushed + 1);
        f.Durable = pending.AsSpan(0, baseLength + keep).ToArray();
        SetCurrent(null, f, f.Durable.ToArray());
    }

    private void NeedRoom(long growth)
    {
        if (CapacityBytes is long capacity && growth > 0 && CurrentBytes + growth > capacity)
        {
            FullRefusals++;
            throw new IOException("simulated flash full: no space left on the drive");
        }
    }

    private void SetCurrent(string? name, FileState f, byte[] content)
    {
        long before = f.Current.Length;
        f.Current = content;
        CurrentBytes += content.Length - before;
        if (before != content.Length) LengthChanged?.Invoke(name ?? f.Name, before, content.Length);
    }

    private void Charge(Action call)
    {
        long erased = FileSystem.BlocksErased, programmed = FileSystem.BytesProgrammed;
        long commits = FileSystem.Commits, compactions = FileSystem.Compactions;
        call();
        Counters.BlocksErased += FileSystem.BlocksErased - erased;
        Counters.BytesProgrammed += FileSystem.BytesProgrammed - programmed;
        Counters.MetadataCommits += FileSystem.Commits - commits;
        Counters.Compactions += FileSystem.Compactions - compactions;
    }

    private FileState? Get(string name, bool create)
    {
        Alive();
        if (files.TryGetValue(name, out FileState? f)) return f;
        if (!create) return null;
        f = new FileState { Name = name };
        files.Add(name, f);
        return f;
    }

    private void Alive()
    {
        if (dead) throw new PowerCutException(Counters.Operations);
    }

    private sealed class FileState
    {
        public string Name = string.Empty;
        public byte[] Durable = [];
        public byte[] Current = [];
        public bool Replaced;
    }
}
